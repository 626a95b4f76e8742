"""Per-index calibration of dense similarity, measured at ingestion, stored with the generation.

Raw cosine similarities mean different things for different embedders and corpora: e5
crowds its scores into a narrow band that another embedder does not use, and a corpus
of near-duplicate reports scores higher everywhere than a varied one. Two measurements,
made on the index itself, replace every hand-set similarity constant:

* **Background.** A sample of the index's chunk vectors. A question's similarity to
  them is what "an unrelated passage" scores for that question; a passage's relevance
  is its similarity in units of that background (a z score), so any affine change of
  the embedder's score scale cancels.
* **What a miss looks like.** Pseudo-questions (question-sized spans of sentences drawn
  from the corpus) are searched with their own document left out: the best relevance
  a question reaches in a corpus that does not hold its answer is the null distribution
  the refusal decision is measured against. The relevance of the span's own chunk is
  kept too, for the report.

A passage's support is the share of that null distribution below its relevance: 0.9
means "only one in ten questions without an answer in the corpus matches this well".
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Any

import numpy as np

from kb.text import sentences, words

CALIBRATION_VERSION = 1


@dataclass
class Calibration:
    embedder: str
    background: np.ndarray  # (m, dim) sample of the index's chunk vectors
    null: np.ndarray  # sorted best z of other documents for pseudo-questions
    positive: np.ndarray  # sorted z of the pseudo-question's own chunk
    n_chunks: int = 0
    version: int = CALIBRATION_VERSION

    def z(self, q: np.ndarray, sims: np.ndarray) -> np.ndarray:
        """Similarities relative to the question's background: its similarity to a sample
        of the index's passages (mean and spread)."""
        background = self.background @ q
        spread = max(float(background.std()), 1e-6)
        return (np.asarray(sims, dtype=float) - float(background.mean())) / spread

    def support(self, z: float) -> float:
        """Share of best matches to questions without an answer that ``z`` exceeds, 0..1."""
        if not len(self.null):
            return 0.0
        return float(np.searchsorted(self.null, z, side="right") / len(self.null))

    def summary(self) -> dict[str, Any]:
        def q(values: np.ndarray, p: float) -> float:
            return round(float(np.quantile(values, p)), 2) if len(values) else 0.0

        return {
            "embedder": self.embedder,
            "pseudo_questions": int(len(self.null)),
            "background_chunks": int(len(self.background)),
            "miss_z": {
                "p50": q(self.null, 0.5),
                "p90": q(self.null, 0.9),
                "p99": q(self.null, 0.99),
            },
            "answer_z": {"p10": q(self.positive, 0.1), "p50": q(self.positive, 0.5)},
            # Share of pseudo-questions whose own chunk beats 90% of the misses.
            "separable": round(float(np.mean(self.positive > q(self.null, 0.9))), 2)
            if len(self.positive)
            else 0.0,
        }


def calibrate(
    store: Any,
    embed_query: Any,
    embedder: str,
    *,
    questions: int = 160,
    background: int = 256,
    span_words: int = 14,
    neighbours: int = 30,
) -> Calibration | None:
    """Measure ``store`` (a KnowledgeStore) with pseudo-questions embedded by ``embed_query``.

    Deterministic for a given set of chunks: the sample is seeded by the chunk ids.
    Returns None for an index too small to measure (fewer than four chunks).
    """
    got = store.all_chunks(["metadatas"])
    ids, metas = list(got["ids"]), list(got["metadatas"])
    docs = {md["doc_id"] for md in metas}
    if len(ids) < 4:
        return None
    seed = int(hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:12], 16)
    rng = random.Random(seed)

    chosen = rng.sample(ids, min(background, len(ids)))
    vectors = _vectors(store, chosen)
    sample = np.stack([vectors[i] for i in chosen])
    calibration = Calibration(embedder, sample, np.zeros(0), np.zeros(0), len(ids))

    null, positive = [], []
    for chunk_id, text, md in _question_sources(store, ids, metas, rng, questions):
        span = _span(text, rng, span_words)
        if not span:
            continue
        q = np.asarray(embed_query(span), dtype=np.float32)
        hits = store.chunks.query(
            query_embeddings=[q.tolist()],
            n_results=min(neighbours, len(ids)),
            include=["metadatas", "distances"],
        )
        h_ids, h_md = hits["ids"][0], hits["metadatas"][0]
        sims = 1.0 - np.asarray(hits["distances"][0], dtype=float)
        z = calibration.z(q, sims)
        others = [zi for zi, m in zip(z, h_md, strict=True) if _other(m, md, len(docs))]
        if others:
            null.append(max(others))
        own = [zi for zi, i in zip(z, h_ids, strict=True) if i == chunk_id]
        if own:
            positive.append(own[0])
    calibration.null = np.sort(np.asarray(null, dtype=float))
    calibration.positive = np.sort(np.asarray(positive, dtype=float))
    return calibration


def _other(hit: dict[str, Any], source: dict[str, Any], n_documents: int) -> bool:
    """Whether ``hit`` stands for 'a corpus without the answer': another document, or in a
    one-document corpus a chunk away from the source and its neighbours."""
    if n_documents > 1:
        return hit["doc_id"] != source["doc_id"]
    return abs(int(hit.get("chunk_index", 0)) - int(source.get("chunk_index", 0))) > 1


def _vectors(store: Any, ids: list[str]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for start in range(0, len(ids), 1000):
        got = store.chunks.get(ids=ids[start : start + 1000], include=["embeddings"])
        for i, emb in zip(got["ids"], got["embeddings"], strict=True):
            out[i] = np.asarray(emb, dtype=np.float32)
    return out


def _question_sources(
    store: Any, ids: list[str], metas: list[dict[str, Any]], rng: random.Random, n: int
) -> list[tuple[str, str, dict[str, Any]]]:
    """Up to ``n`` chunks, spread over documents (round robin), with their texts."""
    per_doc: dict[str, list[int]] = {}
    for pos, md in enumerate(metas):
        per_doc.setdefault(md["doc_id"], []).append(pos)
    for positions in per_doc.values():
        rng.shuffle(positions)
    chosen: list[int] = []
    queues = [per_doc[d] for d in sorted(per_doc)]
    while len(chosen) < n and any(queues):
        for queue in queues:
            if queue and len(chosen) < n:
                chosen.append(queue.pop())
    got = store.chunks.get(ids=[ids[p] for p in chosen], include=["documents"])
    texts = dict(zip(got["ids"], got["documents"], strict=True))
    return [(ids[p], texts.get(ids[p], ""), metas[p]) for p in chosen]


def _span(text: str, rng: random.Random, size: int) -> str:
    """A question-sized run of words from one sentence of ``text`` (no headings)."""
    candidates = [s for s in sentences(text) if len(words(s)) >= 8 and not s.startswith("#")]
    if not candidates:
        return ""
    tokens = words(rng.choice(candidates))
    start = rng.randrange(0, max(1, len(tokens) - size + 1))
    return " ".join(tokens[start : start + size])
