"""Sources page: the articles in the store, and how sources' killed figures compare on the incidents they share."""

import streamlit as st

from dashboard import data
from dashboard.sources_view import GROUPINGS, documents_table, outlet_comparison, shown_documents

st.title("Sources")

accounts = [a for incident in data.incidents_by_id().values() for a in incident.accounts]  # every account is in one
table = documents_table(data.documents(), accounts)

st.subheader("Documents")
st.caption(f"{len(table)} articles, {int(table['accounts'].sum()) if len(table) else 0} accounts drawn from them.")
st.dataframe(shown_documents(table), hide_index=True, key="sources_documents")
with st.expander("The file each article was read from"):
    st.dataframe(table[["title", "file"]], hide_index=True, key="sources_files")

st.subheader("How each source's figures compare with the others' on the incidents they share")
by = st.radio("Compare", list(GROUPINGS), key="sources_by", horizontal=True, format_func=lambda k: GROUPINGS[k] + "s")
pairs = outlet_comparison(data.incidents_by_id().values(), by=by)
if pairs.empty:
    st.info("No two sources give killed figures for the same incident yet.")
else:
    st.caption("Killed figures only, each source's largest on the incident. 'first more' counts the incidents where "
               "the first claims more killed than the second; the ratio is first ÷ second.")
    st.dataframe(pairs, hide_index=True, key="sources_pairs", column_config={
        "first_more": "first more", "first_less": "first less",
        "median_ratio": st.column_config.NumberColumn("median ratio", format="%.2f")})
