"""Secretariat curation: add, edit, replace and remove documents; re-ingest; see the report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from kb.app.curation import (
    CurationError,
    RunReport,
    add_document,
    busy,
    corpus_catalogue,
    reingest_all,
    remove_document,
    replace_document,
    update_metadata,
)
from ui.common import identity, md_text, services

if not identity().is_curator:  # the page is not in a staff member's navigation either
    st.error("Curation is for the Network Secretariat's curators.")
    st.stop()

svc = services()
kb, settings = svc.kb, svc.settings
corpus = settings.ingest.corpus_dir
catalogue, vocabulary = corpus_catalogue(settings)

st.title("Curation")
if writer := busy(kb):
    st.info(md_text(f"The index is being updated by {writer}. Actions wait for it to finish."))


def show_report(report: RunReport) -> None:
    s = report.summary()
    st.success(
        f"{s['added']} added, {s['changed']} changed, {s['unchanged']} unchanged, "
        f"{s['removed']} removed, {s['failed']} failed · {s['chunks_written']} chunks "
        f"written in {s['seconds']:.1f} s"
    )
    for f in report.failures:
        st.error(md_text(f"{f.path}: {f.error}"))
    for f in report.files:
        for warning in f.warnings:
            st.warning(md_text(f"{f.path}: {warning}"))


@contextmanager
def progress_bar() -> Iterator[Callable[[int, int, Any], None]]:
    """A progress callback for an action; its bar goes away when the action fails, so
    the error is not shown under an empty "Ingesting…" bar."""
    slot = st.empty()
    bar = slot.progress(0.0, text="Ingesting…")

    def update(done: int, total: int, item) -> None:
        bar.progress(done / max(total, 1), text=md_text(f"{done}/{total} · {item.path}"))

    try:
        yield update
    except BaseException:
        slot.empty()
        raise


def metadata_form(prefix: str, current: dict | None = None) -> dict:
    current = current or {}
    entry = {
        "title": st.text_input("Title", current.get("title") or "", key=f"{prefix}_title"),
        "country": st.text_input(
            "Country (ISO code, EU or INT)", current.get("country") or "", key=f"{prefix}_country"
        ),
        "organisation": st.text_input(
            "Organisation", current.get("organisation") or "", key=f"{prefix}_org"
        ),
        "year": st.number_input("Year", 1900, 2100, current.get("year"), key=f"{prefix}_year"),
        "language": st.text_input(
            "Language (ISO 639-1, empty = detect)",
            current.get("language") or "",
            key=f"{prefix}_lang",
        ),
        "topics": st.multiselect(
            "Topics", vocabulary["topics"], current.get("topics") or [], key=f"{prefix}_topics"
        ),
        "target_groups": st.multiselect(
            "Target groups",
            vocabulary["target_groups"],
            current.get("target_groups") or [],
            key=f"{prefix}_groups",
        ),
        "practice_type": st.selectbox(
            "Practice type",
            ["", *vocabulary["practice_type"]],
            index=(["", *vocabulary["practice_type"]].index(current.get("practice_type") or "")),
            key=f"{prefix}_kind",
        ),
        "source_url": st.text_input(
            "Source URL", current.get("source_url") or "", key=f"{prefix}_url"
        ),
        "licence": st.text_input("Licence", current.get("licence") or "", key=f"{prefix}_lic"),
    }
    return {k: v for k, v in entry.items() if v not in ("", [], None)}


add, edit, remove, rebuild = st.tabs(["Add", "Edit or replace", "Remove", "Re-ingest"])

with add, st.form("add_form"):
    upload = st.file_uploader(
        "Document (PDF, DOCX, HTML, Markdown, text)",
        type=["pdf", "docx", "html", "htm", "md", "txt"],
    )
    entry = metadata_form("add")
    overwrite = st.checkbox("Replace a document with the same name", key="add_overwrite")
    if st.form_submit_button("Add to the knowledge base"):
        if upload is None:
            st.error("Choose a file to add first (PDF, DOCX, HTML, Markdown or text).")
        else:
            try:
                with progress_bar() as progress:
                    rel, report = add_document(
                        kb,
                        corpus,
                        upload.name,
                        upload.getvalue(),
                        entry,
                        overwrite=overwrite,
                        progress=progress,
                    )
                st.info(md_text(f"Saved as {rel}"))
                show_report(report)
            except CurationError as exc:
                st.error(md_text(str(exc)))

records = svc.documents()
paths = sorted(r.path for r in records.values())
with edit:
    target = st.selectbox("Document", paths, key="edit_target")
    if target:
        current = catalogue.entries.get(target)
        with st.form("edit_form"):
            # Fields keyed by document: a field keyed only by name would keep the values
            # of the document chosen before and save them onto this one.
            new_entry = metadata_form(f"edit[{target}]", current.model_dump() if current else None)
            if st.form_submit_button("Save metadata"):
                try:
                    with progress_bar() as progress:
                        report = update_metadata(kb, corpus, target, new_entry, progress=progress)
                    show_report(report)
                except CurationError as exc:
                    st.error(md_text(str(exc)))
        new_file = st.file_uploader("Replace with a new version", key="replace_upload")
        if new_file is not None and st.button("Replace the document", key="replace_go"):
            try:
                with progress_bar() as progress:
                    report = replace_document(
                        kb,
                        corpus,
                        target,
                        new_file.getvalue(),
                        filename=new_file.name,
                        progress=progress,
                    )
                show_report(report)
            except CurationError as exc:
                st.error(md_text(str(exc)))


def _unconfirm() -> None:
    st.session_state["remove_sure"] = False


with remove:
    if removed := st.session_state.pop("removed", None):
        # After a removal: nothing chosen and nothing confirmed (set before the widgets
        # exist, so the browser is told too), then the report.
        st.session_state["remove_target"] = None
        st.session_state["remove_sure"] = False
        show_report(removed)
    doomed = st.selectbox(
        "Document",
        paths,
        index=None,
        placeholder="Choose the document to remove",
        key="remove_target",
        on_change=_unconfirm,
    )
    sure = st.checkbox("Yes, remove this document and its catalogue entry", key="remove_sure")
    if st.button("Remove", disabled=not (sure and doomed), key="remove_go") and doomed:
        try:
            with progress_bar() as progress:
                report = remove_document(kb, corpus, doomed, progress=progress)
            st.session_state["removed"] = report  # shown after the rerun, with the new list
            st.rerun()
        except CurationError as exc:
            st.error(md_text(str(exc)))

with rebuild:
    st.write("Bring the index in line with the corpus folder (only changes are embedded).")
    if st.button("Re-ingest the corpus", key="reingest_go"):
        try:
            with progress_bar() as progress:
                report = reingest_all(kb, corpus, progress=progress)
            show_report(report)
        except CurationError as exc:
            st.error(md_text(str(exc)))
