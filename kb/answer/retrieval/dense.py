"""Dense search over one published generation: chunk vectors blended with passage windows.

A chunk's vector averages the several things a 350-token passage says; a question
(especially one in another language) often matches the two or three sentences that
answer it better than the whole chunk. Ingestion therefore also embeds every run of
``chunking.window_sentences`` sentences of each chunk into a ``windows`` collection
(ids ``<chunk id>-w<n>``). A chunk's dense score is

    (1 - window_weight) * similarity(chunk) + window_weight * max similarity(its windows)

Candidates are the chunks nearest the question (inside the filter) and, for unfiltered
searches, the chunks owning the windows nearest it; each candidate's windows are then
fetched by id. A filtered search over the windows collection would be linear in it
(several times the chunks), so windows carry no catalogue fields and are never
filtered. Only ids and distances come back from the nearest-neighbour queries:
fetching metadata costs more than the search itself.
"""

from __future__ import annotations

import numpy as np

from kb.core.types import Filters, Passage
from kb.index.factory import Snapshot
from kb.index.filtering import CompiledFilter, compile_filters

WINDOWS_PER_CHUNK = 3  # windows fetched per chunk wanted
# Chroma's HNSW graph is approximate, and the graph one process loads can differ from
# another's: on realpdfs its top 40 held 0.991 of the exact top 40, and the same question
# got another list in 3 of 10 processes. Asking for this many times the chunks wanted and
# keeping the best by exact similarity gave the exact list in 10 of 10 (benchmarks/README).
HNSW_OVERSAMPLING = 3


def dense_search(
    snap: Snapshot,
    vector: list[float],
    filters: Filters | CompiledFilter | None,
    n: int,
    window_weight: float = 0.0,
) -> list[Passage]:
    """The ``n`` chunks of ``snap`` nearest ``vector`` inside ``filters``, best first.

    Unfiltered: Chroma's HNSW index. Filtered: an exact search over the in-memory vectors
    of the chunks the filter keeps (kb.vectors), or Chroma's ``where`` when the generation
    has no lexical index to hold them.
    """
    flt = filters if isinstance(filters, CompiledFilter) else compile_filters(filters)
    n = min(n, snap.count("chunks")) if n else 0
    if n <= 0:
        return []
    q = np.asarray(vector, dtype=np.float32)
    exact = None if flt.empty else snap.vectors()
    if exact is not None:
        index = snap.lexical
        assert index is not None  # a vector index exists only beside a lexical one
        passages = {
            index.ids[pos]: Passage(
                index.ids[pos],
                index.metadatas[pos]["doc_id"],
                index.texts[pos],
                index.metadatas[pos],
                dense=dot,
            )
            for pos, dot in exact.search(q, index.mask(flt), n)
        }
        use_windows = window_weight > 0 and snap.count("windows") > 0
    else:
        passages, use_windows = _chroma_search(snap, vector, q, flt, n, window_weight)
    if not passages:
        return []
    best = _best_window_similarities(snap, q, list(passages.values())) if use_windows else {}
    score = {
        i: (1 - window_weight) * p.dense + window_weight * best.get(i, p.dense)
        for i, p in passages.items()
    }
    return [passages[i] for i in sorted(score, key=lambda i: -score[i])[:n]]


def _chroma_search(
    snap: Snapshot,
    vector: list[float],
    q: np.ndarray,
    flt: CompiledFilter,
    n: int,
    window_weight: float,
) -> tuple[dict[str, Passage], bool]:
    store = snap.store
    where = flt.where
    got = store.chunks.query(
        query_embeddings=[vector],
        n_results=min(HNSW_OVERSAMPLING * n, snap.count("chunks")),
        where=where,
        include=["distances"],
    )
    candidates = list(got["ids"][0])
    use_windows = window_weight > 0 and snap.count("windows") > 0
    if use_windows and where is None:
        # Filtered window searches are linear in the (several times larger) windows
        # collection; unfiltered ones are cheap and bring chunks the chunk search missed.
        nearest = _nearest_window_chunks(snap, vector, WINDOWS_PER_CHUNK * n)
        candidates = list(dict.fromkeys(candidates + nearest))
    if not candidates:
        return {}, use_windows
    rows = store.chunks.get(ids=candidates, include=["metadatas", "documents", "embeddings"])
    passages = {
        i: Passage(i, md["doc_id"], text, md, dense=float(q @ np.asarray(emb, dtype=np.float32)))
        for i, text, md, emb in zip(
            rows["ids"], rows["documents"], rows["metadatas"], rows["embeddings"], strict=True
        )
    }
    return passages, use_windows


def _nearest_window_chunks(snap: Snapshot, vector: list[float], n: int) -> list[str]:
    """Chunks owning the ``n`` windows nearest ``vector``, nearest first."""
    got = snap.store.windows.query(
        query_embeddings=[vector], n_results=min(n, snap.count("windows")), include=[]
    )
    return list(dict.fromkeys(window_id.rsplit("-w", 1)[0] for window_id in got["ids"][0]))


def _best_window_similarities(
    snap: Snapshot, q: np.ndarray, passages: list[Passage]
) -> dict[str, float]:
    """Chunk id -> similarity of its best window, fetched by window id (a primary-key
    lookup, unlike a filtered search)."""
    ids = [f"{p.chunk_id}-w{n}" for p in passages for n in range(p.metadata.get("windows", 0))]
    if not ids:
        return {}
    got = snap.store.windows.get(ids=ids, include=["embeddings"])
    sims = np.asarray(got["embeddings"], dtype=np.float32) @ q
    best: dict[str, float] = {}
    for window_id, sim in zip(got["ids"], sims, strict=True):
        chunk_id = window_id.rsplit("-w", 1)[0]
        best[chunk_id] = max(best.get(chunk_id, -1.0), float(sim))
    return best
