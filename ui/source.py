"""One source document, opened from a citation or the library: never the file itself in
the app's origin.

A PDF is handed to the browser as ``application/pdf`` through Streamlit's media files
(a link that opens it at the cited page, and a download); any other format shows the
text the index extracted from it, escaped. The page runs behind app.py's sign-in like
every page, and reaches only documents of the index, by id.
"""

from __future__ import annotations

import secrets

import streamlit as st
from streamlit import runtime

from kb.answer.injection import instruction_sentences
from kb.app.library import country_label
from kb.app.sources import SourceError, load_source
from ui.common import md_text, services

svc = services()
params = st.query_params
doc_id = params.get("doc", "")
try:
    page = max(0, int(params.get("page", "0")))
except ValueError:
    page = 0

st.title("Source")
if not doc_id:
    st.info("Open a source from an answer's citations or from the library.")
    st.stop()
try:
    source = load_source(svc.kb, doc_id, svc.settings.app.source_text_chars)
except SourceError as exc:
    st.error(md_text(str(exc)))
    st.stop()

md = source.record.metadata
st.markdown(f"### {md_text(source.title, breaks=False)}")
facts = [
    country_label(md.get("country") or "") if md.get("country") else "",
    str(md.get("organisation") or ""),
    str(md.get("year") or ""),
    str(md.get("language") or ""),
    source.record.path,
]
st.caption(md_text(" · ".join(f for f in facts if f), breaks=False))

if source.is_pdf:
    # The PDF's bytes as a media file of this session, served as application/pdf (the
    # manager st.image and st.audio use). Its id hashes the bytes and the name given here:
    # a per-session random name makes the URL unguessable, even for someone who has the file.
    salt = st.session_state.setdefault("source_salt", secrets.token_hex(16))
    url = runtime.get_instance().media_file_mgr.add(
        source.pdf, "application/pdf", f"pes-source-{doc_id}", file_name=f"{salt}.pdf"
    )
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    href = (f"/{base}" if base else "") + url + (f"#page={page}" if page else "")
    where = f"at page {page}" if page else ""
    st.markdown(f"[:material/picture_as_pdf: Open the PDF {where}]({href})")
    st.download_button(
        "Download the PDF",
        source.pdf,
        file_name=source.record.path.rsplit("/", 1)[-1],
        mime="application/pdf",
    )
else:
    st.caption(
        "The text the knowledge base extracted from this document, shown as plain text "
        "(the original file is not opened in the browser)."
    )
    flagged = instruction_sentences(source.text)
    if flagged:
        st.warning(
            f"{len(flagged)} sentence(s) of this document address an AI system or give it "
            "orders; answers never quote them.",
            icon=":material/gpp_maybe:",
        )
    if source.truncated:
        st.caption(f"The first {len(source.text):,} characters are shown.")
    with st.container(border=True):
        st.markdown(md_text(source.text))
    st.download_button(
        "Download the text",
        source.text,
        file_name=source.record.doc_id.replace("/", "_") + ".txt",
        mime="text/plain",
    )
