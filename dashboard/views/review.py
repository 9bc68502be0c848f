"""Review page: what the machine read and a person should check (counts per kind), and, in editor mode, the fixes."""

import streamlit as st

from dashboard import data, editor
from dashboard.gazetteer_view import escape_markdown
from dashboard.review_view import (PER_PAGE, Target, counts_caption, kind_counts, page_bounds, place_choices,
                                   queue_page, sentence_html, sentence_start)
from incidents.review import KIND_LABELS

#: The corrections each kind of item offers (every item may also be no casualty claim, or not about its incident).
ACTIONS = {"unresolved_place": ("place",), "ambiguous_place": ("place",), "low_confidence": ("place",),
           "imported_far": ("place",), "undated": ("date",), "possible_merge": ("merge",)}
BASE_ACTIONS = ("not_casualty", "not_about")

st.title("Review")
st.caption("What the machine read and a person should check: places it could not settle, undated accounts, "
           "readings it was unsure of, imported rows far from their place, incidents that may be one.")

store = data.ensure_store()
editing = editor.page_controls("review")

labels = dict(KIND_LABELS)
kind = st.selectbox("Kind", ["", *labels], key="review_kind",
                    format_func=lambda k: labels.get(k, "every kind") if k else "every kind")
page = int(st.session_state.get("review_page", 1))
items, total, counts = queue_page(store, [kind] if kind else None, page)
rows = kind_counts(counts, labels)
st.markdown(f"**{escape_markdown(counts_caption(rows))}**")
for col, (_, label, n) in zip(st.columns(len(rows)), rows):
    col.metric(label, f"{n:,}")

_, _, pages = page_bounds(total, page)
if pages > 1:
    st.number_input(f"Page (of {pages:,}, {PER_PAGE} items each)", min_value=1, max_value=pages, step=1,
                    key="review_page")
if not items:
    st.info("Nothing of this kind to review.")

gaz = data.gazetteer()
for n, item in enumerate(items):
    with st.container(border=True, key=f"review_item_{n}"):
        st.markdown(f"**{escape_markdown(labels.get(item.kind, item.kind))}** · "
                    f"{escape_markdown(item.title or 'untitled')}")
        document = data.document(item.document_id) if item.document_id else None
        at = sentence_start(document.text if document else None, item.sentence, item.span)
        st.markdown(sentence_html(item.sentence, item.span if at is not None else None, at), unsafe_allow_html=True)
        if item.detail:
            st.caption(escape_markdown(item.detail))
        if item.incident_id:
            st.page_link("views/incident.py", label="Open its incident", query_params={"incident": item.incident_id})
        if not editing:
            continue
        other = data.incident(item.other_incident_id) if item.other_incident_id else None
        target = Target(account_id=item.account_id, document_id=item.document_id, span=item.span,
                        incident_id=item.incident_id, candidates=tuple(place_choices(item.candidates, gaz)),
                        other_incident_id=item.other_incident_id,
                        other_account_id=other.accounts[0].id if other and other.accounts else None)
        with st.expander("Correct"):
            editor.correction_controls(f"rv{n}", target, gaz, store,
                                       actions=ACTIONS.get(item.kind, ()) + BASE_ACTIONS)
