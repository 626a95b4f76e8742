#!/usr/bin/env python
"""Scale benchmark: store-only Chroma query latency at 10k, 100k and 1M chunks.

    python benchmarks/bench_scale.py [--sizes 10000 100000 1000000]
                                     [--layouts single doc-ids partitioned overfetch ...]
                                     [--queries 200] [--workdir DIR] [--keep] [--json]

Nothing of the product is imported: this measures Chroma (chromadb's
``PersistentClient``) alone, with synthetic data, to choose an index layout that
keeps metadata-filtered queries fast at a million chunks.

Synthetic data (numpy, fixed seed; the same for every layout of one size):

* documents of 5-45 chunks (25 on average; 1M chunks = ~40k documents) with the
  product's catalogue metadata: ``doc_id``, ``country`` (30 ISO codes, Zipf
  distributed: DE holds ~25 % of the chunks, AT ~5 %, the smallest ~0.8 %),
  ``language``, ``year`` (2010-2026, more recent years more frequent), ``topics``
  (1-3 of 12, list-valued), ``target_groups`` (1-2 of 8, list-valued) and
  ``practice_type``; every chunk carries its document's metadata plus
  ``chunk_index`` and ``page``, and a ~200-character text;
* 384-d unit vectors, clustered like real embeddings: a common direction (e5's
  vectors all point roughly the same way), the mean of the document's topic
  centroids, a per-country direction, a per-document offset and per-chunk noise;
* query vectors near the clusters: common direction + one or two topic centroids
  + a country direction + noise.

Layouts (``--layouts``); each one is measured at each size in its own
subprocess, so its peak RSS is its own:

``single``       one collection; the filter is a Chroma ``where``
                 (country ``$eq``/``$in``, year range, country + ``topics``
                 ``$contains``: chromadb 1.5 supports ``$contains`` on list metadata).
``doc-ids``      one collection; the filter is resolved outside Chroma to document
                 ids from a per-document manifest held in memory, and the query
                 uses ``where={"doc_id": {"$in": [...]}}``; random sets of 10 and
                 100 documents too.
``partitioned``  one collection per country; a country filter queries only those
                 collections (other filters stay a ``where`` there); unfiltered and
                 country-less filtered queries fan out over all 30 collections and
                 merge by distance, sequentially and with a thread pool.
``overfetch``    one collection (the ``single`` index); a query planner estimates the
                 filter's share of the chunks from the manifest. Selective filters
                 (under ``--overfetch-min-share``) go to ``doc_id $in``; broad ones
                 fetch the unfiltered top-N (N = k / share x 4, at least 100) from the
                 HNSW index and keep the first k that pass the filter, falling back
                 to the ``where`` query when fewer than k survive.
``numpy-exact``  one collection for texts plus a numpy side-car of all vectors (rows
                 grouped by country) and the manifest: filtered queries are an exact
                 matrix-vector product over the matching rows, then one Chroma
                 ``get`` by id for the texts of the top k.
``hybrid``       the ``single`` index plus the ``numpy-exact`` side-car: unfiltered
                 queries go to Chroma's HNSW; a filter matching at most ``--exact-max``
                 chunks is searched exactly in numpy; a broader one over-fetches the
                 unfiltered top-N from HNSW (N = k / share x 10, at least 500) and keeps
                 the first k that pass, with the exact search as the fallback.
``single-notext``  like ``single`` without documents (texts): does storing text matter?

Per layout and size: latency p50/p95/p99 in ms over ``--queries`` queries per
query kind (after 3 untimed warm-up queries; ``--max-kind-seconds`` stops a slow
kind early, after at least 20), the CPU time of the query process per query
(``time.process_time``, all threads: less sensitive to other load than wall
time), recall@10 against an exact
brute-force numpy search over the filtered subset, the time to open the index and
answer the first query, peak RSS of the query process (``VmHWM``) and its RSS once
the index is open; per index: build time and rate (``collection.add`` in batches
of ``client.get_max_batch_size()``), disk size (``du``) and the build process's
peak RSS. The 1-minute load average is recorded around every measurement: the
machine has 2 cores, and other load inflates latency.

Indexes live in ``--workdir`` (a temporary folder by default) under
``<size>/<index>``; they are deleted once every layout of that size has been
measured unless ``--keep`` is given, in which case a later run with the same
``--workdir`` reuses them (and reports the build figures recorded then).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MB = 1024 * 1024
DIM = 384
K = 10
SEED = 20261125
WARMUP = 3
MEAN_DOC_CHUNKS = 25
# 30 countries in Zipf rank order (weight 1/rank): DE ~25 %, AT ~5 %, CH ~0.8 %.
COUNTRIES = (
    "DE FR IT ES AT NL BE PL SE PT CZ EL HU DK FI IE SK BG HR LT SI LV EE CY LU MT RO IS NO CH"
).split()
COUNTRY_LANGUAGE = {
    "DE": "de", "FR": "fr", "IT": "it", "ES": "es", "AT": "de", "NL": "nl", "BE": "fr",
    "PL": "pl", "SE": "sv", "PT": "pt", "CZ": "cs", "EL": "el", "HU": "hu", "DK": "da",
    "FI": "fi", "IE": "en", "SK": "sk", "BG": "bg", "HR": "hr", "LT": "lt", "SI": "sl",
    "LV": "lv", "EE": "et", "CY": "el", "LU": "fr", "MT": "en", "RO": "ro", "IS": "is",
    "NO": "no", "CH": "de",
}  # fmt: skip
TOPICS = (
    "youth-guarantee long-term-unemployment digital-services skills-and-training "
    "green-transition migrant-integration disability older-workers apprenticeships "
    "job-matching career-guidance employer-services"
).split()
TARGET_GROUPS = (
    "jobseekers long-term-unemployed older-workers employers young-people migrants "
    "people-with-disabilities low-skilled"
).split()
PRACTICE_TYPES = ["case-study", "evaluation", "guidance", "policy", "toolkit"]
YEARS = list(range(2010, 2027))
WORDS = (
    "employment service jobseeker training programme labour market public support "
    "counselling youth skills digital career guidance employer partnership measure "
    "activation outreach evaluation results placement vacancy profiling integration "
    "apprenticeship older workers disability migrants regional local office online "
    "platform case management wage subsidy upskilling reskilling green transition"
).split()

# Query kinds: name -> filter spec. A spec is None (no filter) or a dict with any of
# countries (any-of), year_from/year_to, topics (any-of), docs (document indices).
# "docs" specs are drawn per query (see _query_specs).
ATTRIBUTE_KINDS: dict[str, dict[str, Any] | None] = {
    "none": None,
    "country=AT": {"countries": ["AT"]},
    "country=DE": {"countries": ["DE"]},
    "country in AT,DE": {"countries": ["AT", "DE"]},
    "year 2020-2022": {"year_from": 2020, "year_to": 2022},
    "DE + topic": {"countries": ["DE"], "topics": ["digital-services"]},
}
DOC_SET_KINDS = {"10 docs": 10, "100 docs": 100}
ALL_KINDS = [*ATTRIBUTE_KINDS, *DOC_SET_KINDS]

# Which on-disk index each layout queries.
LAYOUT_INDEX = {
    "single": "single",
    "doc-ids": "single",
    "overfetch": "single",
    "numpy-exact": "single",
    "hybrid": "single",
    "partitioned": "partitioned",
    "single-notext": "notext",
}
LAYOUT_KINDS = {
    "single": list(ATTRIBUTE_KINDS),
    "single-notext": ["none", "country=AT", "country=DE"],
    "doc-ids": [k for k in ALL_KINDS if k != "none"],
    "partitioned": ["none", "none (threads)", *ALL_KINDS[1:]],
    "overfetch": ALL_KINDS,
    "numpy-exact": ALL_KINDS,
    "hybrid": ALL_KINDS,
}
DEFAULT_LAYOUTS = ["single", "doc-ids", "partitioned", "overfetch", "numpy-exact", "hybrid"]


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def loadavg() -> float:
    """The 1-minute load average."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def proc_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS, VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def du_mb(path: Path) -> float:
    """Disk usage of a folder (allocated blocks, as ``du``), in MB."""
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0]) / 1024


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
    _log(f"{size}: {corpus.n_docs} documents; queries and ground truth in "
         f"{time.perf_counter() - t0:.0f} s")  # fmt: skip
    return path


