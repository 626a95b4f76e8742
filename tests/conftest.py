"""Shared fixtures: real Chroma in temp dirs, fake embedder at the edges, real e5 for quality."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ["PESKB_PROFILE"] = "test"

from kb.core.settings import PROJECT_ROOT, Settings, load_settings  # noqa: E402
from kb.index.factory import KnowledgeBase, build_knowledge_base  # noqa: E402
from tests.chroma_server import store_env, store_settings  # noqa: E402, F401

SAMPLE_CORPUS = PROJECT_ROOT / "corpus"


def make_settings(tmp: Path, provider: str = "fake", **ingest: object) -> Settings:
    return load_settings(
        embedder={"provider": provider},
        store=store_settings(tmp / "index"),
        ingest={"corpus_dir": tmp / "corpus", **ingest},
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    (tmp_path / "corpus").mkdir()
    return make_settings(tmp_path)


@pytest.fixture
def corpus(settings: Settings) -> Path:
    return settings.ingest.corpus_dir


@pytest.fixture
def kb(settings: Settings) -> KnowledgeBase:
    return build_knowledge_base(settings)


@pytest.fixture(scope="session")
def sample_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The sample corpus ingested once per session with the real multilingual embedder."""
    from ingest.pipeline import run_ingest

    tmp = tmp_path_factory.mktemp("sample")
    shutil.copytree(SAMPLE_CORPUS, tmp / "corpus")
    settings = make_settings(tmp, provider="e5")
    kb = build_knowledge_base(settings)
    report = run_ingest(kb, settings.ingest.corpus_dir)
    assert report.exit_code == 0, report.render()
    return kb
