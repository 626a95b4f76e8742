"""The language-model path against a real OpenAI-compatible server (opt-in).

Run by ``bash scripts/test.sh --llm``, which starts llama.cpp's server with the
offline model and sets:

- ``PESKB_TEST_LLM_URL``: the server's base URL (``http://127.0.0.1:PORT/v1``);
- ``PESKB_GENERATOR__*``: provider mode pointed at it (``openai:<alias>``);
- ``PESKB_TEST_LLM_INDEX`` / ``PESKB_TEST_LLM_CORPUS`` (optional): the sample corpus
  ingested once by the job; without them the session ingests it itself.

Without ``PESKB_TEST_LLM_URL`` every test here is skipped (the default suite has
no language model).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kb.app.service import KnowledgeService
from kb.core.settings import load_settings
from kb.core.types import Answer
from kb.index.factory import KnowledgeBase, build_knowledge_base

LLM_URL = os.environ.get("PESKB_TEST_LLM_URL", "")
QUESTIONS = Path(__file__).resolve().parents[2] / "corpus" / "eval" / "questions.jsonl"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if LLM_URL:
        return
    skip = pytest.mark.skip(reason="needs a language-model server: bash scripts/test.sh --llm")
    for item in items:
        if "tests/llm/" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def llm_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The ingested sample corpus, opened with the provider settings of the environment."""
    index = os.environ.get("PESKB_TEST_LLM_INDEX")
    corpus = os.environ.get("PESKB_TEST_LLM_CORPUS")
    if not (index and corpus):
        import shutil

        from ingest.pipeline import run_ingest
        from tests.conftest import SAMPLE_CORPUS

        tmp = tmp_path_factory.mktemp("llm-sample")
        shutil.copytree(SAMPLE_CORPUS, tmp / "corpus")
        index, corpus = str(tmp / "index"), str(tmp / "corpus")
        settings = load_settings(
            embedder={"provider": "e5"}, store={"index_dir": index}, ingest={"corpus_dir": corpus}
        )
        report = run_ingest(build_knowledge_base(settings), Path(corpus))
        assert report.exit_code == 0, report.render()
    settings = load_settings(
        embedder={"provider": "e5"}, store={"index_dir": index}, ingest={"corpus_dir": corpus}
    )
    assert settings.generator.mode == "provider", "PESKB_GENERATOR__MODE=provider is not set"
    kb = build_knowledge_base(settings, create=False)
    assert kb.published() is not None, f"no index at {index}"
    return kb


@dataclass
class Streamed:
    """One question asked through ``ask_stream``: the pieces as they came, and the answer."""

    question: str
    language: str
    pieces: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)  # seconds after the call, per piece
    answer: Answer | None = None

    @property
    def model_text(self) -> str:
        return "".join(self.pieces)


def stream_answer(service: KnowledgeService, question: str, language: str) -> Streamed:
    out = Streamed(question, language)
    started = time.perf_counter()
    for piece in service.ask_stream(question):
        if isinstance(piece, Answer):
            out.answer = piece
        else:
            out.pieces.append(piece)
            out.times.append(time.perf_counter() - started)
    return out


def first_question_per_language(languages: tuple[str, ...]) -> dict[str, str]:
    """The first answerable test-split question of the sample set in each language
    (chosen by rule, not by how the model does on it)."""
    import json

    found: dict[str, str] = {}
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        lang = q["question_language"]
        if q["answerable"] and q["split"] == "test" and lang in languages and lang not in found:
            found[lang] = q["question"]
    return found


@pytest.fixture(scope="session")
def provider_answers(llm_kb: KnowledgeBase) -> dict[str, Streamed]:
    """One real answer per language (en, fr, de) from the server, asked once per session."""
    service = KnowledgeService(llm_kb)
    questions = first_question_per_language(("en", "fr", "de"))
    return {lang: stream_answer(service, q, lang) for lang, q in questions.items()}


@pytest.fixture
def app_env(llm_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator:
    """Environment for AppTest of app.py on the job's index, provider mode as configured."""
    from ui.common import services

    s = llm_kb.settings
    monkeypatch.setenv("PESKB_STORE__INDEX_DIR", str(s.store.index_dir))
    monkeypatch.setenv("PESKB_INGEST__CORPUS_DIR", str(s.ingest.corpus_dir))
    monkeypatch.setenv("PESKB_EMBEDDER__PROVIDER", "e5")
    monkeypatch.setenv("PESKB_APP__FEEDBACK_DB", str(tmp_path / "fb.sqlite3"))
    monkeypatch.setenv("PESKB_APP__AUTH_MODE", "local")
    services.clear()
    yield monkeypatch
    services.clear()
