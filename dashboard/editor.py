"""Editor mode: the one gate every control that writes to the store goes through.

A hosted share link is read-only. The app writes (ingest, review actions, corrections, undo) only in a session
where the person typed the editor password, which the app is started with: the environment variable
``ATLAS_EDITOR_PASSWORD`` or ``editor_password`` in Streamlit's secrets. Without one configured, every session is
read-only and the pages that would write say so.

    password = configured_password(os.environ, secrets)      # None: read-only
    password_matches(typed, password)                        # constant time; False when no password is set
    clean_author(" Rana  K. ")                               # "Rana K." (ValueError when empty or hostile)

In a page:

    if editor.page_controls("review"):         # the read-only line or the password form; else True, with the
        name = editor.author()                 # sign-out button and the author's box (typed once per session)
        ...
        editor.require()                       # again right before the write: PermissionError when read-only

The password is never logged, never kept in the session (only that this session passed), never put in a URL, and
its box is emptied when submitted.
"""

from __future__ import annotations

import hmac
import os
import unicodedata
from collections.abc import Mapping

import streamlit as st

from incidents.errors import IncidentsError

#: The environment variable holding the editor password.
PASSWORD_ENV = "ATLAS_EDITOR_PASSWORD"
#: The key holding the editor password in Streamlit's secrets (.streamlit/secrets.toml or the host's settings).
SECRET_KEY = "editor_password"
#: What a page that would write says in read-only mode.
READ_ONLY_NOTE = f"This view is read-only: start the app with {PASSWORD_ENV} to review and correct."
#: Longest author name kept (characters).
MAX_AUTHOR = 80

_PASSED = "editor_passed"  # session flag: this session typed the right password (never the password itself)
_AUTHOR = "editor_author"


# -- pure rules (tested without Streamlit) -------------------------------------------------------------------------


def configured_password(environ: Mapping[str, str], secrets: Mapping | None = None) -> str | None:
    """The editor password the app was started with: the environment's, else the secrets'; None when neither.

    A blank value counts as none (an empty password would open editor mode to anyone).
    """
    for source in (environ, secrets or {}):
        value = source.get(PASSWORD_ENV if source is environ else SECRET_KEY)
        if isinstance(value, str) and value.strip():
            return value
    return None


def password_matches(typed: str | None, password: str | None) -> bool:
    """True when `typed` is the configured `password`, compared in constant time; always False with no password."""
    if not password or not typed:
        return False
    return hmac.compare_digest(typed.encode("utf-8"), password.encode("utf-8"))


def clean_author(name: str | None) -> str:
    """An author's name as typed, spaces collapsed; ValueError when empty, too long or holding control characters."""
    text = " ".join(str(name or "").split())
    if not text:
        raise ValueError("author: type your name before the first correction")
    if any(unicodedata.category(c).startswith("C") for c in text):
        raise ValueError(f"author: {text!r} holds control characters")
    if len(text) > MAX_AUTHOR:
        raise ValueError(f"author: at most {MAX_AUTHOR} characters, got {len(text)}")
    return text


# -- the gate in a page --------------------------------------------------------------------------------------------


def _secrets() -> Mapping:
    """Streamlit's secrets, or nothing when the app has no secrets file (no error shown on the page)."""
    try:
        return st.secrets if st.secrets.load_if_toml_exists() else {}
    except (FileNotFoundError, OSError, ValueError):
        return {}


def password() -> str | None:
    """The configured editor password (read per call: not cached anywhere)."""
    return configured_password(os.environ, _secrets())


def configured() -> bool:
    """True when the app was started with an editor password (editor mode can be entered)."""
    return password() is not None


def is_editor() -> bool:
    """True when this session may write: a password is configured and this session typed it."""
    return st.session_state.get(_PASSED) is True and configured()


def require() -> None:
    """Raise PermissionError unless this session is in editor mode (call right before every write)."""
    if not is_editor():
        raise PermissionError(READ_ONLY_NOTE)


