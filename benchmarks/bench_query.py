#!/usr/bin/env python
"""Query latency benchmark: retrieve and ask over the sample corpus plus synthetic filler.

    python benchmarks/bench_query.py [--chunks 10000 100000]
                                     [--questions corpus/eval/questions.jsonl] [--json]

In a temporary folder, ingests the sample corpus (``corpus/``) with the real
multilingual-e5-small embedder through ``ingest.pipeline.run_ingest``. Then, for
each N of ``--chunks`` in increasing order, it tops the same index up to N
synthetic filler chunks, added straight into the store with
``kb.snapshot().store.add_chunks``: random unit vectors (dimension of the embedder, seeded
numpy RNG; the filler is not embedded with e5) and pseudo-prose in en/fr/de/es
from the word lists of ``benchmarks/make_corpus.py``, 20 chunks per synthetic
document ``synthetic/doc_NNNNN``, with chunk metadata shaped like the
ingestion's, a manifest record per synthetic document, and each chunk's passage
windows (``kb.core.text.passage_windows``, random unit vectors too). The filler is
cumulative: the 100k index is the 10k index plus 90k more chunks.

The filler is written the way ingestion writes: holding the writer lock, into a
new index generation (a copy of the published one) that is published with its
own lexical (BM25) index, so BM25 sees the filler too. The figures give the
copy time and the publish time (lexical build + publish).

Per N, a fresh ``KnowledgeService(kb)`` (extractive answers, the default) is
built, warmed up with one untimed ``ask`` and ``retrieve`` (model load and
caches are not measured), and every question goes through, in this order:
``retrieve(q)``, ``ask(q)``, then both again with
``Filters(countries=["AT", "DE"])``. Reported: latency p50/p95/p99 of each, the
p50 of the ``Answer.timings_ms`` stages, hit@k of the sample questions (does the
filler crowd out the right passages?), refusals, filter violations, RSS now and
peak, and the index size on disk. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import resource
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
for _path in (REPO_ROOT, REPO_ROOT / "benchmarks"):  # the project; make_corpus's word lists
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

# The project is imported inside functions only: the ingestion's extraction workers
# (multiprocessing forkserver) re-import a script's __main__ module.

MB = 1024 * 1024
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


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _pct(values: list[float], q: float) -> float | None:
    from kb.eval import percentile

    return percentile(values, q)


def _stats(values: list[float]) -> dict[str, float | None]:
    return {f"p{q}": _r(_pct(values, q), 1) for q in (50, 95, 99)} | {"n": len(values)}


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def _proc_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / MB


# --- synthetic filler ----------------------------------------------------------


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
    ids: list[str], texts: list[str], metas: list[dict[str, Any]], dim: int, seed: int
) -> tuple[list, list, list, list]:
    """Passage windows of filler chunks, as ingestion makes them, with random unit vectors;
    sets each chunk's ``windows`` count."""
    import numpy as np

    from kb.core.text import passage_windows

    w_ids, w_texts, w_metas = [], [], []
    for chunk_id, text, meta in zip(ids, texts, metas, strict=True):
        windows = passage_windows(text)
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
        windows = filler_windows(ids, texts, metas, kb.embedder_info.dim, seed + lo)
        t1 = time.perf_counter()
        store.add_chunks(ids, texts, vectors, metas)
        for w in range(0, len(windows[0]), BATCH):
            store.add_windows(*(part[w : w + BATCH] for part in windows))
        t2 = time.perf_counter()
        generate_s += t1 - t0
        add_s += t2 - t1
        _log(f"  filler {hi:,}/{end:,} chunks")
    t0 = time.perf_counter()
    if end > start:
        add_manifest_records(store, seed, start, end, phash)
    return {
        "generate_s": generate_s,
        "chroma_add_s": add_s,
        "manifest_s": time.perf_counter() - t0,
    }


# --- measuring -----------------------------------------------------------------


