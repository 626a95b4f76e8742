"""One-document curation writes at 10,000 and 100,000 chunks (issue 13, item 2).

For each size, a base index of synthetic chunks (short generated texts, random unit
vectors, ``--per-doc`` chunks per document, no passage windows) is written straight
into a fresh generation, with manifest records that match a generated corpus folder, so
a curation run finds every base document unchanged. Then the Curation page's calls
(``kb.app.curation``: the upload saved with its catalogue entry, the ingestion run in
a worker process, the new generation published) are timed end to end for one small
document: added, replaced, its catalogue entry changed, removed. Each write reports
its seconds, the new generation's segments, and the bytes the write added to the
index folder (embedded mode). Curation writes never compact the stack of segments
below ``store.max_segments_hard``; with ``--compact`` the explicit compaction
(``python -m ingest compact``, ``kb.app.ingestion.compact_index``) is timed after them.

    python benchmarks/bench_write.py --sizes 10000 100000 [--store server] [--embedder e5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from common import MB, log, project_on_path, start_chroma

project_on_path()

from ingest.catalogue import entry_hash, load_catalogue  # noqa: E402
from ingest.pipeline import catalogue_path, pipeline_hash  # noqa: E402
from ingest.scan import file_hash  # noqa: E402
from kb.app import curation  # noqa: E402
from kb.app.ingestion import compact_index  # noqa: E402
from kb.core.settings import Settings, load_settings  # noqa: E402
from kb.index.factory import KnowledgeBase, build_knowledge_base  # noqa: E402
from kb.index.store import COMPLETE, DocRecord  # noqa: E402

COUNTRIES = ["at", "be", "de", "es", "fi", "fr", "it", "nl", "pl", "se"]
WORDS = (
    "jobseekers counsellor mentoring apprenticeship subsidy outreach training region "
    "employer vacancy placement guidance youth guarantee digital portal review"
).split()
ENTRY = {
    "title": "Illustrative programme for long-term jobseekers",
    "country": "at",
    "year": 2024,
    "topics": ["youth-guarantee"],
    "practice_type": "case-study",
}


def upload(version: int) -> bytes:
    """An illustrative two-page document (~1,100 words)."""
    rng = np.random.default_rng(version)
    lines = ["# Illustrative programme for long-term jobseekers", ""]
    for section in range(6):
        lines += [f"## Part {section + 1}", ""]
        for _ in range(4):
            words = rng.choice(WORDS, 45)
            lines += [" ".join(words).capitalize() + f" (version {version}).", ""]
    return "\n".join(lines).encode()


def base_text(rng: np.random.Generator, doc: int, n: int) -> str:
    return f"Document {doc}, passage {n}: " + " ".join(rng.choice(WORDS, 40)) + "."


def build_base(settings: Settings, kb: KnowledgeBase, chunks: int, per_doc: int) -> float:
    """A published generation of ``chunks`` synthetic chunks matching the corpus folder."""
    corpus = settings.ingest.corpus_dir
    (corpus / "base").mkdir(parents=True)
    (corpus / settings.ingest.catalogue_file).write_text("documents: {}\n")
    catalogue = load_catalogue(catalogue_path(settings, corpus))
    phash = pipeline_hash(settings, kb.embedder_info.name)
    rng = np.random.default_rng(0)
    dim = kb.embedder_info.dim
    started = time.perf_counter()
    with kb.writing(), kb.new_generation(fresh=True) as draft:
        batch: dict[str, list[Any]] = {"ids": [], "texts": [], "vectors": [], "metas": []}
        for doc in range(chunks // per_doc):
            rel = f"base/d{doc:06d}.md"
            path = corpus / rel
            path.write_text(f"# Base document {doc}\n\nIllustrative text {doc}.\n")
            doc_id = rel.removesuffix(".md")
            country, year = COUNTRIES[doc % len(COUNTRIES)], 2015 + doc % 10
            for n in range(per_doc):
                text = base_text(rng, doc, n)
                batch["ids"].append(f"{doc_id}-{n}")
                batch["texts"].append(text)
                batch["metas"].append(
                    {
                        "doc_id": doc_id,
                        "title": f"Base document {doc}",
                        "country": country,
                        "year": year,
                        "language": "en",
                        "chunk_language": "en",
                        "chunk_index": n,
                        "heading_path": "",
                        "text_hash": f"t{doc}-{n}",
                        "embed_hash": f"e{doc}-{n}",
                        "windows": 0,
                    }
                )
            vectors = rng.normal(size=(per_doc, dim)).astype(np.float32)
            batch["vectors"].extend(vectors / np.linalg.norm(vectors, axis=1, keepdims=True))
            record = DocRecord(
                doc_id,
                rel,
                file_hash(path),
                entry_hash(catalogue.entry(rel)),
                phash,
                COMPLETE,
                per_doc,
                datetime.now(UTC).isoformat(timespec="seconds"),
                {"title": f"Base document {doc}", "country": country, "year": year},
            )
            draft.store.put_record(record)
            if len(batch["ids"]) >= 5000:
                _flush(draft.store, batch)
        _flush(draft.store, batch)
    return time.perf_counter() - started


def _flush(store: Any, batch: dict[str, list[Any]]) -> None:
    if batch["ids"]:
        vectors = [v.tolist() for v in batch["vectors"]]
        store.add_chunks(batch["ids"], batch["texts"], vectors, batch["metas"])
    for values in batch.values():
        values.clear()


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def measure(kb: KnowledgeBase, label: str, action: Any) -> dict[str, Any]:
    index_dir = kb.settings.store.index_dir
    before = folder_bytes(index_dir / "segments")
    started = time.perf_counter()
    report = action()
    seconds = time.perf_counter() - started
    published = kb.published()
    assert published is not None
    desc = kb.generations.descriptor(published.generation)
    assert report.exit_code == 0, report.render()
    row = {
        "write": label,
        "seconds": round(seconds, 2),
        "generation": published.generation,
        "segments": len(desc.segments) if desc else None,
        "chunks_written": report.chunks_written,
        "windows_written": report.windows_written,
        "index_chunks": kb.snapshot().store.chunk_count(),
    }
    if not kb.settings.store.url:
        row["segments_mb_added"] = round((folder_bytes(index_dir / "segments") - before) / MB, 1)
    log(f"  {label}: {row}")
    return row


def run_size(work: Path, chunks: int, args: argparse.Namespace, url: str) -> dict[str, Any]:
    store: dict[str, Any] = {"index_dir": work / "index"}
    if url:
        store.update(url=url, collection=f"bench-write-{chunks}")
    settings = load_settings(
        embedder={"provider": args.embedder},
        store=store,
        ingest={"corpus_dir": work / "corpus"},
    )
    reuse = (work / "corpus").exists()  # a base left by an earlier run
    (work / "corpus").mkdir(parents=True, exist_ok=True)
    kb = build_knowledge_base(settings)
    base_s = 0.0
    if reuse:
        log(f"{chunks:,} chunks: reusing the base in {work}")
    else:
        log(f"{chunks:,} chunks: building the base ...")
        base_s = build_base(settings, kb, chunks, args.per_doc)
        log(f"  base built in {base_s:.0f} s")
    corpus = settings.ingest.corpus_dir
    rel = "uploads/illustrative-programme.md"
    rows = [
        measure(
            kb,
            "add",
            lambda: curation.add_document(kb, corpus, Path(rel).name, upload(1), ENTRY)[1],
        ),
        measure(kb, "replace", lambda: curation.replace_document(kb, corpus, rel, upload(2))),
        measure(
            kb,
            "metadata",
            lambda: curation.update_metadata(kb, corpus, rel, {**ENTRY, "year": 2025}),
        ),
        measure(kb, "remove", lambda: curation.remove_document(kb, corpus, rel)),
    ]
    result = {"chunks": chunks, "base_build_s": round(base_s, 1), "writes": rows}
    if args.compact:
        log("  compacting ...")
        result["compact"] = compact_index(settings)
        log(f"  compact: {result['compact']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-doc", type=int, default=50, help="chunks per base document")
    parser.add_argument("--embedder", default="fake", choices=["fake", "e5"])
    parser.add_argument("--store", default="embedded", choices=["embedded", "server"])
    parser.add_argument("--compact", action="store_true", help="time a compaction at the end")
    parser.add_argument(
        "--work",
        type=Path,
        help="working folder, kept (default: a temp folder, deleted); a base "
        "left there by an earlier run is reused",
    )
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-write-"))
    work.mkdir(parents=True, exist_ok=True)
    proc, url = (None, "")
    if args.store == "server":
        proc, url = start_chroma(work / "chroma", work / "chroma.log")
    results = []
    try:
        for size in args.sizes:
            results.append(run_size(work / str(size), size, args, url))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"store": args.store, "embedder": args.embedder, "sizes": results}, indent=1))


if __name__ == "__main__":
    main()
