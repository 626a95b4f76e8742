"""Every page through AppTest with a hostile corpus: document text never becomes markup.

The corpus (tests/hostile_corpus.py) puts scripts, ``onerror`` handlers, ``javascript:``
links, remote images and Streamlit directives into titles, headings, organisations and
passages. Every string the pages hand to Streamlit's Markdown renderer must show them
as text: after removing backslash-escaped characters, none of them may remain.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit.testing.v1.element_tree as et
from streamlit.testing.v1 import AppTest

from ingest.pipeline import run_ingest
from kb.index.factory import build_knowledge_base
from tests.conftest import make_settings
from tests.hostile_corpus import QUESTION, write_hostile_corpus
from tests.ui.test_app import CURATOR, _app, ask

# What must never reach the renderer unescaped.
LIVE = re.compile(
    r"<\s*/?\s*(?:script|img|iframe|a|b)\b|\]\((?!/)|javascript:|https?://|:red\[|!\[|\$x",
    re.IGNORECASE,
)
_ESCAPED = re.compile(r"\\.")


def rendered_strings(node) -> list[str]:
    """Every string of the element tree that Streamlit renders as Markdown: the bodies of
    Markdown-like elements and alerts, and every label. Input values (what a text box
    holds) are text, not Markdown, and are left out."""
    out: list[str] = []
    if isinstance(node, (et.Markdown, et.AlertBase, et.HeadingBase, et.Toast)):
        out.append(str(node.value))
    for attr in ("label", "help"):
        value = getattr(node, attr, None)
        if isinstance(value, str):
            out.append(value)
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            out += rendered_strings(child)
    return out


def live_markup(at: AppTest) -> list[str]:
    return [s for s in rendered_strings(at._tree) if LIVE.search(_ESCAPED.sub("", s))]


@pytest.fixture
def hostile_app(monkeypatch, tmp_path) -> tuple[AppTest, dict[str, str]]:
    corpus = tmp_path / "corpus"
    docs = write_hostile_corpus(corpus)
    settings = make_settings(tmp_path, provider="e5")
    settings.ingest.corpus_dir = corpus
    report = run_ingest(build_knowledge_base(settings), corpus)
    assert report.exit_code == 0, report.render()
    at = _app(monkeypatch, settings.store.index_dir, corpus, tmp_path / "fb.sqlite3")
    at.secrets["local"] = CURATOR
    return at, docs


def test_every_page_shows_hostile_text_as_text(hostile_app) -> None:
    at, docs = hostile_app
    at.run()
    answer = ask(at, QUESTION)
    assert "hostile_" in answer, answer  # the hostile documents were cited
    claims = at.chat_message[-1].markdown[0].value  # the answer text, before its sources
    assert "youth guarantee outreach team" in claims
    assert "I know nothing" not in claims and "SYSTEM" not in claims
    assert "**SYSTEM" not in answer  # nor highlighted as the quoted sentence of a passage
    for expander in at.chat_message[-1].expander:  # the passage view flags the injection
        if "I know nothing" in "".join(m.value for m in expander.markdown):
            assert any("addressed to an AI system" in w.value for w in expander.warning)
    assert not live_markup(at), live_markup(at)
    at.chat_message[-1].feedback[0].set_value(0).run()  # a thumbs-down: a knowledge gap
    assert not live_markup(at), live_markup(at)

    at.switch_page("ui/library.py").run()
    assert not at.exception
    for doc_id in docs:
        at.selectbox[0].set_value(doc_id).run()
        assert not at.exception
        assert not live_markup(at), (doc_id, live_markup(at))
    shown = "\n".join(rendered_strings(at._tree))
    assert "\\!\\[t\\]" in shown  # the title's image is there, as text
    at.text_input(key="library_search").set_value(QUESTION).run()  # passages shown as text
    assert not at.exception
    assert any(h.value == "Best passage per document" for h in at.subheader)
    assert not live_markup(at), live_markup(at)

    for doc_id in docs:
        at.query_params["doc"] = doc_id
        at.query_params["page"] = "2"
        at.switch_page("ui/source.py").run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        assert not live_markup(at), (doc_id, live_markup(at))
        texts = "\n".join(rendered_strings(at._tree))
        if doc_id == "hostile_report":  # a PDF: a link that opens it at the page, and a download
            media = r"\]\((?:/mock)?/media/[0-9a-f]+\.pdf#page=2\)"  # AppTest serves /mock/media
            assert re.search(media, texts), texts
            assert at.get("download_button")
        else:  # anything else: the extracted text, escaped
            assert "\\<script\\>" in texts
            assert any("address an AI system" in w.value for w in at.warning)

    at.switch_page("ui/curation.py").run()
    assert not at.exception and not live_markup(at), live_markup(at)
    at.switch_page("ui/gaps.py").run()
    assert not at.exception and not live_markup(at), live_markup(at)
    assert "youth guarantee outreach" in "\n".join(m.value for m in at.markdown)


def test_source_page_reaches_only_indexed_documents(hostile_app) -> None:
    at, _ = hostile_app
    at.run()
    for bad in ("catalogue.yaml", "../etc/passwd", "hostile_page.html", "/etc/passwd"):
        at.query_params["doc"] = bad
        at.switch_page("ui/source.py").run()
        assert not at.exception
        assert at.error and "no document" in at.error[0].value
        assert not at.get("download_button")


def test_the_chat_refuses_bad_questions_with_a_hint(hostile_app, tmp_path: Path) -> None:
    at, _ = hostile_app
    at.run()
    emoji = "\U0001f600\U0001f600\U0001f600"
    for bad, hint in ((emoji, "no words"), ("x" * 2001, "limit is 2,000")):
        at.chat_input[0].set_value(bad).run()
        assert not at.exception
        assert not at.chat_message  # nothing asked, nothing cited
        assert any(hint in w.value for w in at.warning), [w.value for w in at.warning]
