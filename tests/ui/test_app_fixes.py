"""The app's rough edges a new user found (issue 12), through Streamlit's AppTest on real
indexes (e5, Chroma in temp dirs). The catalogue and documents written here are
illustrative, made for these tests."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from streamlit import config
from streamlit.runtime.secrets import secrets_singleton
from streamlit.testing.v1 import AppTest

import kb.app.export
from ingest.pipeline import run_ingest
from kb.app.library import catalogue_rows
from kb.core.settings import PROJECT_ROOT
from kb.index.factory import build_knowledge_base
from tests.conftest import make_settings
from tests.ui.test_app import CURATOR, NEW_DOC, _app, ask

# Not alphabetical, with comments: the Secretariat's own layout, which edits must keep.
CATALOGUE = """\
# Illustrative catalogue for the curation page tests (written for this project).
documents:
  # The Danish desk first, on purpose.
  samples/dk_company_contact_desk_2021.pdf:
    title: "Company contact desk: an illustrative case"
    country: DK
    year: 2021
    topics: [employer-services]   # the only topic

  samples/ie_profiling_pathways_score_2022.pdf:
    title: Pathways Score, illustrative
    country: IE
    year: 2022
"""
ADD = "FormSubmitter:add_form-Add to the knowledge base"


def diff(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines ``git diff`` would show removed and added."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    body = [d for d in lines if not d.startswith(("---", "+++", "@@"))]
    return [d[1:] for d in body if d[0] == "-"], [d[1:] for d in body if d[0] == "+"]


@pytest.fixture
def curator(monkeypatch, tmp_path) -> tuple[AppTest, Path]:
    corpus = tmp_path / "corpus"
    (corpus / "samples").mkdir(parents=True)
    for name in ("ie_profiling_pathways_score_2022.pdf", "dk_company_contact_desk_2021.pdf"):
        shutil.copy(PROJECT_ROOT / "corpus/samples" / name, corpus / "samples" / name)
    (corpus / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    settings = make_settings(tmp_path, provider="e5")
    settings.ingest.corpus_dir = corpus
    assert run_ingest(build_knowledge_base(settings), corpus).exit_code == 0
    at = _app(monkeypatch, settings.store.index_dir, corpus, tmp_path / "fb.sqlite3")
    at.secrets["local"] = CURATOR
    at.run()
    at.switch_page("ui/curation.py").run()
    assert not at.exception and not at.error
    return at, corpus


def _errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_add_without_a_file_or_with_a_bad_one_says_so_without_a_bar(curator) -> None:
    at, corpus = curator
    at.button(key=ADD).click().run()
    assert not at.exception
    assert any("Choose a file" in e for e in _errors(at)), _errors(at)
    assert len(at.progress) == 0

    at.file_uploader[0].upload("notes.pdf", b"plain text, not a PDF\n", "application/pdf")
    at.button(key=ADD).click().run()
    assert any("notes.pdf" in e for e in _errors(at)), _errors(at)
    assert len(at.progress) == 0  # no empty "Ingesting..." bar above the error
    assert (corpus / "catalogue.yaml").read_text(encoding="utf-8") == CATALOGUE


def test_add_copy_edit_remove_change_only_their_entry(curator) -> None:
    at, corpus = curator
    cat = corpus / "catalogue.yaml"

    # Add: the file has the corpus's mode; the catalogue only gains the new entry, last.
    at.file_uploader[0].upload("guichet seniors.md", NEW_DOC, "text/markdown")
    at.text_input(key="add_title").set_value("Guichet unique seniors")
    at.text_input(key="add_country").set_value("FR")
    at.button(key=ADD).click().run()
    assert not at.exception and not _errors(at), _errors(at)
    assert any("1 added" in s.value for s in at.success)
    saved = corpus / "uploads/guichet_seniors.md"
    umask = os.umask(0)
    os.umask(umask)
    assert saved.stat().st_mode & 0o777 == 0o666 & ~umask
    after_add = cat.read_text(encoding="utf-8")
    assert diff(CATALOGUE, after_add) == (
        [],
        [
            "  uploads/guichet_seniors.md:",
            "    title: Guichet unique seniors",
            "    country: FR",
        ],
    )

    # A byte-identical copy under another name is ingested with a warning naming the original.
    at.file_uploader[0].upload("copie.md", NEW_DOC, "text/markdown")
    at.button(key=ADD).click().run()
    warnings = [w.value.replace("\\", "") for w in at.warning]  # unescaped Markdown
    assert any("byte-identical copy of uploads/guichet_seniors.md" in w for w in warnings), warnings
    after_copy = cat.read_text(encoding="utf-8")
    assert diff(after_add, after_copy)[0] == []

    # Edit: one changed field is one changed line.
    at.selectbox(key="edit_target").set_value("uploads/guichet_seniors.md").run()
    # The form shows this document's fields, not those of the document chosen before.
    assert at.text_input(key="edit[uploads/guichet_seniors.md]_title").value == (
        "Guichet unique seniors"
    )
    at.text_input(key="edit[uploads/guichet_seniors.md]_country").set_value("BE")
    at.button(key="FormSubmitter:edit_form-Save metadata").click().run()
    assert any("1 changed" in s.value for s in at.success), _errors(at)
    after_edit = cat.read_text(encoding="utf-8")
    assert diff(after_copy, after_edit) == (["    country: FR"], ["    country: BE"])

    # Remove: choosing another document withdraws the confirmation.
    at.selectbox(key="remove_target").set_value("uploads/copie.md").run()
    at.checkbox(key="remove_sure").check().run()
    assert at.checkbox(key="remove_sure").value
    at.selectbox(key="remove_target").set_value("uploads/guichet_seniors.md").run()
    assert not at.checkbox(key="remove_sure").value
    assert at.button(key="remove_go").disabled
    at.selectbox(key="remove_target").set_value("uploads/copie.md").run()
    at.checkbox(key="remove_sure").check().run()
    at.button(key="remove_go").click().run()
    assert not at.exception and not _errors(at), _errors(at)
    assert any("1 removed" in s.value for s in at.success)
    # ...and after the removal nothing is chosen or confirmed, and the list is current.
    target = at.selectbox(key="remove_target")
    assert target.value is None and "uploads/copie.md" not in target.options
    assert not at.checkbox(key="remove_sure").value and at.button(key="remove_go").disabled
    assert not (corpus / "uploads/copie.md").exists()
    removed, added = diff(after_edit, cat.read_text(encoding="utf-8"))
    assert added == [] and removed[0] == "  uploads/copie.md:", removed
    assert "# The Danish desk first, on purpose." in cat.read_text(encoding="utf-8")


@pytest.fixture
def staff_app(sample_kb, monkeypatch, tmp_path) -> AppTest:
    s = sample_kb.settings
    return _app(monkeypatch, s.store.index_dir, s.ingest.corpus_dir, tmp_path / "fb.sqlite3")


def test_refusal_is_shown_once(staff_app) -> None:
    at = staff_app.run()
    ask(at, "How does the Estonian PES support people with disabilities?")
    turn = at.chat_message[-1]
    assert len(turn.info) == 1, [i.value for i in turn.info]
    refusal = turn.info[0].value
    assert refusal.strip()
    assert not [m.value for m in turn.markdown if refusal[:40] in m.value]


def test_a_document_without_catalogue_entry_shows_only_what_it_has(staff_app) -> None:
    # The Maltese toolkit (a DOCX) has no catalogue entry: no country, year or page.
    at = staff_app.run()
    answer = ask(at, "What is the transferable skills card set with 40 cards?")
    assert "doc=samples/mt_toolkit_older_jobseekers_2023" in answer, answer
    sources = [m.value for m in at.chat_message[-1].markdown if m.value.startswith("**\\[")]
    assert sources
    for line in sources:
        assert not line.rstrip().endswith(("—", "·")), line
        assert "(none)" not in line
    at.switch_page("ui/library.py").run()
    at.selectbox[-1].set_value("samples/mt_toolkit_older_jobseekers_2023").run()
    details = [m.value for m in at.markdown if m.value.startswith("**")]
    assert any(d.startswith("**File:**") for d in details), details
    assert not any("(none)" in d for d in details), details
    assert not any(d.startswith("**Country:**") for d in details), details


def test_export_links_are_absolute_from_the_base_url(staff_app, monkeypatch) -> None:
    monkeypatch.setenv("PESKB_APP__BASE_URL", "https://kb.pes.example/app/")
    exported: list[str] = []
    real = kb.app.export.export_conversation_markdown

    def spy(*args, **kwargs) -> str:
        exported.append(real(*args, **kwargs))
        return exported[-1]

    monkeypatch.setattr(kb.app.export, "export_conversation_markdown", spy)
    at = staff_app.run()
    ask(at, "How does the Irish PES decide who gets intensive case management?")
    assert exported, "the export was not built"
    links = [line for line in exported[-1].splitlines() if "[open](" in line]
    assert links
    for line in links:
        target = line.split("[open](", 1)[1]
        assert target.startswith("https://kb.pes.example/app/source?doc=samples/"), line


def _library_docs(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["title"])


def test_library_search_is_cross_lingual_and_grouped_by_document(staff_app, sample_kb) -> None:
    records = sample_kb.snapshot().store.documents()
    titles = {r["doc_id"]: r["title"] for r in catalogue_rows(records)}
    at = staff_app.run()
    at.switch_page("ui/library.py").run()
    at.text_input(key="library_search").set_value("youth").run()
    youth = _library_docs(at)
    at.text_input(key="library_search").set_value("jeunes").run()  # French, no title has it
    assert not at.exception
    jeunes = _library_docs(at)
    # The Spanish and Italian youth guarantee documents, found from a French word.
    for doc in ("es_garantia_juvenil", "it_garanzia_giovani"):
        title = next(t for d, t in titles.items() if doc in d)
        assert title in jeunes and title in youth
    assert len(jeunes) == len(set(jeunes))  # one row per document
    assert any(h.value == "Best passage per document" for h in at.subheader)
    passages = [m.value for m in at.markdown if m.value.startswith("**[")]
    assert len(passages) >= 2 and any("es_garantia_juvenil" in p for p in passages)
    assert "text" in set(at.dataframe[0].value["match"])
    at.text_input(key="library_search").set_value("xyzzy").run()
    assert "0 of 19 documents" in at.caption[0].value


def test_removing_the_secrets_file_ends_curator_rights_at_the_next_run(staff_app, tmp_path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[local]\nuser = "secretariat@example.org"\ncurators = ["secretariat@example.org"]\n'
    )
    before = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(secrets)])
    try:
        at = staff_app.run()  # the secrets file as Streamlit reads it, not AppTest's
        at.switch_page("ui/curation.py").run()
        assert not at.exception and at.tabs and not at.error
        assert at.sidebar.caption[0].value.endswith(" · curator")  # the address is escaped
        secrets.unlink()
        at.run()  # the same session, the next page run: staff, the Ask page
        assert not at.exception and not at.tabs and not at.file_uploader
        assert not any("curator" in c.value for c in at.sidebar.caption)
        with pytest.raises(ValueError, match="Known pages"):
            at.switch_page("ui/gaps.py")
    finally:
        config.set_option("secrets.files", before)
        secrets_singleton._reset()
