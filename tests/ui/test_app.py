"""Every page through Streamlit's AppTest, on real indexes (e5, Chroma in temp dirs)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest.pipeline import run_ingest
from kb.core.settings import PROJECT_ROOT
from kb.index.factory import build_knowledge_base
from tests.conftest import make_settings, store_env

CURATOR = {"user": "secretariat@example.org", "curators": ["secretariat@example.org"]}


def _app(monkeypatch, index: Path, corpus: Path, db: Path) -> AppTest:
    from ui.common import services

    for key, value in store_env(index).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PESKB_INGEST__CORPUS_DIR", str(corpus))
    monkeypatch.setenv("PESKB_APP__FEEDBACK_DB", str(db))
    monkeypatch.setenv("PESKB_APP__AUTH_MODE", "local")
    services.clear()
    return AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=180)


@pytest.fixture
def staff_app(sample_kb, monkeypatch, tmp_path) -> AppTest:
    s = sample_kb.settings
    return _app(monkeypatch, s.store.index_dir, s.ingest.corpus_dir, tmp_path / "fb.sqlite3")


def _texts(element) -> str:
    return "\n".join(m.value for m in element.markdown)


def ask(at: AppTest, question: str) -> str:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return _texts(at.chat_message[-1])


def test_staff_asks_and_gets_cited_sources(staff_app):
    at = staff_app.run()
    assert not at.exception
    assert at.title[0].value == "Ask the PES knowledge base"
    answer = ask(at, "How does the Irish PES decide who gets intensive case management?")
    assert "\\[1\\]" in answer  # markers, escaped for Markdown
    assert "Pathways Score" in answer
    assert "(/source?doc=samples/ie_profiling_pathways_score_2022&page=" in answer
    assert " · p. " in answer


def test_filters_change_the_sources(staff_app):
    at = staff_app.run()
    at.sidebar.multiselect[0].set_value(["ES"]).run()  # Country
    answer = ask(at, "How are young people supported into work?")
    assert any("countries=\\['ES'\\]" in c.value for c in at.chat_message[-1].caption)
    assert "doc=samples/es_" in answer
    assert "doc=samples/it_" not in answer and "doc=samples/de_" not in answer


def test_thumbs_are_stored_with_the_redacted_question(staff_app, tmp_path):
    at = staff_app.run()
    ask(at, "My client anna.berg@example.org (+49 170 1234567) is 55: how do PES help over-50s?")
    at.chat_message[-1].feedback[0].set_value(0).run()
    with sqlite3.connect(tmp_path / "fb.sqlite3") as con:
        rows = con.execute(
            "SELECT a.question, f.score FROM answers a JOIN feedback f ON f.answer_id = a.id"
        ).fetchall()
    assert len(rows) == 1
    question, score = rows[0]
    assert score == 0
    assert "anna.berg" not in question and "1234567" not in question
    assert "[email]" in question and "[phone]" in question


def test_new_conversation_and_export(staff_app):
    at = staff_app.run()
    ask(at, "How does the Danish jobcentre serve employers?")
    assert at.sidebar.get("download_button")
    at.sidebar.button[0].click().run()  # New conversation
    assert len(at.chat_message) == 0


def test_staff_cannot_reach_curation(staff_app):
    at = staff_app.run()
    for page in ("ui/curation.py", "ui/gaps.py"):
        with pytest.raises(ValueError, match="Known pages") as not_there:
            at.switch_page(page)
        assert "curation" not in str(not_there.value).split("Known pages")[1]
        # Opened directly, the page itself refuses a staff member too.
        direct = AppTest.from_file(str(PROJECT_ROOT / page), default_timeout=60).run()
        assert direct.error and "curators" in direct.error[0].value
        assert not direct.tabs and not direct.file_uploader


def test_library_lists_documents_and_coverage(staff_app):
    at = staff_app.run()
    at.switch_page("ui/library.py").run()
    assert not at.exception
    assert "19 of 19 documents" in at.caption[0].value
    at.text_input[0].set_value("profiling").run()
    assert "of 19 documents" in at.caption[0].value
    assert not at.caption[0].value.startswith("19 ")


@pytest.fixture
def curator_app(monkeypatch, tmp_path) -> tuple[AppTest, Path]:
    corpus = tmp_path / "corpus"
    (corpus / "samples").mkdir(parents=True)
    for name in ("ie_profiling_pathways_score_2022.pdf", "dk_company_contact_desk_2021.pdf"):
        shutil.copy(PROJECT_ROOT / "corpus/samples" / name, corpus / "samples" / name)
    settings = make_settings(tmp_path, provider="e5")
    settings.ingest.corpus_dir = corpus
    run_ingest(build_knowledge_base(settings), corpus)
    at = _app(monkeypatch, settings.store.index_dir, corpus, tmp_path / "fb.sqlite3")
    at.secrets["local"] = CURATOR
    return at, corpus


NEW_DOC = (
    b"# Guichet unique pour les seniors\n\nLe service de Vauclair (exemple fictif) "
    b"ouvre un guichet unique pour les demandeurs d'emploi de plus de 55 ans, avec un "
    b"conseiller unique et des ateliers de retour a l'emploi chaque mardi.\n"
)


def test_curator_uploads_edits_and_removes_and_answers_follow(curator_app):
    at, corpus = curator_app
    at.run()
    at.switch_page("ui/curation.py").run()
    assert not at.exception and not at.error
    at.file_uploader[0].upload("guichet seniors.md", NEW_DOC, "text/markdown")
    at.text_input(key="add_title").set_value("Guichet unique seniors")
    at.text_input(key="add_country").set_value("FR")
    at.button(key="FormSubmitter:add_form-Add to the knowledge base").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert (corpus / "uploads/guichet_seniors.md").exists()
    assert any("1 added" in s.value for s in at.success)

    at.switch_page("ui/chat.py").run()
    answer = ask(at, "Quel service propose un guichet unique pour les plus de 55 ans ?")
    assert "doc=uploads/guichet_seniors" in answer

    at.switch_page("ui/curation.py").run()
    at.selectbox(key="edit_target").set_value("uploads/guichet_seniors.md").run()
    at.text_input(key="edit[uploads/guichet_seniors.md]_country").set_value("BE")
    at.button(key="FormSubmitter:edit_form-Save metadata").click().run()
    assert any("1 changed" in s.value for s in at.success), [e.value for e in at.error]

    at.selectbox(key="remove_target").set_value("uploads/guichet_seniors.md").run()
    at.checkbox(key="remove_sure").check().run()
    at.button(key="remove_go").click().run()
    assert any("1 removed" in s.value for s in at.success)
    assert not (corpus / "uploads/guichet_seniors.md").exists()

    at.switch_page("ui/chat.py").run()
    answer = ask(at, "Quel service propose un guichet unique pour les plus de 55 ans ?")
    assert "guichet_seniors" not in answer


def test_curator_sees_knowledge_gaps(curator_app):
    at, _ = curator_app
    at.run()
    ask(at, "How does the Estonian PES support people with disabilities?")
    at.switch_page("ui/gaps.py").run()
    assert not at.exception and not at.error
    assert any("Estonian" in m.value for m in at.markdown)


def test_oidc_roles(sample_kb, monkeypatch, tmp_path):
    s = sample_kb.settings
    at = _app(monkeypatch, s.store.index_dir, s.ingest.corpus_dir, tmp_path / "fb.sqlite3")
    monkeypatch.setenv("PESKB_APP__AUTH_MODE", "oidc")
    monkeypatch.setenv("PESKB_APP__CURATORS", '["cur@pes.example"]')
    at.user = {"is_logged_in": False}
    at.run()
    assert [b.label for b in at.button] == ["Sign in"] and not at.chat_input
    at.user = {"is_logged_in": True, "email": "staff@pes.example"}
    at.run()
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("ui/curation.py")
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=180)
    at.user = {"is_logged_in": True, "email": "cur@pes.example"}
    at.run()
    at.switch_page("ui/curation.py").run()
    assert not at.exception and not at.error and at.tabs
