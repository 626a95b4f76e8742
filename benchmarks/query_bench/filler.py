"""The synthetic filler: documents, chunks, passage windows and manifest records
written the way ingestion writes them."""

from __future__ import annotations

import hashlib
import random
import time
from typing import Any

from common import log

# The project is imported inside functions only: the ingestion's extraction workers
# (multiprocessing forkserver) re-import a script's __main__ module.

DOC_CHUNKS = 20  # filler chunks per synthetic document
BATCH = 5000  # filler chunks per add_chunks call
FILTER_COUNTRIES = ["AT", "DE"]
FILLER_COUNTRIES = "AT BE DE DK ES FI FR IE IT LU MT NL PT SE PL CZ".split()
TOPICS = (
    "profiling digital-services activation long-term-unemployment partnerships "
    "employer-services job-matching skills-and-training youth-guarantee outreach"
).split()
TARGET_GROUPS = (
    "jobseekers long-term-unemployed older-workers employers young-people migrants "
    "people-with-disabilities low-skilled"
).split()


def _document(seed: int, d: int) -> dict[str, Any]:
    """The catalogue-like metadata of synthetic document ``d`` (depends only on d)."""
    from make_corpus import LANGUAGES

    rng = random.Random(f"{seed}:doc:{d}")
    lang_code = sorted(LANGUAGES)[d % len(LANGUAGES)]
    lang = LANGUAGES[lang_code]
    topic = " ".join(rng.sample(lang["content"], 2))
    title = f"{rng.choice(lang['title_words'])} {lang['title_of']} {topic}"
    doc_id = f"synthetic/doc_{d:05d}"
    return {
        "doc_id": doc_id,
        "path": f"{doc_id}.pdf",
        "title": title[:1].upper() + title[1:],
        "title_source": "catalogue",
        "country": rng.choice(FILLER_COUNTRIES),
        "organisation": "Synthetic PES (benchmark filler)",
        "year": rng.randint(2015, 2024),
        "language": lang_code,
        "language_source": "catalogue",
        "topics": sorted(rng.sample(TOPICS, 2)),
        "target_groups": sorted(rng.sample(TARGET_GROUPS, 2)),
        "practice_type": rng.choice(["case-study", "evaluation", "guidance"]),
        "format": "pdf",
        "page_count": DOC_CHUNKS // 2,
    }


def filler_windows(
    ids: list[str],
    texts: list[str],
    metas: list[dict[str, Any]],
    dim: int,
    seed: int,
    size: int = 3,
) -> tuple[list, list, list, list]:
    """Passage windows of ``size`` sentences of filler chunks, as ingestion makes them,
    with random unit vectors; sets each chunk's ``windows`` count. ``size`` 0: none (the
    default settings: ingestion embeds no windows)."""
    import numpy as np

    from kb.core.text import passage_windows

    w_ids, w_texts, w_metas = [], [], []
    for chunk_id, text, meta in zip(ids, texts, metas, strict=True):
        windows = passage_windows(text, size) if size > 0 else []
        meta["windows"] = len(windows)
        for n, window in enumerate(windows):
            w_ids.append(f"{chunk_id}-w{n}")
            w_texts.append(window)
            w_metas.append({"doc_id": meta["doc_id"], "chunk_id": chunk_id, "window": n})
    vectors = np.random.default_rng([seed, len(ids), 1]).standard_normal((len(w_ids), dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return w_ids, w_texts, vectors.tolist(), w_metas


def filler_batch(seed: int, start: int, end: int, dim: int) -> tuple[list, list, list, list]:
    """Filler chunks ``start``..``end - 1``: ids, texts, unit vectors, metadatas."""
    import numpy as np
    from make_corpus import LANGUAGES, paragraph

    vectors = np.random.default_rng([seed, start]).standard_normal((end - start, dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids, texts, metas = [], [], []
    docs: dict[int, dict[str, Any]] = {}
    for i in range(start, end):
        d, index = divmod(i, DOC_CHUNKS)
        doc = docs.setdefault(d, _document(seed, d))
        rng = random.Random(f"{seed}:chunk:{i}")
        lang = LANGUAGES[doc["language"]]
        heading = f"{index // 4 + 1}. {rng.choice(lang['headings'])}"
        text = paragraph(rng, lang, rng.randint(120, 260))
        text_hash = hashlib.sha256(text.encode()).hexdigest()
        embed_hash = hashlib.sha256(f"{doc['title']}\n{heading}\n{text}".encode()).hexdigest()
        ids.append(f"synthetic-{i:08d}")
        texts.append(text)
        metas.append(
            {
                **doc,
                "chunk_index": index,
                "chunk_language": doc["language"],
                "page_start": index // 2 + 1,
                "page_end": index // 2 + 1 + (index % 2),
                "heading_path": heading,
                "char_start": index * 1500,
                "char_end": index * 1500 + len(text),
                "text_hash": text_hash,
                "embed_hash": embed_hash,
            }
        )
    return ids, texts, vectors.tolist(), metas


def add_manifest_records(store: Any, seed: int, start: int, end: int, phash: str) -> None:
    """Complete manifest records for the synthetic documents chunks start..end-1 belong to."""
    from kb.index.store import _MANIFEST_VECTOR, COMPLETE, DocRecord, _clean

    first, last = start // DOC_CHUNKS, (end - 1) // DOC_CHUNKS
    records = []
    for d in range(first, last + 1):
        meta = _document(seed, d)
        count = min(end, (d + 1) * DOC_CHUNKS) - d * DOC_CHUNKS
        records.append(
            DocRecord(
                meta["doc_id"],
                meta["path"],
                file_hash=hashlib.sha256(meta["doc_id"].encode()).hexdigest(),
                meta_hash="synthetic",
                pipeline_hash=phash,
                status=COMPLETE,
                chunk_count=count,
                ingested_at="2024-01-01T00:00:00+00:00",
                metadata=meta,
            )
        )
    # Batched equivalent of store.put_record (delete + add, one record at a time).
    manifest = store.manifest
    for i in range(0, len(records), BATCH):
        part = records[i : i + BATCH]
        ids = [r.doc_id for r in part]
        manifest.delete(ids=ids)
        manifest.add(
            ids=ids,
            embeddings=[_MANIFEST_VECTOR] * len(part),
            documents=[r.metadata["title"] for r in part],
            metadatas=[_clean(r.to_chroma()) for r in part],
        )


def add_filler(
    kb: Any, store: Any, seed: int, start: int, end: int, phash: str
) -> dict[str, float]:
    generate_s = add_s = 0.0
    for lo in range(start, end, BATCH):
        hi = min(end, lo + BATCH)
        t0 = time.perf_counter()
        ids, texts, vectors, metas = filler_batch(seed, lo, hi, kb.embedder_info.dim)
        windows = filler_windows(
            ids, texts, metas, kb.embedder_info.dim, seed + lo,
            kb.settings.chunking.window_sentences,
        )  # fmt: skip
        t1 = time.perf_counter()
        store.add_chunks(ids, texts, vectors, metas)
        for w in range(0, len(windows[0]), BATCH):
            store.add_windows(*(part[w : w + BATCH] for part in windows))
        t2 = time.perf_counter()
        generate_s += t1 - t0
        add_s += t2 - t1
        log(f"  filler {hi:,}/{end:,} chunks")
    t0 = time.perf_counter()
    if end > start:
        add_manifest_records(store, seed, start, end, phash)
    return {
        "generate_s": generate_s,
        "chroma_add_s": add_s,
        "manifest_s": time.perf_counter() - t0,
    }