def _check() -> None:
    """The password form's submit: compare, keep only the outcome, empty the box."""
    typed = st.session_state.get("editor_password_box", "")
    st.session_state["editor_password_box"] = ""
    ok = password_matches(typed, password())
    st.session_state[_PASSED] = ok
    st.session_state["editor_refused"] = not ok


def gate(where: str) -> bool:
    """At the top of a page's writing part: True in editor mode; else the read-only line or the password box.

    `where` keys this page's widgets (one gate per page).
    """
    if is_editor():
        return True
    if not configured():
        st.info(READ_ONLY_NOTE, icon=":material/lock:")
        return False
    with st.form(f"editor_form_{where}", clear_on_submit=True, border=False):
        st.text_input("Editor password", type="password", key="editor_password_box",
                      help="Reviewing, correcting and adding articles need the editor password this app was "
                           "started with. Without it the pages are read-only.")
        st.form_submit_button("Enter editor mode", on_click=_check)
    if st.session_state.get("editor_refused"):
        st.error("That is not the editor password.")
    st.caption("Read-only until the editor password is entered.")
    return False


def author() -> str | None:
    """The name this session's corrections are signed with, once typed (None before)."""
    return st.session_state.get(_AUTHOR) if is_editor() else None


def _set_author() -> None:
    try:
        st.session_state[_AUTHOR] = clean_author(st.session_state.get("editor_author_box"))
        st.session_state.pop("editor_author_error", None)
    except ValueError as e:
        st.session_state["editor_author_error"] = str(e)


def author_box(where: str) -> str | None:
    """Ask once per session for the name corrections are signed with; the name, or None until it is typed."""
    if not is_editor():
        return None
    name = author()
    if name:
        st.caption(f"Corrections are signed **{_escape(name)}**" + ("" if name.endswith(".") else "."))
        return name
    with st.form(f"editor_author_form_{where}", border=False):
        st.text_input("Your name (signs your corrections)", key="editor_author_box", max_chars=MAX_AUTHOR)
        st.form_submit_button("Sign corrections with this name", on_click=_set_author)
    if st.session_state.get("editor_author_error"):
        st.error(_escape(st.session_state["editor_author_error"]))
    return None


def sign_out_button(where: str) -> None:
    """A button that ends editor mode for this session."""
    if is_editor() and st.button("Leave editor mode", key=f"editor_leave_{where}"):
        st.session_state[_PASSED] = False
        st.rerun()


def _escape(text: str) -> str:
    from dashboard.gazetteer_view import escape_markdown

    return escape_markdown(text)


# -- controls that write (each checks the gate again before writing) ------------------------------------------------

#: What each one-click correction's button says.
BUTTONS = {"not_casualty": "Not a casualty claim", "not_about": "Not about this incident",
           "split": "Split out into its own incident", "merge": "Merge with the suggested incident"}
#: What the Incident page offers for each account.
ACCOUNT_ACTIONS = ("place", "date", "figure", "split", "not_about", "not_casualty")
#: The figures a person may edit, and their labels.
FIGURES = {"killed": "killed", "injured": "injured", "casualties": "killed or injured (lumped)"}


def page_controls(page: str) -> bool:
    """What a page that corrects opens with: the gate (True in editor mode), then the sign-out button and the
    author's box, and what the last correction did."""
    editing = gate(page)
    if editing:
        sign_out_button(page)
        author_box(page)
    show_done()
    return editing


def show_done() -> None:
    """Say what the last correction did (kept across the rerun that shows its effect)."""
    done = st.session_state.pop("correction_done", None)
    if done:
        st.success(_escape(done), icon=":material/check_circle:")


def _write(kind: str, target, store_path, reason: str, **fields) -> None:
    """Apply one correction as this session's author; say how many queue items it settled; rerun."""
    from dashboard.review_view import apply_correction, settled_text

    require()
    name = author()
    if not name:
        st.error("Type your name first: it signs the correction.")
        return
    span = target.place_span if kind == "place" and target.place_span else target.span
    ids = {"account_id": target.account_id, "document_id": target.document_id, "span": span}
    try:
        done, settled = apply_correction(store_path, kind, author=name, reason=reason, **ids, **fields)
    except (LookupError, ValueError, IncidentsError) as e:  # a bad value, or a store locked by another writer
        st.error(_escape(str(e)))
        return
    st.session_state["correction_done"] = f"{done.describe()} {settled_text(settled)}"
    if "incident" in st.query_params:  # a merge or split gives the account another incident: the page follows it
        moved = incident_of_account(store_path, target.account_id)
        if moved:
            st.query_params["incident"] = moved
    st.rerun()