def measure(kb: Any, questions: list, filler: int) -> dict[str, Any]:
    from kb.app.service import KnowledgeService
    from kb.core.types import Filters
    from kb.eval import first_hit_rank

    t0 = time.perf_counter()
    service = KnowledgeService(kb)
    init_s = time.perf_counter() - t0
    flt = Filters(countries=list(FILTER_COUNTRIES))
    t0 = time.perf_counter()
    warm = questions[0].question
    service.ask(warm)
    service.retrieve(warm)
    service.ask(warm, filters=flt)
    service.retrieve(warm, filters=flt)
    warmup_s = time.perf_counter() - t0

    timings: dict[str, list[float]] = {
        "retrieve": [],
        "ask": [],
        "retrieve_filtered": [],
        "ask_filtered": [],
    }
    stages: dict[str, list[float]] = {}
    ranks: list[int | None] = []
    refused_answerable = answered_unanswerable = violations = 0
    k_used = 0

    def timed(name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        out = fn(*args, **kwargs)
        timings[name].append((time.perf_counter() - start) * 1000)
        return out

    load_before = os.getloadavg()[0]
    for n, q in enumerate(questions, start=1):
        retrieval = timed("retrieve", service.retrieve, q.question)
        k_used = max(k_used, len(retrieval.passages))
        if q.answerable:
            ranks.append(first_hit_rank(retrieval.passages, q.supporting_passages))
        answer = timed("ask", service.ask, q.question)
        if q.answerable and not answer.found:
            refused_answerable += 1
        if not q.answerable and answer.found:
            answered_unanswerable += 1
        for stage, ms in (getattr(answer, "timings_ms", None) or {}).items():
            stages.setdefault(stage, []).append(float(ms))
        filtered = timed("retrieve_filtered", service.retrieve, q.question, filters=flt)
        violations += sum(
            1 for p in filtered.passages if p.metadata.get("country") not in FILTER_COUNTRIES
        )
        timed("ask_filtered", service.ask, q.question, filters=flt)
        if n % 10 == 0 or n == len(questions):
            _log(f"  queries {n}/{len(questions)}")

    answerable = len(ranks)
    hits = sum(1 for r in ranks if r is not None)
    index_dir = kb.settings.store.index_dir
    published = kb.published()
    lexical_file = (
        index_dir / "generations" / (published.generation if published else "") / ("lexical.pkl")
    )
    figures = {
        "filler_chunks": filler,
        "chunks": kb.snapshot().store.chunk_count(),
        "windows": kb.snapshot().store.windows.count()
        if kb.snapshot().store.windows is not None
        else 0,
        "documents": len(kb.snapshot().store.documents()),
        "service_init_s": _r(init_s),
        "warmup_s": _r(warmup_s),
        "latency_ms": {name: _stats(values) for name, values in timings.items()},
        "ask_stages_p50_ms": {s: _r(_pct(v, 50), 1) for s, v in stages.items()},
        "k": k_used,
        "hit_at_k": _r(hits / answerable if answerable else None),
        "hits": hits,
        "answerable": answerable,
        "refused_answerable": refused_answerable,
        "answered_unanswerable": answered_unanswerable,
        "unanswerable": len(questions) - answerable,
        "filter_violations": violations,
        "load_avg_1min": [_r(load_before, 2), _r(os.getloadavg()[0], 2)],  # before, after
        "rss_mb": _r(_proc_mb("VmRSS"), 1),
        "peak_rss_mb": _r(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "index_mb": _r(_dir_mb(index_dir), 1),
        "lexical_file_mb": _r(lexical_file.stat().st_size / MB, 1)
        if lexical_file.exists()
        else None,
    }
    del service
    gc.collect()
    return figures


def run(ns: list[int], questions_path: Path, seed: int, workdir: Path) -> dict[str, Any]:
    from ingest.pipeline import pipeline_hash, run_ingest
    from kb.core.settings import load_settings
    from kb.eval import load_questions
    from kb.index.factory import build_knowledge_base

    questions = load_questions(questions_path)
    corpus = REPO_ROOT / "corpus"
    settings = load_settings(
        embedder={"provider": "e5"},
        store={"index_dir": workdir / "index"},
        ingest={"corpus_dir": corpus},
    )
    _log(f"ingesting {corpus} with e5 into {settings.store.index_dir} ...")
    t0 = time.perf_counter()
    kb = build_knowledge_base(settings)
    report = run_ingest(kb, corpus)
    ingest_s = time.perf_counter() - t0
    if report.exit_code != 0:
        raise SystemExit(f"ingesting the sample corpus failed:\n{report.render()}")
    sample_chunks = kb.snapshot().store.chunk_count()
    sample_docs = len(kb.snapshot().store.documents())
    phash = pipeline_hash(settings, kb.embedder_info.name)

    rows = []
    have = 0
    for n in ns:
        _log(f"N = {n:,}: adding {n - have:,} filler chunks ...")
        with kb.writing(), ExitStack() as stack:
            t0 = time.perf_counter()
            draft = stack.enter_context(kb.new_generation())
            copy_s = time.perf_counter() - t0
            added = add_filler(kb, draft.store, seed, have, n, phash)
            _log("  building the lexical index and publishing ...")
            t0 = time.perf_counter()
            stack.close()
            publish_s = time.perf_counter() - t0
        have = n
        _log("  querying ...")
        figures = measure(kb, questions, n)
        figures["filler_add_s"] = {k: _r(v, 2) for k, v in added.items()}
        figures["generation_copy_s"] = _r(copy_s, 2)
        figures["lexical_build_and_publish_s"] = _r(publish_s, 2)
        rows.append(figures)
    return {
        "embedder": kb.embedder_info.name,
        "questions": len(questions),
        "sample_documents": sample_docs,
        "sample_chunks": sample_chunks,
        "sample_ingest_s": _r(ingest_s, 1),
        "seed": seed,
        "cpus": os.cpu_count(),
        "filter": {"countries": FILTER_COUNTRIES},
        "runs": rows,
    }


# --- output --------------------------------------------------------------------


def render(f: dict[str, Any]) -> str:
    runs = f["runs"]
    width = 14
    growth = len(runs) > 1

    def line(label: str, cells: list[str], last: str = "") -> str:
        out = label.ljust(34) + "".join(c.rjust(width) for c in cells)
        return out + (last.rjust(10) if growth else "")

    def ratio(a: float | None, b: float | None) -> str:
        return f"x{b / a:.1f}" if a and b is not None else "-"

    def num(v: Any, spec: str = ",.1f") -> str:
        return "-" if v is None else format(v, spec)

    lines = [
        f"Query latency benchmark: embedder {f['embedder']}, {f['questions']} questions, "
        f"sample corpus {f['sample_documents']} documents / {f['sample_chunks']} chunks "
        f"(ingested in {f['sample_ingest_s']:.0f} s), {f['cpus']} CPUs",
        "",
        line("filler chunks", [f"{r['filler_chunks']:,}" for r in runs], "growth"),
        line("chunks in index", [f"{r['chunks']:,}" for r in runs]),
        line("passage windows in index", [f"{r.get('windows', 0):,}" for r in runs]),
        line("documents in manifest", [f"{r['documents']:,}" for r in runs]),
        "",
        line("add filler: generate (s)", [num(r["filler_add_s"]["generate_s"]) for r in runs]),
        line("add filler: Chroma add (s)", [num(r["filler_add_s"]["chroma_add_s"]) for r in runs]),
        line("add filler: manifest (s)", [num(r["filler_add_s"]["manifest_s"]) for r in runs]),
        line("new generation: copy (s)", [num(r["generation_copy_s"], ".2f") for r in runs]),
        line(
            "new generation: BM25 + publish (s)",
            [num(r["lexical_build_and_publish_s"]) for r in runs],
        ),
        line("service start (s)", [num(r["service_init_s"], ".2f") for r in runs]),
        line("warm-up: 2 asks + 2 retrieves (s)", [num(r["warmup_s"], ".2f") for r in runs]),
        "",
        "latency p50 / p95 / p99 (ms)",
    ]
    names = {
        "retrieve": "retrieve",
        "ask": "ask (extractive)",
        "retrieve_filtered": f"retrieve, {'+'.join(FILTER_COUNTRIES)} filter",
        "ask_filtered": f"ask, {'+'.join(FILTER_COUNTRIES)} filter",
    }
    for key, label in names.items():
        stats = [r["latency_ms"][key] for r in runs]
        cells = [f"{s['p50']:.0f}/{s['p95']:.0f}/{s['p99']:.0f}" for s in stats]
        lines.append(line(f"  {label}", cells, ratio(stats[0]["p50"], stats[-1]["p50"])))
    stage_names = sorted({s for r in runs for s in r["ask_stages_p50_ms"]})
    if stage_names:
        lines.append("ask stages p50 (ms, Answer.timings_ms)")
        for stage in stage_names:
            values = [r["ask_stages_p50_ms"].get(stage) for r in runs]
            lines.append(line(f"  {stage}", [num(v) for v in values], ratio(values[0], values[-1])))
    lines += [
        "",
        line(
            "index on disk (MB)",
            [num(r["index_mb"]) for r in runs],
            ratio(runs[0]["index_mb"], runs[-1]["index_mb"]),
        ),  # fmt: skip
        line("  of which lexical.pkl (MB)", [num(r["lexical_file_mb"]) for r in runs]),
        line("RSS after the queries (MB)", [num(r["rss_mb"], ",.0f") for r in runs]),
        line("peak RSS so far (MB)", [num(r["peak_rss_mb"], ",.0f") for r in runs]),
        "",
        line(
            f"hit@{runs[0]['k']} of the sample questions",
            [f"{r['hits']}/{r['answerable']}" for r in runs],
        ),
        line("refused answerable (ask)", [str(r["refused_answerable"]) for r in runs]),
        line(
            f"answered unanswerable (of {runs[0]['unanswerable']})",
            [str(r["answered_unanswerable"]) for r in runs],
        ),
        line("filter violations", [str(r["filter_violations"]) for r in runs]),
        line(
            "load average before/after queries",
            ["{:.1f}/{:.1f}".format(*r["load_avg_1min"]) for r in runs],
        ),
        "",
        "Filler is cumulative: each column's index is the previous one plus more filler; "
        "peak RSS is the process peak up to that column.",
        f"A load average above {f['cpus']} means other processes shared the CPUs: "
        "latencies are inflated.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--chunks", type=int, nargs="+", default=[10_000, 100_000],
        help="numbers of synthetic filler chunks to measure at (cumulative)",
    )  # fmt: skip
    parser.add_argument(
        "--questions", type=Path, default=REPO_ROOT / "corpus" / "eval" / "questions.jsonl"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="keep the index here (replaced each run)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if any(n < 0 for n in args.chunks):
        parser.error("--chunks must be >= 0")
    ns = sorted(set(args.chunks))

    if args.workdir:
        import shutil

        shutil.rmtree(args.workdir / "index", ignore_errors=True)
        args.workdir.mkdir(parents=True, exist_ok=True)
        figures = run(ns, args.questions, args.seed, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-query-") as tmp:
            figures = run(ns, args.questions, args.seed, Path(tmp))
    print(json.dumps(figures, indent=2) if args.json else render(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
