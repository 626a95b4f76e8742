"""Synthetic documents, chunks and queries; filter specs as masks and Chroma ``where``;
the brute-force ground truth."""

from __future__ import annotations

import json
import pickle
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from common import log_ts

from scale.config import (
    ALL_KINDS,
    ATTRIBUTE_KINDS,
    COUNTRIES,
    COUNTRY_LANGUAGE,
    DIM,
    DOC_SET_KINDS,
    PRACTICE_TYPES,
    SEED,
    TARGET_GROUPS,
    TOPICS,
    WARMUP,
    WORDS,
    YEARS,
    K,
)

# --- synthetic data --------------------------------------------------------------


@dataclass
class Corpus:
    """Synthetic documents and chunks of one size."""

    n_chunks: int
    doc_country: np.ndarray  # per document: index into COUNTRIES
    doc_language: list[str]
    doc_year: np.ndarray
    doc_topics: list[list[str]]
    doc_groups: list[list[str]]
    doc_practice: list[str]
    doc_start: np.ndarray  # first chunk row of each document; chunks are document-contiguous
    doc_count: np.ndarray
    vectors: np.ndarray | None = None  # (n_chunks, DIM) float32, unit length

    @property
    def n_docs(self) -> int:
        return len(self.doc_country)

    def chunk_doc(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_docs, dtype=np.int32), self.doc_count)

    def doc_meta(self, d: int) -> dict[str, Any]:
        return {
            "doc_id": doc_id(d),
            "country": COUNTRIES[int(self.doc_country[d])],
            "language": self.doc_language[d],
            "year": int(self.doc_year[d]),
            "topics": self.doc_topics[d],
            "target_groups": self.doc_groups[d],
            "practice_type": self.doc_practice[d],
        }


def doc_id(d: int) -> str:
    return f"doc-{d:06d}"


def chunk_id(d: int, i: int) -> str:
    return f"doc-{d:06d}#{i:03d}"


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM), dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v


