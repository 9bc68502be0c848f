"""Ingest page: upload article files (and a manifest.jsonl), add them to the store, see what became of each."""

import tempfile
from pathlib import Path

import streamlit as st

from dashboard import data, editor
from dashboard.gazetteer_view import escape_markdown
from dashboard.ingest_view import UPLOAD_TYPES, ingest_uploads, manifest_messages, results_table

st.title("Ingest")
st.markdown("Add articles to the store: plain text, Markdown or HTML files, and optionally a `manifest.jsonl` "
            "giving each file's outlet, title and date. Files are read on this machine; nothing is sent anywhere.")

if not editor.gate("ingest"):
    st.stop()  # read-only: no uploader, no button; nothing here can write
editor.sign_out_button("ingest")

uploaded = st.file_uploader("Article files and an optional manifest.jsonl", key="ingest_files",
                            accept_multiple_files=True, type=list(UPLOAD_TYPES))
if st.button("Ingest", key="ingest_run", type="primary"):
    if not uploaded:
        st.info("Choose at least one file first.")
    else:
        bar = st.progress(0.0, text="Reading…")

        def progress(n: int, total: int, path: Path) -> None:
            bar.progress(n / max(total, 1), text=f"{n} of {total}: {escape_markdown(path.name)}")

        editor.require()
        with tempfile.TemporaryDirectory(prefix="atlas-upload-") as folder:
            store = data.ensure_store()  # a store not built yet starts from the sample, as the map shows it
            report = ingest_uploads(uploaded, Path(folder), store, data.gazetteer(), progress=progress)
            st.session_state["ingest_result"] = (report.summary(), results_table(report, Path(folder)),
                                                 manifest_messages(report, Path(folder)))
        bar.progress(1.0, text="Done")
        st.cache_data.clear()  # the map and the tables read the new incidents

if "ingest_result" in st.session_state:
    summary, table, problems = st.session_state["ingest_result"]
    failed = int((table["error"] != "").sum())
    (st.warning if failed else st.success)(summary)
    for problem in problems:
        st.warning(f"Manifest: {escape_markdown(problem)}")
    st.dataframe(table, hide_index=True, key="ingest_results")
    if st.button("Open the map", key="ingest_to_map"):
        st.switch_page("views/map.py")