def incident_of_account(store_path, account_id: str) -> str | None:
    """The incident an account is in now (None when it is in none)."""
    from incidents.store import Store

    with Store(store_path) as store:
        found = store.corrected_accounts([account_id]).get(account_id)
    return found[1] if found else None


def correction_controls(key: str, target, gazetteer, store_path, *, actions: tuple[str, ...]) -> None:
    """The controls correcting one account (`actions`: place, date, figure, merge, split, not_about, not_casualty).

    Drawn only in editor mode, once the author is known; `key` keeps each account's widgets apart.
    """
    from dashboard.review_view import checked_window, typed_choices

    if not is_editor():
        return
    if not author():
        st.caption("Type your name above to correct.")
        return
    reason = st.text_input("Why (required: kept with the correction)", key=f"{key}_reason")
    if "place" in actions:
        typed = st.text_input("Type the place's name, in any spelling or script", key=f"{key}_typed")
        options = {c.place_id: c for c in (*typed_choices(gazetteer, typed, target.admin1), *target.candidates)}
        if typed.strip() and not typed_choices(gazetteer, typed, target.admin1):
            st.warning(_escape(f"No place found for {typed.strip()!r}."))
        if options:
            ids = list(options)
            picked = st.selectbox("Place", ids, key=f"{key}_place", format_func=lambda i: options[i].label)
            if st.button("Set this place", key=f"{key}_set_place"):
                c = options[picked]
                _write("place", target, store_path, reason, place_id=c.place_id, place_name=c.name, lat=c.lat,
                       lon=c.lon, precision=c.precision)
    if "date" in actions:
        start = target.date_min or target.date_max
        window = st.date_input("Date window", value=(start, target.date_max or start) if start else (),
                               key=f"{key}_dates", format="YYYY-MM-DD")
        if st.button("Set the date window", key=f"{key}_set_dates"):
            try:
                lo, hi = checked_window(*(tuple(window) + (None, None))[:2])
            except ValueError as e:
                st.error(_escape(str(e)))
            else:
                _write("date", target, store_path, reason, date_min=lo, date_max=hi)
    if "figure" in actions:
        field, lo_col, hi_col, set_col = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
        which = field.selectbox("Figure", list(FIGURES), key=f"{key}_figure", format_func=FIGURES.get)
        lo = lo_col.number_input("at least", min_value=0, step=1, value=None, key=f"{key}_figure_min")
        hi = hi_col.number_input("at most", min_value=0, step=1, value=None, key=f"{key}_figure_max")
        if set_col.button("Set the figure", key=f"{key}_set_figure"):
            _write("figure", target, store_path, reason, figure_field=which, figure_min=lo,
                   figure_max=hi if hi is not None else lo)
    clicks = [k for k in ("merge", "split", "not_about", "not_casualty") if k in actions
              and (k != "merge" or target.other_account_id)]
    for col, kind in zip(st.columns(max(len(clicks), 1)), clicks):
        if col.button(BUTTONS[kind], key=f"{key}_{kind}"):
            extra = {"other_account_id": target.other_account_id} if kind == "merge" else {}
            _write(kind, target, store_path, reason, **extra)


def merge_button(key: str, account, other_account, store_path) -> None:
    """A button merging the incidents of two accounts."""
    from dashboard.review_view import Target

    if not (is_editor() and author()):
        return
    reason = st.text_input("Why (required: kept with the correction)", key=f"{key}_reason")
    if st.button("Merge these two incidents", key=key):
        _write("merge", Target(account_id=account.id, document_id=account.document_id,
                               span=(account.start, account.end)), store_path, reason,
               other_account_id=other_account.id)
