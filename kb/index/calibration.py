"""Per-index calibration of dense similarity, measured at ingestion, stored with the generation.

Raw cosine similarities mean different things for different embedders and corpora: e5
crowds its scores into a narrow band that another embedder does not use, and a corpus
of near-duplicate reports scores higher everywhere than a varied one. So the relevance
decision never compares a similarity with a hand-set number. It compares it with what
the index itself shows a *miss* looks like: pseudo-questions (question-sized spans of
sentences drawn from the corpus) are searched with their own document left out, and the
best similarity each still reaches is the null distribution. A passage's support is the
share of that distribution its similarity exceeds: 0.9 means "only one in ten questions
whose answer is not in the corpus matches this well". Being a rank, it is the same for
any monotone change of the embedder's score scale. The similarity of each span's own
chunk is kept too, for the report.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Any

import numpy as np

from kb.core.text import sentences, words


@dataclass
class Calibration:
    embedder: str
    null: np.ndarray  # sorted best similarity of other documents to pseudo-questions
    positive: np.ndarray  # sorted similarity of the pseudo-question's own chunk

    def support(self, similarity: float) -> float:
        """Share of best matches to questions without an answer that ``similarity``
        exceeds, 0..1."""
        if not len(self.null):
            return 0.0
        return float(np.searchsorted(self.null, similarity, side="right") / len(self.null))

    def summary(self) -> dict[str, Any]:
        def q(values: np.ndarray, p: float) -> float:
            return round(float(np.quantile(values, p)), 2) if len(values) else 0.0

        return {
            "embedder": self.embedder,
            "pseudo_questions": int(len(self.null)),
            "miss": {
                "p50": q(self.null, 0.5),
                "p90": q(self.null, 0.9),
                "p99": q(self.null, 0.99),
            },
            "answer": {"p10": q(self.positive, 0.1), "p50": q(self.positive, 0.5)},
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

    calibration = Calibration(embedder, np.zeros(0), np.zeros(0))

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
        others = [x for x, m in zip(sims, h_md, strict=True) if _other(m, md, len(docs))]
        if others:
            null.append(max(others))
        own = [x for x, i in zip(sims, h_ids, strict=True) if i == chunk_id]
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
