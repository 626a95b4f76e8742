"""Dense search with passage windows, on a real Chroma with hand-made vectors."""

import math

import pytest

from kb.answer.retrieval.dense import dense_search
from kb.core.types import Filters
from kb.index.embeddings import EmbedderInfo
from kb.index.factory import Snapshot
from kb.index.lexical import build_lexical_index
from kb.index.store import KnowledgeStore
from tests.kb.index.test_store import _client, _name

Q = [1.0, 0.0, 0.0]


def _unit(*v: float) -> list[float]:
    norm = math.sqrt(sum(x * x for x in v))
    return [x / norm for x in v]


@pytest.fixture
def snap(tmp_path) -> Snapshot:
    """'broad' is near the question as a whole; 'focused' is not, but one of its windows
    says exactly what is asked; 'other' is in another country and has no windows."""
    store = KnowledgeStore(_client(tmp_path), _name(tmp_path), EmbedderInfo("fake", 3))
    chunks = {
        "broad": (_unit(0.6, 0.8, 0.0), "AT", [_unit(0.6, 0.8, 0.0)]),
        "focused": (_unit(0.5, 0.0, 0.87), "AT", [_unit(0.0, 0.0, 1.0), list(Q)]),
        "other": (_unit(0.7, 0.714, 0.0), "DE", []),
    }
    for chunk_id, (vector, country, windows) in chunks.items():
        md = {"doc_id": chunk_id, "country": country, "windows": len(windows)}
        store.add_chunks([chunk_id], [f"{chunk_id} text"], [vector], [md])
        if windows:
            ids = [f"{chunk_id}-w{n}" for n in range(len(windows))]
            metas = [
                {"doc_id": chunk_id, "chunk_id": chunk_id, "window": n} for n in range(len(windows))
            ]
            store.add_windows(ids, [f"{chunk_id} window"] * len(windows), windows, metas)
    return Snapshot("000001", store, None)


def test_a_chunk_whose_window_states_the_answer_outranks_a_broadly_similar_one(snap):
    plain = [p.chunk_id for p in dense_search(snap, Q, None, 3, window_weight=0.0)]
    assert plain == ["other", "broad", "focused"]
    blended = dense_search(snap, Q, None, 3, window_weight=0.5)
    assert [p.chunk_id for p in blended] == ["focused", "other", "broad"]
    # The passage keeps its own similarity: support and refusal are calibrated on it.
    assert blended[0].dense == pytest.approx(0.5 / math.sqrt(0.25 + 0.87**2), abs=1e-3)


def test_a_chunk_found_only_through_its_window_is_a_candidate(snap):
    got = dense_search(snap, Q, None, 1, window_weight=0.5)
    assert [p.chunk_id for p in got] == ["focused"]  # not among the 1 nearest chunks


@pytest.mark.parametrize("exact", [False, True])
def test_filters_hold_with_windows_and_nothing_matching_is_empty(snap, exact):
    if exact:  # the in-memory vectors beside the lexical index, as a published generation
        snap = Snapshot("000001", snap.store, build_lexical_index(snap.store, "000001"))
        assert snap.vectors() is not None
    got = dense_search(snap, Q, Filters(countries=["AT"]), 3, window_weight=0.5)
    assert [p.chunk_id for p in got] == ["focused", "broad"]
    assert got[0].dense == pytest.approx(0.5 / math.sqrt(0.25 + 0.87**2), abs=1e-3)
    assert dense_search(snap, Q, Filters(countries=["FR"]), 3, window_weight=0.5) == []


def test_an_index_without_windows_is_searched_by_chunks_alone(tmp_path):
    store = KnowledgeStore(_client(tmp_path), _name(tmp_path), EmbedderInfo("fake", 3))
    store.add_chunks(["a"], ["a text"], [list(Q)], [{"doc_id": "a"}])
    snap = Snapshot("000001", store, None)
    assert store.windows is None and snap.count("windows") == 0
    assert [p.chunk_id for p in dense_search(snap, Q, None, 5, window_weight=0.3)] == ["a"]
