"""Building the on-disk indexes and the numpy side-car."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np
from common import du_mb, loadavg, log_ts, proc_status_mb

from scale.config import (
    COUNTRIES,
    MEAN_DOC_CHUNKS,
)
from scale.data import (
    Corpus,
    chunk_batch,
    make_corpus,
)

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
                log_ts(f"  {index} {size}: {calls} add calls, {add_s:.0f} s in add")
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
        "build_peak_rss_mb": round((proc_status_mb("VmHWM") or 0.0), 0),
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
