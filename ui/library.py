"""The library: browse and search the catalogue, see one document, see coverage."""

from __future__ import annotations

import streamlit as st

from kb.app.library import (
    catalogue_rows,
    country_label,
    coverage,
    excerpt,
    merge_matches,
    search_rows,
)
from kb.app.service import DocumentMatch, QuestionError
from ui.common import md_text, services, source_link
from ui.filters import sidebar_filters

svc = services()
records = svc.documents()
filters = sidebar_filters(records, key="library")

st.title("Library")
rows = catalogue_rows(records)
text = st.text_input(
    "Search the library in any language (titles, topics and the documents' text)",
    key="library_search",
)
matches: list[DocumentMatch] = []
if text.strip():
    try:  # the same retrieval as a question, one row per document
        matches = svc.service.search_documents(text, filters)
    except QuestionError as exc:
        st.warning(md_text(str(exc)), icon=":material/edit_note:")
if text.strip():
    shown = merge_matches(rows, search_rows(rows, text, filters), matches)
else:
    shown = search_rows(rows, "", filters)
st.caption(f"{len(shown)} of {len(rows)} documents")
columns = ["title", "country", "year", "language", "topics", "practice_type", "chunks"]
if text.strip():
    columns.insert(0, "match")
st.dataframe([{c: r.get(c) for c in columns} for r in shown], hide_index=True, width="stretch")

if matches:
    st.subheader("Best passage per document")
    for m in matches:
        row = next((r for r in shown if r["doc_id"] == m.doc_id), None)
        title = md_text(row["title"] if row else m.passage.title, breaks=False)
        page = m.passage.page
        label = str(m.passage.metadata.get("page_label") or page)
        where = f" · p. {md_text(label, breaks=False)}" if page else ""
        st.markdown(f"**[{title}]({source_link(m.doc_id, page)})**{where}")
        st.caption(md_text(excerpt(m.passage.text)))

if shown:
    choice = st.selectbox(
        "Document",
        [r["doc_id"] for r in shown],
        format_func=lambda d: next(r["title"] for r in shown if r["doc_id"] == d),
    )
    row = next(r for r in shown if r["doc_id"] == choice)
    st.markdown(f"### {md_text(row['title'], breaks=False)}")  # never the title as Markdown
    page = 1 if row["path"].lower().endswith(".pdf") else 0
    st.markdown(f"[Open the document]({source_link(row['doc_id'], page)})")
    details = {
        "Country": country_label(row["country"]) if row.get("country") else None,
        "Organisation": row.get("organisation"),
        "Year": row.get("year"),
        "Language": row.get("language"),
        "Topics": ", ".join(row.get("topics") or []),
        "Target groups": ", ".join(row.get("target_groups") or []),
        "Practice type": row.get("practice_type"),
        "Chunks": row.get("chunks"),
        "Ingested": row.get("ingested_at"),
        "File": row.get("path"),
    }
    for label, value in details.items():
        if value not in (None, ""):
            st.markdown(f"**{label}:** {md_text(value, breaks=False)}")

st.subheader("Coverage")
cov = coverage(shown)
left, right = st.columns(2)
with left:
    st.caption("Documents by country")
    st.bar_chart({country_label(k): v for k, v in cov["country"].items()})
    st.caption("Documents by topic")
    st.bar_chart(cov["topic"])
with right:
    st.caption("Documents by year")
    st.bar_chart({str(k): v for k, v in cov["year"].items()})
    st.caption("Documents by language")
    st.bar_chart(cov["language"])
