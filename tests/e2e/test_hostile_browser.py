"""The real app in Chromium with a hostile corpus: nothing runs, nothing is fetched;
in OIDC mode nothing of the corpus answers an anonymous client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import (
    CURATOR_EMAIL,
    RunningApp,
    SampleIndex,
    _build_index,
    browser_unavailable,
    start_app,
    stop,
)
from tests.e2e.probe import anonymous_source_pages, corpus_files_served, walk
from tests.hostile_corpus import QUESTION, write_hostile_corpus

UNAVAILABLE = browser_unavailable()
pytestmark = pytest.mark.skipif(UNAVAILABLE is not None, reason=UNAVAILABLE or "")

CURATOR_SECRETS = f'[local]\nuser = "{CURATOR_EMAIL}"\ncurators = ["{CURATOR_EMAIL}"]\n'


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[SampleIndex, list[str]]:
    tmp = tmp_path_factory.mktemp("hostile")
    docs = write_hostile_corpus(tmp / "corpus")
    _build_index(tmp / "corpus", tmp / "index")
    return SampleIndex(tmp / "corpus", tmp / "index"), sorted(docs)


@pytest.fixture(scope="module")
def hostile_app(hostile_index, tmp_path_factory) -> Iterator[RunningApp]:
    sample, _ = hostile_index
    app = start_app(
        tmp_path_factory.mktemp("hostile-app") / "app",
        sample,
        secrets_toml=CURATOR_SECRETS,
        auth_mode="local",
    )
    yield app
    stop(app.process)


def test_hostile_documents_run_nothing_and_fetch_nothing(
    hostile_app: RunningApp, hostile_index, new_browser
) -> None:
    _, doc_ids = hostile_index
    seen = walk(new_browser(), hostile_app.url, QUESTION, doc_ids, curator=True)
    assert len(seen.pages) >= 3 + 2 * len(doc_ids), seen.pages  # the walk saw every page
    assert any("/media/" in p and p.endswith("#page=1") for p in seen.pages), seen.pages
    assert seen.executed() == []
    assert seen.remote_fetches() == [], sorted(set(seen.remote_fetches()))
    assert seen.dom == []


def test_corpus_files_are_not_served_as_static_files(hostile_app: RunningApp) -> None:
    rels = ["hostile_page.html", "catalogue.yaml", "hostile_report.pdf", "hostile_notes.md"]
    assert corpus_files_served(hostile_app.url, hostile_app.corpus, rels) == []


def test_oidc_anonymous_clients_get_nothing_of_the_corpus(oidc_app: RunningApp, new_browser):
    pdf = "samples/ie_profiling_pathways_score_2022"
    rels = ["catalogue.yaml", f"{pdf}.pdf"]
    assert corpus_files_served(oidc_app.url, oidc_app.corpus, rels) == []
    assert anonymous_source_pages(new_browser(), oidc_app.url, [pdf]) == []
