"""Calibration on a synthetic corpus with known score distributions, on a real Chroma."""

from __future__ import annotations

import re
import zlib

import numpy as np

from kb.index.calibration import calibrate
from kb.index.embeddings import EmbedderInfo
from kb.index.store import KnowledgeStore
from tests.kb.index.test_store import _client, _name

DIM = 16
TOPICS = 8  # one document per topic
CHUNKS_PER_DOC = 6


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


class TopicEmbedder:
    """Text 'topic-<t> ...' embeds near topic direction ``t``; ``offset`` > 0 adds a
    shared constant dimension, which maps every cosine affinely into a narrower band (as
    e5 does): calibrated values must not change with it."""

    def __init__(self, offset: float = 0.0, noise: float = 0.08, seed: int = 7) -> None:
        self.offset = offset
        self.noise = noise
        self.seed = seed
        self.topics = np.eye(DIM)[:TOPICS]

    def vector(self, text: str) -> np.ndarray:
        """Near its document's topic, nearer its own chunk ('w<doc>x<chunk>x<i>' words)."""
        found = re.search(r"(?:topic-|w)(\d+)(?:x(\d+))?", text)
        topic = int(found.group(1)) % TOPICS
        v = self.topics[topic].copy()
        if found.group(2) is not None:
            chunk = np.random.default_rng(zlib.crc32(f"{topic}x{found.group(2)}".encode()))
            v += 0.6 * _unit(chunk.standard_normal(DIM))
        rng = np.random.default_rng(zlib.crc32(f"{self.seed}:{text}".encode()))
        v = _unit(v + self.noise * rng.standard_normal(DIM))
        if self.offset:
            v = np.append(v, self.offset) / np.sqrt(1 + self.offset**2)
        return v

    def embed_query(self, text: str) -> list[float]:
        return self.vector(text).tolist()


def _store(tmp_path, embedder: TopicEmbedder, name: str) -> KnowledgeStore:
    dim = DIM + (1 if embedder.offset else 0)
    store = KnowledgeStore(_client(tmp_path / name), _name(tmp_path / name), EmbedderInfo("t", dim))
    ids, texts, vectors, metas = [], [], [], []
    for doc in range(TOPICS):
        for n in range(CHUNKS_PER_DOC):
            words = " ".join(f"w{doc}x{n}x{i}" for i in range(20))
            text = f"topic-{doc} {words}. topic-{doc} {words}."
            ids.append(f"d{doc}-c{n}")
            texts.append(text)
            vectors.append(embedder.vector(text).tolist())
            metas.append({"doc_id": f"d{doc}", "chunk_index": n, "language": "en"})
    store.add_chunks(ids, texts, vectors, metas)
    return store


def test_the_null_sits_below_the_answers_when_documents_are_distinct(tmp_path):
    embedder = TopicEmbedder()
    cal = calibrate(_store(tmp_path, embedder, "a"), embedder.embed_query, "t", questions=40)
    assert cal is not None and len(cal.null) >= 30 and len(cal.positive) >= 30
    # Each pseudo-question's own chunk is found, and it beats what other documents reach.
    assert np.median(cal.positive) > np.quantile(cal.null, 0.9) + 0.05
    assert cal.summary()["separable"] >= 0.8
    assert cal.support(float(np.median(cal.positive))) > 0.9
    assert cal.support(float(np.min(cal.null)) - 1.0) == 0.0


def test_an_affine_change_of_the_score_scale_changes_nothing(tmp_path):
    plain, narrow = TopicEmbedder(), TopicEmbedder(offset=2.0)
    a = calibrate(_store(tmp_path, plain, "a"), plain.embed_query, "t", questions=40)
    b = calibrate(_store(tmp_path, narrow, "b"), narrow.embed_query, "t", questions=40)
    assert a is not None and b is not None

    def squeeze(similarity):  # what the narrow embedder makes of a plain cosine
        return (similarity + narrow.offset**2) / (1 + narrow.offset**2)

    # Its cosines crowd into a band far from the plain ones...
    assert float(np.min(b.null)) > float(np.max(a.null)) - 0.1
    np.testing.assert_allclose(b.null, squeeze(a.null), atol=1e-4)
    # ...but every support, a rank against the index's own misses, is the same.
    for similarity in np.linspace(float(a.null.min()) - 0.05, float(a.null.max()) + 0.05, 9):
        assert a.support(similarity) == b.support(squeeze(similarity) + 1e-9) or abs(
            a.support(similarity) - b.support(squeeze(similarity))
        ) <= 1 / len(a.null)


def test_calibration_is_deterministic_for_the_same_chunks(tmp_path):
    embedder = TopicEmbedder()
    store = _store(tmp_path, embedder, "a")
    first = calibrate(store, embedder.embed_query, "t", questions=20)
    second = calibrate(store, embedder.embed_query, "t", questions=20)
    assert first is not None and second is not None
    np.testing.assert_array_equal(first.null, second.null)


def test_an_index_too_small_to_measure_has_no_calibration(tmp_path):
    embedder = TopicEmbedder()
    store = KnowledgeStore(_client(tmp_path), _name(tmp_path), EmbedderInfo("t", DIM))
    store.add_chunks(
        ["a"], ["topic-1 x"], [embedder.vector("topic-1 x").tolist()], [{"doc_id": "d"}]
    )
    assert calibrate(store, embedder.embed_query, "t") is None


def test_a_one_document_corpus_measures_misses_against_distant_chunks(tmp_path):
    embedder = TopicEmbedder()
    store = KnowledgeStore(_client(tmp_path), _name(tmp_path), EmbedderInfo("t", DIM))
    texts = [f"topic-{n} " + " ".join(f"w{n}x{i}" for i in range(20)) + "." for n in range(12)]
    store.add_chunks(
        [f"c{n}" for n in range(12)],
        texts,
        [embedder.vector(t).tolist() for t in texts],
        [{"doc_id": "only", "chunk_index": n} for n in range(12)],
    )
    cal = calibrate(store, embedder.embed_query, "t", questions=12)
    assert cal is not None and len(cal.null) > 0