# --- building the indexes ----------------------------------------------------------


def open_client(path: Path) -> Any:
    import chromadb
    from chromadb.config import Settings

    return chromadb.PersistentClient(path=str(path), settings=Settings(anonymized_telemetry=False))


def build_index(index: str, size: int, path: Path, seed: int) -> dict[str, Any]:
    """Build one on-disk index (``single``, ``notext`` or ``partitioned``); its figures."""
    if path.exists():
        shutil.rmtree(path)
    t0 = time.perf_counter()
    corpus = make_corpus(size, seed)
    gen_s = time.perf_counter() - t0
    client = open_client(path)
    batch_max = client.get_max_batch_size()
    target_docs = max(1, batch_max // (MEAN_DOC_CHUNKS + 20))  # documents per add() call
    groups: dict[str, list[int]]
    if index == "partitioned":
        groups = {c: np.flatnonzero(corpus.doc_country == i).tolist()
                  for i, c in enumerate(COUNTRIES)}  # fmt: skip
    else:
        groups = {"all": list(range(corpus.n_docs))}
    rng = np.random.default_rng([seed, 3])
    add_s = 0.0
    batch_s = 0.0
    calls = 0
    for key, docs in groups.items():
        name = "chunks" if key == "all" else f"chunks-{key}"
        col = client.create_collection(name, metadata={"hnsw:space": "cosine"},
                                       embedding_function=None)  # fmt: skip
        for start in range(0, len(docs), target_docs):
            t1 = time.perf_counter()
            batch = chunk_batch(corpus, docs[start : start + target_docs], index != "notext", rng)
            t2 = time.perf_counter()
            col.add(**batch)
            add_s += time.perf_counter() - t2
            batch_s += t2 - t1
            calls += 1
            if calls % 50 == 0:
                _log(f"  {index} {size}: {calls} add calls, {add_s:.0f} s in add")
    total = sum(client.get_collection(c.name).count() for c in client.list_collections())
    del client
    sidecar = None
    if index == "single":
        sidecar = write_sidecar(corpus, path.parent / "sidecar")
    return {
        "index": index,
        "chunks": total,
        "documents": corpus.n_docs,
        "collections": len(groups),
        "generate_s": round(gen_s, 1),
        "batch_prep_s": round(batch_s, 1),
        "add_s": round(add_s, 1),
        "chunks_per_s": round(total / add_s, 0),
        "add_calls": calls,
        "max_batch": batch_max,
        "disk_mb": round(du_mb(path), 1),
        "build_peak_rss_mb": round(proc_mb("VmHWM"), 0),
        "sidecar_mb": sidecar,
        "loadavg_end": loadavg(),
    }


def write_sidecar(corpus: Corpus, folder: Path) -> float:
    """The numpy side-car of ``numpy-exact``: vectors grouped by country, row -> chunk id."""
    folder.mkdir(parents=True, exist_ok=True)
    assert corpus.vectors is not None
    chunk_doc = corpus.chunk_doc()
    order = np.argsort(corpus.doc_country[chunk_doc], kind="stable")
    np.save(folder / "vectors.npy", corpus.vectors[order])
    np.save(folder / "row_doc.npy", chunk_doc[order])
    np.save(folder / "row_chunk.npy", (order - corpus.doc_start[chunk_doc[order]]).astype(np.int32))
    return round(du_mb(folder), 1)


# --- querying -------------------------------------------------------------------


@dataclass
class Manifest:
    """Per-document metadata held in memory: what doc-ids / overfetch resolve filters with."""

    corpus: Corpus  # without vectors
    chunk_total: int

    def docs(self, spec: dict[str, Any] | None) -> np.ndarray:
        return np.flatnonzero(doc_mask(self.corpus, spec))

    def share(self, spec: dict[str, Any] | None) -> float:
        return float(doc_mask(self.corpus, spec) @ self.corpus.doc_count / self.chunk_total)


def _hits(got: dict[str, Any], i: int = 0) -> list[tuple[float, str]]:
    return list(zip(got["distances"][i], got["ids"][i], strict=True))


INCLUDE = ["metadatas", "documents", "distances"]


class Layout:
    """Answers (query vector, filter spec) with the top-K chunk ids, one layout's way."""

    def __init__(self, client: Any, manifest: Manifest) -> None:
        self.client = client
        self.manifest = manifest
        self.notes: dict[str, Any] = {}

    def search(self, vector: np.ndarray, spec: dict[str, Any] | None, kind: str) -> list[str]:
        raise NotImplementedError


class Single(Layout):
    def __init__(self, client: Any, manifest: Manifest) -> None:
        super().__init__(client, manifest)
        self.col = client.get_collection("chunks")

    def query(self, vector: np.ndarray, where: dict | None, n: int = K,
              include: list[str] | None = None) -> dict[str, Any]:  # fmt: skip
        return self.col.query(query_embeddings=[vector], n_results=n, where=where,
                              include=include or INCLUDE)  # fmt: skip

    def search(self, vector: np.ndarray, spec: dict[str, Any] | None, kind: str) -> list[str]:
        return self.query(vector, where_clause(spec))["ids"][0]


class SingleNoText(Single):
    def query(self, vector: np.ndarray, where: dict | None, n: int = K,
              include: list[str] | None = None) -> dict[str, Any]:  # fmt: skip
        return super().query(vector, where, n, include or ["metadatas", "distances"])


class DocIds(Single):
    def search(self, vector: np.ndarray, spec: dict[str, Any] | None, kind: str) -> list[str]:
        docs = spec["docs"] if spec and "docs" in spec else self.manifest.docs(spec)
        self.notes.setdefault(f"doc ids ({kind})", len(docs))
        return self.query(vector, {"doc_id": {"$in": [doc_id(int(d)) for d in docs]}})["ids"][0]


class Overfetch(Single):
    """Chroma-only planner: broad filters over-fetch unfiltered and post-filter,
    selective ones (or too few survivors) go to ``doc_id $in``."""

    def __init__(self, client: Any, manifest: Manifest, min_share: float = 0.02,
                 factor: float = 4.0, cap: int = 2000) -> None:  # fmt: skip
        super().__init__(client, manifest)
        self.min_share, self.factor, self.cap = min_share, factor, cap
        self.floor = 100  # fetch at least this many
        self.counts: dict[str, dict[str, int]] = {}

    def _count(self, kind: str, what: str) -> None:
        c = self.counts.setdefault(kind, {})
        c[what] = c.get(what, 0) + 1

    def overfetch(self, vector: np.ndarray, mask: np.ndarray, share: float,
                  kind: str) -> list[str] | None:  # fmt: skip
        """Unfiltered top-n (ids and distances only), the first K that pass ``mask``
        (chunk ids start with their doc id, so no metadata is fetched), then one ``get``
        for their texts; None when fewer than K pass."""
        n = int(min(self.cap, max(self.floor, K / share * self.factor)))
        got = self.query(vector, None, n, include=["distances"])
        # chunk id "doc-NNNNNN#CCC" -> document index NNNNNN
        kept = [i for i in got["ids"][0] if mask[int(i[4:10])]][:K]
        if len(kept) < K:
            self._count(kind, "over-fetch, too few: fallback")
            return None
        self._count(kind, "over-fetch")
        c = self.counts[kind]
        c["largest n"] = max(c.get("largest n", 0), n)
        self.col.get(ids=kept, include=["metadatas", "documents"])  # the texts
        return kept

    def doc_in(self, vector: np.ndarray, mask: np.ndarray, kind: str) -> list[str]:
        self._count(kind, "doc_id $in")
        docs = [doc_id(int(d)) for d in np.flatnonzero(mask)]
        return self.query(vector, {"doc_id": {"$in": docs}})["ids"][0]

    def search(self, vector: np.ndarray, spec: dict[str, Any] | None, kind: str) -> list[str]:
        if spec is None:
            return self.query(vector, None)["ids"][0]
        mask = doc_mask(self.manifest.corpus, spec)
        share = float(mask @ self.manifest.corpus.doc_count / self.manifest.chunk_total)
        if share >= self.min_share:
            kept = self.overfetch(vector, mask, share, kind)
            if kept is not None:
                return kept
        return self.doc_in(vector, mask, kind)

    def finish(self) -> None:
        self.notes["plan"] = self.counts


class NumpyExact(Layout):
    """Exact filtered search over an in-memory copy of the vectors; texts from Chroma."""

    def __init__(self, client: Any, manifest: Manifest, sidecar: Path) -> None:
        super().__init__(client, manifest)
        self.col = client.get_collection("chunks")
        self.vectors = np.load(sidecar / "vectors.npy")
        self.row_doc = np.load(sidecar / "row_doc.npy")
        self.row_chunk = np.load(sidecar / "row_chunk.npy")
        countries = manifest.corpus.doc_country[self.row_doc]
        bounds = np.searchsorted(countries, np.arange(len(COUNTRIES) + 1))
        self.slices = {c: (int(bounds[i]), int(bounds[i + 1])) for i, c in enumerate(COUNTRIES)}

    def exact(self, vector: np.ndarray, spec: dict[str, Any] | None) -> list[str]:
        rows: np.ndarray | None
        if spec is None:
            scores, rows = self.vectors @ vector, None
        elif set(spec) == {"countries"}:  # contiguous slices: no gather
            parts = [self.slices[c] for c in spec["countries"]]
            scores = np.concatenate([self.vectors[a:b] @ vector for a, b in parts])
            rows = np.concatenate([np.arange(a, b) for a, b in parts])
        else:
            if "countries" in spec:  # filter the rows inside the countries' slices only
                parts = [self.slices[c] for c in spec["countries"]]
                cand = np.concatenate([np.arange(a, b) for a, b in parts])
            else:
                cand = np.arange(len(self.row_doc))
            mask = doc_mask(self.manifest.corpus, spec)
            rows = cand[mask[self.row_doc[cand]]]
            scores = self.vectors[rows] @ vector
        k = min(K, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        picked = top if rows is None else rows[top]
        ids = [chunk_id(int(self.row_doc[r]), int(self.row_chunk[r])) for r in picked]
        got = self.col.get(ids=ids, include=["metadatas", "documents"])  # the texts
        assert len(got["ids"]) == len(ids)
        return ids

    def search(self, vector: np.ndarray, spec: dict[str, Any] | None, kind: str) -> list[str]:
        return self.exact(vector, spec)


class Hybrid(Overfetch):
    """Unfiltered: Chroma HNSW. Filtered: exact numpy search when the filter matches at
    most ``exact_max`` chunks, else over-fetch from HNSW and post-filter, with the exact
    search as the fallback. Worst case: an exact scan of ``exact_max`` rows."""

    def __init__(self, client: Any, manifest: Manifest, sidecar: Path, exact_max: int,
                 factor: float = 10.0, cap: int = 2000) -> None:  # fmt: skip
        super().__init__(client, manifest, 0.0, factor, cap)
        self.floor = 500  # a larger over-fetch raises HNSW's ef, hence recall
        self.numpy = NumpyExact(client, manifest, sidecar)
        self.exact_max = exact_max

    def search(self, vector: np.ndarray, spec: dict[str, Any] | None, kind: str) -> list[str]:
        if spec is None:
            return self.query(vector, None)["ids"][0]
        mask = doc_mask(self.manifest.corpus, spec)
        matches = int(mask @ self.manifest.corpus.doc_count)
        if matches > self.exact_max:
            kept = self.overfetch(vector, mask, matches / self.manifest.chunk_total, kind)
            if kept is not None:
                return kept
        else:
            self._count(kind, "exact")
        return self.numpy.exact(vector, spec)


class Partitioned(Layout):
    def __init__(self, client: Any, manifest: Manifest, threads: int = 8) -> None:
        super().__init__(client, manifest)
        self.cols = {c: client.get_collection(f"chunks-{c}") for c in COUNTRIES}
        self.counts = {c: col.count() for c, col in self.cols.items()}  # small sizes: 0
        self.pool = ThreadPoolExecutor(max_workers=threads)
        self.threads = threads
        self.check: list[np.ndarray] = []  # vectors to compare threaded and sequential on

    def _one(self, country: str, vector: np.ndarray, where: dict | None) -> list[tuple]:
        if not self.counts[country]:
            return []
        got = self.cols[country].query(query_embeddings=[vector], n_results=K, where=where,
                                       include=INCLUDE)  # fmt: skip
        return _hits(got)

    def _fan_out(self, countries: list[str], vector: np.ndarray, where: dict | None,
                 threaded: bool) -> list[str]:  # fmt: skip
        if threaded and len(countries) > 1:
            parts = list(self.pool.map(lambda c: self._one(c, vector, where), countries))
        else:
            parts = [self._one(c, vector, where) for c in countries]
        merged = sorted(h for part in parts for h in part)
        return [i for _, i in merged[:K]]

    def search(self, vector: np.ndarray, spec: dict[str, Any] | None, kind: str) -> list[str]:
        threaded = kind != "none"
        if spec is not None and "docs" in spec:
            wanted = {COUNTRIES[int(self.manifest.corpus.doc_country[d])] for d in spec["docs"]}
            countries = sorted(wanted)
        elif spec is not None and "countries" in spec:
            countries = list(spec["countries"])
        else:
            countries = COUNTRIES
        ids = self._fan_out(countries, vector, where_clause(spec, skip_country=True), threaded)
        if kind == "none (threads)" and len(self.check) < 50:
            self.check.append(vector)
        return ids

    def finish(self) -> None:
        # Concurrent queries on one PersistentClient: same answers as sequential ones?
        differ = sum(self._fan_out(COUNTRIES, v, None, True) != self._fan_out(COUNTRIES, v, None,
                     False) for v in self.check)  # fmt: skip
        self.notes["threads"] = self.threads
        self.notes["threaded answers differing from sequential"] = f"{differ}/{len(self.check)}"
        self.pool.shutdown()


def run_layout(layout: str, size: int, workdir: Path, n_queries: int, seed: int,
               options: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """Measure one layout at one size (meant to run in its own process)."""
    rss_start = proc_mb("VmRSS")
    index_dir = workdir / str(size) / LAYOUT_INDEX[layout]
    with (workdir / str(size) / f"queries-{n_queries}-{seed}.pkl").open("rb") as fh:
        prepared = pickle.load(fh)
    t0 = time.perf_counter()
    client = open_client(index_dir)
    manifest = Manifest(make_corpus(size, seed, with_vectors=False), size)
    impl: Layout
    if layout == "single":
        impl = Single(client, manifest)
    elif layout == "single-notext":
        impl = SingleNoText(client, manifest)
    elif layout == "doc-ids":
        impl = DocIds(client, manifest)
    elif layout == "overfetch":
        impl = Overfetch(client, manifest, options["overfetch_min_share"])
    elif layout == "numpy-exact":
        impl = NumpyExact(client, manifest, workdir / str(size) / "sidecar")
    elif layout == "hybrid":
        impl = Hybrid(client, manifest, workdir / str(size) / "sidecar", options["exact_max"])
    elif layout == "partitioned":
        impl = Partitioned(client, manifest, options["threads"])
    else:
        raise ValueError(layout)
    first_kind = LAYOUT_KINDS[layout][0]
    first = prepared["kinds"]["none" if first_kind.startswith("none") else first_kind]
    impl.search(first["queries"][0], first["specs"][0], "warm-up")
    open_s = time.perf_counter() - t0
    rss_open = proc_mb("VmRSS")
    kinds: dict[str, Any] = {}
    for kind in LAYOUT_KINDS[layout]:
        data = prepared["kinds"]["none" if kind.startswith("none") else kind]
        lat: list[float] = []
        cpu: list[float] = []  # CPU time of this process (all its threads) per query
        recall: list[float] = []
        load0 = loadavg()
        started = time.perf_counter()
        for j, (vector, spec, truth) in enumerate(
            zip(data["queries"], data["specs"], data["truth"], strict=True)
        ):
            t1, c1 = time.perf_counter(), time.process_time()
            ids = impl.search(vector, spec, kind)
            elapsed = (time.perf_counter() - t1) * 1000
            cpu_ms = (time.process_time() - c1) * 1000
            if j < WARMUP:
                started = time.perf_counter()
                continue
            lat.append(elapsed)
            cpu.append(cpu_ms)
            recall.append(len(set(ids) & set(truth)) / max(1, min(K, len(truth))))
            cap = options.get("max_kind_seconds")
            if cap and len(lat) >= 20 and time.perf_counter() - started > cap:
                break
        kinds[kind] = {
            "p50": round(float(np.percentile(lat, 50)), 2),
            "p95": round(float(np.percentile(lat, 95)), 2),
            "p99": round(float(np.percentile(lat, 99)), 2),
            "mean": round(float(np.mean(lat)), 2),
            "cpu_p50": round(float(np.percentile(cpu, 50)), 2),
            "cpu_p95": round(float(np.percentile(cpu, 95)), 2),
            "recall": round(float(np.mean(recall)), 4),
            "n": len(lat),
            "loadavg": [load0, loadavg()],
        }
        _log(f"  {layout} {size} {kind}: p50 {kinds[kind]['p50']} ms, "
             f"p95 {kinds[kind]['p95']} ms, cpu p50 {kinds[kind]['cpu_p50']} ms, "
             f"recall {kinds[kind]['recall']}")  # fmt: skip
    finish = getattr(impl, "finish", None)
    if finish:
        finish()
    return {
        "layout": layout,
        "size": size,
        "kinds": kinds,
        "open_and_first_query_s": round(open_s, 2),
        "rss_start_mb": round(rss_start, 0),
        "rss_open_mb": round(rss_open, 0),
        "rss_end_mb": round(proc_mb("VmRSS"), 0),
        "peak_rss_mb": round(proc_mb("VmHWM"), 0),
        "notes": impl.notes,
        "shares": prepared["shares"],
    }


# --- orchestration -----------------------------------------------------------------


def _subprocess(task: dict[str, Any]) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(task)]
    env = dict(os.environ)
    if task["what"] == "layout":
        # One BLAS thread: a multi-threaded OpenBLAS matrix-vector product of a few
        # thousand rows waits ~10 ms for its threads on a busy 2-core machine (0.1 ms
        # single-threaded). A server answering concurrent requests would do the same.
        env["OPENBLAS_NUM_THREADS"] = "1"
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"worker failed ({proc.returncode}): {task}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _worker(task: dict[str, Any]) -> dict[str, Any]:
    workdir = Path(task["workdir"])
    if task["what"] == "prepare":
        prepare(workdir, task["size"], task["queries"], task["seed"])
        return {}
    if task["what"] == "build":
        path = workdir / str(task["size"]) / task["index"]
        result = build_index(task["index"], task["size"], path, task["seed"])
        (path / "build.json").write_text(json.dumps(result))
        return result
    return run_layout(task["layout"], task["size"], workdir, task["queries"], task["seed"],
                      task["options"])  # fmt: skip


def run(sizes: Sequence[int], layouts: Sequence[str], n_queries: int, workdir: Path,
        keep: bool, seed: int = SEED, options: dict[str, Any] | None = None,
        on_result: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:  # fmt: skip
    """Build and measure every layout at every size; the figures as a dict."""
    options = options or {"overfetch_min_share": 0.02, "threads": 8, "exact_max": 50_000}
    out: dict[str, Any] = {"builds": [], "layouts": [], "machine": _machine()}
    base = {"workdir": str(workdir), "queries": n_queries, "seed": seed, "options": options}
    for size in sorted(sizes):
        _log(f"size {size}: queries and ground truth")
        _subprocess({**base, "what": "prepare", "size": size})
        for index in sorted({LAYOUT_INDEX[lay] for lay in layouts}):
            path = workdir / str(size) / index
            done = path / "build.json"
            if done.exists():
                result = {**json.loads(done.read_text()), "reused": True}
                _log(f"size {size}: reusing index {index}")
            else:
                _log(f"size {size}: building index {index}")
                result = _subprocess({**base, "what": "build", "size": size, "index": index})
            result["size"] = size
            out["builds"].append(result)
            _log(f"  built {index} {size}: {result['chunks_per_s']} chunks/s, "
                 f"{result['disk_mb']} MB")  # fmt: skip
            if on_result:
                on_result(result)
        for layout in layouts:
            _log(f"size {size}: measuring {layout}")
            result = _subprocess({**base, "what": "layout", "size": size, "layout": layout})
            out["layouts"].append(result)
            if on_result:
                on_result(result)
        if not keep:
            shutil.rmtree(workdir / str(size), ignore_errors=True)
    return out


def _machine() -> dict[str, Any]:
    import chromadb

    return {"cpus": os.cpu_count(), "chromadb": chromadb.__version__,
            "niceness": os.nice(0), "loadavg_start": loadavg()}  # fmt: skip


# --- report ------------------------------------------------------------------------


def report(results: dict[str, Any]) -> str:
    """The figures as text tables."""
    lines = [f"machine: {results['machine']}", "", "Indexes:"]
    lines.append("size | index | collections | chunks/s (add) | add s | disk MB | side-car MB "
                 "| build peak RSS MB | load avg")  # fmt: skip
    for b in results["builds"]:
        lines.append(f"{b['size']} | {b['index']} | {b['collections']} | {b['chunks_per_s']:.0f} | "
                     f"{b['add_s']} | {b['disk_mb']} | {b.get('sidecar_mb') or ''} | "
                     f"{b['build_peak_rss_mb']} | {b['loadavg_end']}"
                     f"{' (reused)' if b.get('reused') else ''}")  # fmt: skip
    lines += ["", "Queries (ms; recall@10 vs exact filtered search):"]
    lines.append("size | layout | kind | p50 | p95 | p99 | CPU p50 | recall | queries | load avg")
    by_key: dict[tuple[str, str], dict[int, float]] = {}
    for r in results["layouts"]:
        for kind, s in r["kinds"].items():
            load = f"{s['loadavg'][0]}-{s['loadavg'][1]}"
            lines.append(f"{r['size']} | {r['layout']} | {kind} | {s['p50']} | {s['p95']} | "
                         f"{s['p99']} | {s.get('cpu_p50', '')} | {s['recall']:.3f} | {s['n']} | "
                         f"{load}")  # fmt: skip
            by_key.setdefault((r["layout"], kind), {})[r["size"]] = s["p50"]
    lines += ["", "Query processes:", "size | layout | open + 1st query s | RSS open MB | "
              "peak RSS MB | notes"]  # fmt: skip
    for r in results["layouts"]:
        notes = json.dumps(r["notes"])
        lines.append(f"{r['size']} | {r['layout']} | {r['open_and_first_query_s']} | "
                     f"{r['rss_open_mb']} | {r['peak_rss_mb']} | {notes}")  # fmt: skip
    lines += ["", "Growth of p50 between consecutive sizes:"]
    for (layout, kind), per in by_key.items():
        sizes = sorted(per)
        steps = [f"{a}->{b}: x{per[b] / per[a]:.1f}" for a, b in zip(sizes, sizes[1:], strict=False)
                 if per[a] > 0]  # fmt: skip
        if steps:
            lines.append(f"{layout} / {kind}: " + ", ".join(steps))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--layouts", nargs="+", default=DEFAULT_LAYOUTS, choices=list(LAYOUT_INDEX))
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--keep", action="store_true", help="keep (and reuse) the indexes")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--overfetch-min-share", type=float, default=0.02)
    ap.add_argument(
        "--exact-max",
        type=int,
        default=50_000,
        help="hybrid: largest filtered subset searched exactly in numpy",
    )
    ap.add_argument(
        "--max-kind-seconds",
        type=float,
        help="stop a query kind after this many seconds (at least 20 queries)",
    )
    ap.add_argument("--threads", type=int, default=8, help="partitioned fan-out pool size")
    ap.add_argument("--results", type=Path, help="also append every result as a JSON line")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(json.loads(args.worker))))
        return 0
    options = {
        "overfetch_min_share": args.overfetch_min_share,
        "threads": args.threads,
        "exact_max": args.exact_max,
        "max_kind_seconds": args.max_kind_seconds,
    }

    def on_result(result: dict[str, Any]) -> None:
        if args.results:
            with args.results.open("a") as fh:
                fh.write(json.dumps(result) + "\n")

    tmp = None
    workdir = args.workdir
    if workdir is None:
        tmp = tempfile.mkdtemp(prefix="bench_scale-")
        workdir = Path(tmp)
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = run(args.sizes, args.layouts, args.queries, workdir, args.keep, args.seed,
                      options, on_result)  # fmt: skip
    finally:
        if tmp and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    results["machine"]["loadavg_end"] = loadavg()
    print(json.dumps(results, indent=1) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
