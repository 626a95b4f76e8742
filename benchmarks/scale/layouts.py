"""The layouts: each answers (query vector, filter spec) with the top-K chunk ids."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from scale.config import (
    COUNTRIES,
    K,
)
from scale.data import (
    Corpus,
    chunk_id,
    doc_id,
    doc_mask,
    where_clause,
)

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
