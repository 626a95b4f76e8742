"""Child mode ``--inspect``: a fresh process reads the published generation like the app does."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from crash.config import _project_path

# --- child mode: the reader ---------------------------------------------------------


def inspect_index(
    index_dir: Path, corpus_dir: Path | None = None, vectors: Path | None = None
) -> dict[str, Any]:
    """What a fresh reader sees in ``index_dir`` (and, optionally, the corpus folder's health).

    Runs in its own process (``--inspect``) so that no Chroma client is shared with
    the writers under test. Chunks are digested by metadata and text; the vectors
    go to ``vectors`` (``.npz``) and are compared with a float32 tolerance, because
    Chroma 1.5 does not store a re-added vector bit for bit (see the README).
    """
    _project_path()
    import numpy as np

    from kb.core.settings import load_settings
    from kb.index.factory import build_knowledge_base

    out: dict[str, Any] = {"listing": index_listing(index_dir)}
    settings = load_settings(store={"index_dir": index_dir})
    kb = build_knowledge_base(settings, create=False)
    published = kb.published()
    out["published"] = None if published is None else published.generation
    if published is not None:
        store = kb.snapshot().store
        got = store.all_chunks(["metadatas", "documents", "embeddings"])
        chunks: dict[str, str] = {}
        actual: Counter[str] = Counter()
        for cid, md, text in zip(got["ids"], got["metadatas"], got["documents"], strict=True):
            digest = hashlib.sha1(usedforsecurity=False)
            digest.update(json.dumps(md, sort_keys=True, ensure_ascii=False).encode())
            digest.update(b"\0" + (text or "").encode())
            chunks[cid] = digest.hexdigest()
            actual[md.get("doc_id", "?")] += 1
        if vectors is not None:
            matrix = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), -1)
            np.savez(vectors, ids=np.asarray(got["ids"], dtype=str), vectors=matrix)
            out["vectors"] = str(vectors)
        fingerprint = store.fingerprint()
        docs = {}
        for doc_id, rec in store.documents().items():
            docs[doc_id] = {
                "status": rec.status,
                "chunk_count": rec.chunk_count,
                "path": rec.path,
                "file_hash": rec.file_hash,
                "meta_hash": rec.meta_hash,
                "pipeline_hash": rec.pipeline_hash,
                "metadata": hashlib.sha1(
                    json.dumps(rec.metadata, sort_keys=True, ensure_ascii=False).encode(),
                    usedforsecurity=False,
                ).hexdigest(),
            }
        lexical = kb.snapshot().lexical
        out.update(
            chunks=chunks,
            fingerprint={k: f"{a[:16]}:{b[:16]}" for k, (a, b) in fingerprint.items()},
            docs=docs,
            actual_chunks=dict(actual),
            chunk_ids=len(got["ids"]),
            unique_chunk_ids=len(set(got["ids"])),
            store_count=store.chunk_count(),
            lexical=None
            if lexical is None
            else {
                "generation": lexical.generation,
                "same_ids": sorted(lexical.ids) == sorted(got["ids"]),
                "size": len(lexical.ids),
            },
        )
    if corpus_dir is not None:
        out["corpus"] = corpus_health(corpus_dir, settings)
    return out


def build_reference(corpus_dir: Path, index_dir: Path) -> dict[str, Any]:
    """A clean from-scratch build: ``run_ingest(full=True)`` into an empty index."""
    _project_path()
    from ingest.pipeline import run_ingest
    from kb.core.settings import load_settings
    from kb.index.factory import build_knowledge_base

    settings = load_settings(store={"index_dir": index_dir}, ingest={"corpus_dir": corpus_dir})
    report = run_ingest(build_knowledge_base(settings), corpus_dir, full=True)
    return {"build_exit": report.exit_code, "build_summary": report.summary()}


def corpus_health(corpus_dir: Path, settings: Any) -> dict[str, Any]:
    """Does the catalogue load; which files would a run take; which hidden files lie around."""
    from ingest.catalogue import load_catalogue
    from ingest.pipeline import catalogue_path, scan_corpus

    health: dict[str, Any] = {}
    try:
        catalogue = load_catalogue(catalogue_path(settings, corpus_dir))
        health["catalogue_loads"] = True
        health["catalogue_entry_errors"] = catalogue.all_messages()
    except Exception as exc:  # noqa: BLE001 - reported, judged by the parent
        health["catalogue_loads"] = False
        health["catalogue_error"] = f"{type(exc).__name__}: {exc}"
    sources, rejected = scan_corpus(corpus_dir, settings)
    health["sources"] = sorted(s.rel_path for s in sources)
    health["rejected"] = sorted(r.path for r in rejected)
    health["hidden_files"] = sorted(
        p.relative_to(corpus_dir).as_posix() for p in corpus_dir.rglob(".*") if p.is_file()
    )
    return health


def index_listing(index_dir: Path) -> dict[str, Any]:
    """The index folder's generations, drafts, ``CURRENT`` and leftovers."""
    gens = index_dir / "generations"
    names = sorted(os.listdir(gens)) if gens.is_dir() else []
    try:
        current = json.loads((index_dir / "CURRENT").read_text())["generation"]
    except (OSError, ValueError, KeyError):
        current = None
    drafts = [n for n in names if ".draft" in n]
    return {
        "current": current,
        "published_dirs": [n for n in names if n.isdigit()],
        "drafts": drafts,
        "draft_lexical": [d for d in drafts if (gens / d / "lexical-delta.pkl").exists()],
        "other": [n for n in names if not n.isdigit() and ".draft" not in n],
        "tmp_files": sorted(n for n in os.listdir(index_dir) if n.endswith(".tmp"))
        if index_dir.is_dir()
        else [],
        "writer_json": (index_dir / "writer.json").exists(),
    }