def _zipf(n: int, s: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def make_corpus(n_chunks: int, seed: int = SEED, with_vectors: bool = True) -> Corpus:
    """The synthetic corpus of ``n_chunks`` chunks (deterministic for a seed and size)."""
    rng = np.random.default_rng([seed, n_chunks])
    counts: list[int] = []
    total = 0
    while total < n_chunks:
        c = int(min(rng.integers(5, 46), n_chunks - total))
        counts.append(c)
        total += c
    n_docs = len(counts)
    doc_count = np.array(counts, dtype=np.int64)
    doc_start = np.concatenate([[0], np.cumsum(doc_count)[:-1]])
    country = rng.choice(len(COUNTRIES), size=n_docs, p=_zipf(len(COUNTRIES), 1.0))
    english = rng.random(n_docs) < 0.25
    language = ["en" if english[d] else COUNTRY_LANGUAGE[COUNTRIES[c]] for d, c in
                enumerate(country)]  # fmt: skip
    year_w = 1.0 + 0.25 * np.arange(len(YEARS))
    year = rng.choice(YEARS, size=n_docs, p=year_w / year_w.sum())
    topic_p = _zipf(len(TOPICS), 0.7)
    n_topics = rng.choice([1, 2, 3], size=n_docs, p=[0.4, 0.4, 0.2])
    topic_idx = [rng.choice(len(TOPICS), size=k, replace=False, p=topic_p) for k in n_topics]
    topics = [sorted(TOPICS[t] for t in ts) for ts in topic_idx]
    n_groups = rng.choice([1, 2], size=n_docs)
    groups = [sorted(rng.choice(TARGET_GROUPS, size=k, replace=False).tolist()) for k in n_groups]
    practice = rng.choice(PRACTICE_TYPES, size=n_docs).tolist()
    corpus = Corpus(n_chunks, country, language, year, topics, groups, practice, doc_start,
                    doc_count)  # fmt: skip
    if with_vectors:
        g, topic_c, country_c = _centroids(seed)
        doc_vec = np.stack([topic_c[ts].mean(axis=0) for ts in topic_idx])
        doc_vec /= np.linalg.norm(doc_vec, axis=1, keepdims=True)
        doc_vec = 1.2 * g + doc_vec + 0.5 * country_c[country] + 0.7 * _unit(rng, n_docs)
        vectors = np.repeat(doc_vec.astype(np.float32), doc_count, axis=0)
        vectors += 0.8 * _unit(rng, n_chunks)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        corpus.vectors = vectors
    return corpus


def _centroids(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng([seed, 0])
    return _unit(rng, 1)[0], _unit(rng, len(TOPICS)), _unit(rng, len(COUNTRIES))


def make_queries(n: int, seed: int, salt: int) -> np.ndarray:
    """``n`` unit query vectors near the data's clusters."""
    g, topic_c, country_c = _centroids(seed)
    rng = np.random.default_rng([seed, 1, salt])
    t1, t2 = rng.integers(0, len(TOPICS), n), rng.integers(0, len(TOPICS), n)
    mix = topic_c[t1] + np.where(rng.random(n) < 0.3, 0.6, 0.0)[:, None] * topic_c[t2]
    mix /= np.linalg.norm(mix, axis=1, keepdims=True)
    q = 1.2 * g + mix + 0.5 * country_c[rng.integers(0, len(COUNTRIES), n)]
    q += 0.9 * _unit(rng, n)
    return (q / np.linalg.norm(q, axis=1, keepdims=True)).astype(np.float32)


def chunk_batch(corpus: Corpus, docs: Sequence[int], with_text: bool,
                rng: np.random.Generator) -> dict[str, Any]:  # fmt: skip
    """Ids, metadatas, (texts) and vectors of the chunks of ``docs``."""
    ids: list[str] = []
    metas: list[dict[str, Any]] = []
    rows: list[np.ndarray] = []
    for d in docs:
        meta = corpus.doc_meta(d)
        for i in range(int(corpus.doc_count[d])):
            ids.append(chunk_id(d, i))
            metas.append({**meta, "chunk_index": i, "page": i // 3 + 1})
        start = int(corpus.doc_start[d])
        rows.append(np.arange(start, start + int(corpus.doc_count[d])))
    assert corpus.vectors is not None
    batch: dict[str, Any] = {
        "ids": ids,
        "metadatas": metas,
        "embeddings": corpus.vectors[np.concatenate(rows)],
    }
    if with_text:
        words = np.array(WORDS)[rng.integers(0, len(WORDS), size=(len(ids), 30))]
        batch["documents"] = [" ".join(w)[:220] for w in words]
    return batch


# --- filters ---------------------------------------------------------------------


def doc_mask(corpus: Corpus, spec: dict[str, Any] | None) -> np.ndarray:
    """Documents that pass a filter spec (the manifest side of every layout)."""
    mask = np.ones(corpus.n_docs, dtype=bool)
    if spec is None:
        return mask
    if "countries" in spec:
        mask &= np.isin(corpus.doc_country, [COUNTRIES.index(c) for c in spec["countries"]])
    if "year_from" in spec:
        mask &= corpus.doc_year >= spec["year_from"]
    if "year_to" in spec:
        mask &= corpus.doc_year <= spec["year_to"]
    if "topics" in spec:
        wanted = set(spec["topics"])
        mask &= np.array([bool(wanted.intersection(t)) for t in corpus.doc_topics])
    if "docs" in spec:
        only = np.zeros(corpus.n_docs, dtype=bool)
        only[spec["docs"]] = True
        mask &= only
    return mask


def where_clause(spec: dict[str, Any] | None, skip_country: bool = False) -> dict | None:
    """A filter spec as a Chroma ``where`` (the product's ``where_clause`` shape)."""
    if spec is None:
        return None
    parts: list[dict[str, Any]] = []
    if "countries" in spec and not skip_country:
        c = spec["countries"]
        parts.append({"country": c[0]} if len(c) == 1 else {"country": {"$in": list(c)}})
    if "topics" in spec:
        any_of = [{"topics": {"$contains": t}} for t in spec["topics"]]
        parts.append(any_of[0] if len(any_of) == 1 else {"$or": any_of})
    if "year_from" in spec:
        parts.append({"year": {"$gte": spec["year_from"]}})
    if "year_to" in spec:
        parts.append({"year": {"$lte": spec["year_to"]}})
    if "docs" in spec:
        parts.append({"doc_id": {"$in": [doc_id(d) for d in spec["docs"]]}})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


def query_specs(corpus: Corpus, kind: str, n: int, seed: int) -> list[dict[str, Any] | None]:
    """The filter spec of each of the ``n`` queries of a kind."""
    if kind in DOC_SET_KINDS:
        rng = np.random.default_rng([seed, 2, DOC_SET_KINDS[kind]])
        size = min(DOC_SET_KINDS[kind], corpus.n_docs)
        return [{"docs": sorted(rng.choice(corpus.n_docs, size, replace=False).tolist())}
                for _ in range(n)]  # fmt: skip
    base = "none" if kind.startswith("none") else kind
    return [ATTRIBUTE_KINDS[base]] * n


def ground_truth(corpus: Corpus, queries: np.ndarray,
                 specs: list[dict[str, Any] | None]) -> list[list[str]]:  # fmt: skip
    """Exact top-K chunk ids by cosine over each query's filtered subset."""
    assert corpus.vectors is not None
    chunk_doc = corpus.chunk_doc()
    groups: dict[str, list[int]] = {}
    for j, spec in enumerate(specs):
        groups.setdefault(json.dumps(spec, sort_keys=True), []).append(j)
    out: list[list[str]] = [[] for _ in specs]
    for members in groups.values():
        rows = np.flatnonzero(doc_mask(corpus, specs[members[0]])[chunk_doc])
        sub = corpus.vectors if len(rows) == corpus.n_chunks else corpus.vectors[rows]
        for start in range(0, len(members), 50):
            part = members[start : start + 50]
            scores = sub @ queries[part].T  # (rows, queries)
            for col, j in enumerate(part):
                s = scores[:, col]
                k = min(K, len(s))
                top = np.argpartition(-s, k - 1)[:k]
                top = top[np.argsort(-s[top])]
                out[j] = [_row_id(corpus, int(rows[t])) for t in top]
    return out


def _row_id(corpus: Corpus, row: int) -> str:
    d = int(np.searchsorted(corpus.doc_start, row, side="right") - 1)
    return chunk_id(d, row - int(corpus.doc_start[d]))


def prepare(workdir: Path, size: int, n_queries: int, seed: int) -> Path:
    """Queries, filter specs and ground truth of one size (computed once per workdir)."""
    path = workdir / str(size) / f"queries-{n_queries}-{seed}.pkl"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    corpus = make_corpus(size, seed)
    kinds: dict[str, Any] = {}
    for salt, kind in enumerate(ALL_KINDS):
        queries = make_queries(n_queries + WARMUP, seed, salt)
        specs = query_specs(corpus, kind, n_queries + WARMUP, seed)
        kinds[kind] = {"queries": queries, "specs": specs,
                       "truth": ground_truth(corpus, queries, specs)}  # fmt: skip
    shares = {k: float(doc_mask(corpus, ATTRIBUTE_KINDS[k]) @ corpus.doc_count / size)
              for k in ATTRIBUTE_KINDS}  # fmt: skip
    with path.open("wb") as fh:
        pickle.dump({"kinds": kinds, "shares": shares, "n_docs": corpus.n_docs}, fh)
    log_ts(f"{size}: {corpus.n_docs} documents; queries and ground truth in "
         f"{time.perf_counter() - t0:.0f} s")  # fmt: skip
    return path
