"""The service end to end on the sample corpus (real e5, real Chroma); generators swapped."""

from __future__ import annotations

import json
import subprocess
import sys

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from kb.answer.generators.base import Generator
from kb.answer.generators.chat import ChatModelGenerator
from kb.answer.generators.found_in import opens_with_found_in
from kb.app.service import NO_CITATION, KnowledgeService
from kb.core.settings import PROJECT_ROOT
from kb.core.types import Answer, Filters
from tests.conftest import store_env


def test_answer_is_data_with_checkable_citations(sample_kb):
    answer = KnowledgeService(sample_kb).ask(
        "How does the Irish PES decide who gets intensive case management?"
    )
    assert answer.found and answer.mode == "extractive" and answer.language == "en"
    assert answer.citations
    for c in answer.citations:
        assert f"[{c.n}]" in answer.text
        assert c.passage and c.quote in c.passage
        assert c.link == (f"{c.path}#page={c.page}" if c.page else c.path)
        assert (PROJECT_ROOT / "corpus" / c.path).exists()
    assert any(c.doc_id == "samples/ie_profiling_pathways_score_2022" for c in answer.citations)


def test_streaming_yields_text_then_the_validated_answer(sample_kb):
    pieces = list(
        KnowledgeService(sample_kb).ask_stream(
            "¿Cómo llega el programa italiano a los jóvenes NEET no registrados?"
        )
    )
    *text, final = pieces
    assert all(isinstance(p, str) for p in text) and len(text) >= 2
    assert isinstance(final, Answer) and final.language == "es"
    assert opens_with_found_in("".join(text), "es")
    assert any(c.doc_id == "samples/it_garanzia_giovani_aggancio_2022" for c in final.citations)


def test_filters_change_the_sources(sample_kb):
    service = KnowledgeService(sample_kb)
    question = "How are young people supported into work?"
    spain = service.ask(question, Filters(countries=["ES"]))
    assert spain.citations and {c.country for c in spain.citations} == {"ES"}
    assert spain.filters == {"countries": ["ES"]}


def test_unanswerable_question_gets_a_plain_refusal(sample_kb):
    answer = KnowledgeService(sample_kb).ask(
        "Wie unterstützt die estnische Arbeitsverwaltung Menschen mit Behinderungen?"
    )
    assert not answer.found and answer.citations == []
    assert answer.text.startswith("Die Wissensdatenbank enthält keine Antwort")


def test_chat_model_markers_are_validated(sample_kb):
    question = "How does the Irish PES target intensive case management?"
    first = KnowledgeService(sample_kb).retrieve(question).passages[0]
    sentence = next(s for s in first.text.split(". ") if len(s) > 40)
    reply = (
        f"{sentence} [1]. Austria pays a relocation bonus of 9,000 euros "
        "to every jobseeker [2]. See also [7]."
    )
    fake = GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))
    service = KnowledgeService(sample_kb, generator=ChatModelGenerator(fake))
    answer = service.ask(question)
    assert answer.found and [c.doc_id for c in answer.citations] == [first.doc_id]
    assert "[7]" not in answer.text and answer.removed_markers == ["[7]"]
    assert "9,000 euros to every jobseeker." in answer.text  # claim kept, marker dropped
    assert "[2]" not in answer.text
    assert answer.unsupported and all(not c.supported for c in answer.unsupported)


class _Broken(Generator):
    """A model endpoint that sends a few words, then fails (the error the SDK raises)."""

    name = "provider:broken"

    def stream(self, request):
        yield "Partial answer "
        raise TimeoutError("no answer within the timeout")


def test_model_answer_without_valid_citation_falls_back_to_extractive(sample_kb):
    question = "How does the Irish PES target intensive case management?"
    extractive = KnowledgeService(sample_kb).ask(question)
    reply = "Ireland uses a score [9]. Austria pays every jobseeker 9,000 euros [2]."
    fake = GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))
    answer = KnowledgeService(sample_kb, generator=ChatModelGenerator(fake)).ask(question)
    assert answer.fallback == NO_CITATION and "language model" in answer.notice
    assert answer.mode == "extractive" and answer.found
    assert answer.text == extractive.text
    assert [c.passage for c in answer.citations] == [c.passage for c in extractive.citations]


def test_failing_model_falls_back_and_streams_its_partial_text_only(sample_kb):
    question = "How does the Irish PES target intensive case management?"
    service = KnowledgeService(sample_kb, generator=_Broken())
    *pieces, answer = service.ask_stream(question)
    assert pieces == ["Partial answer "]
    assert isinstance(answer, Answer)
    assert answer.fallback == "error: TimeoutError" and "in time" in answer.notice
    assert answer.citations and "Partial answer" not in answer.text


def test_extractive_answers_never_fall_back(sample_kb):
    answer = KnowledgeService(sample_kb).ask("How are young people supported into work?")
    assert answer.mode == "extractive" and not answer.fallback and not answer.notice


def test_cli_ask_json(sample_kb):
    env_index = str(sample_kb.settings.store.index_dir)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kb",
            "--index",
            env_index,
            "ask",
            "How does Denmark organise its employer services?",
            "--filter",
            "country=DK",
            "--json",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **__import__("os").environ,
            "PESKB_PROFILE": "test",
            **store_env(sample_kb.settings.store.index_dir),
        },
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["found"] and data["filters"] == {"countries": ["DK"]}
    assert {c["country"] for c in data["citations"]} == {"DK"}


def test_cli_bad_filter_is_a_usage_error(sample_kb):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kb",
            "--index",
            str(sample_kb.settings.store.index_dir),
            "ask",
            "q",
            "--filter",
            "colour=blue",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, **store_env(sample_kb.settings.store.index_dir)},
    )
    assert result.returncode == 2 and "unknown key" in result.stderr
