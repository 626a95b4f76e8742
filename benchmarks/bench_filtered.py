"""Store-only benchmark of the product's exact filtered search (kb.filtering + kb.vectors).

The synthetic corpus, query vectors, filter kinds and brute-force ground truth are those
of ``bench_scale.py`` (``benchmarks/scale/``: imported, not re-implemented). For each
filter kind: the filter is compiled and masked over the chunks' catalogue fields
(``CompiledFilter.mask``), the kept rows are searched exactly (``VectorIndex.search``,
n=10) and the time per query (wall and CPU of this process, mask included) and
recall@10 against brute force are reported. One BLAS thread, as the service should run.

    python benchmarks/bench_filtered.py --size 1000000 --queries 100
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale.config import ALL_KINDS, SEED, K  # noqa: E402
from scale.data import (  # noqa: E402
    chunk_id,
    doc_id,
    ground_truth,
    make_corpus,
    make_queries,
    query_specs,
)

from kb.core.types import Filters  # noqa: E402
from kb.index.filtering import Columns, compile_filters  # noqa: E402
from kb.index.vectors import VectorIndex  # noqa: E402


def _filters(spec: dict | None) -> Filters:
    if spec is None:
        return Filters()
    return Filters(
        countries=list(spec.get("countries", [])),
        topics=list(spec.get("topics", [])),
        doc_ids=[doc_id(d) for d in spec.get("docs", [])],
        year_from=spec.get("year_from"),
        year_to=spec.get("year_to"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()

    t0 = time.perf_counter()
    corpus = make_corpus(args.size)
    assert corpus.vectors is not None
    metas = [corpus.doc_meta(d) for d in range(corpus.n_docs)]
    chunk_meta = [metas[d] for d in corpus.chunk_doc()]  # one dict per document, shared
    ids = [chunk_id(d, i) for d in range(corpus.n_docs) for i in range(corpus.doc_count[d])]
    columns = Columns(chunk_meta)
    index = VectorIndex(corpus.vectors, columns)
    built = time.perf_counter() - t0
    queries = make_queries(args.queries, SEED, salt=1)
    kinds = [k for k in ALL_KINDS if k != "none"]
    report: dict = {"size": args.size, "queries": args.queries, "build_s": round(built, 1)}
    for kind in kinds:
        specs = query_specs(corpus, kind, args.queries, SEED)
        truth = ground_truth(corpus, queries, specs)
        wall, cpu, recall = [], [], []
        for q, spec, want in zip(queries, specs, truth, strict=True):
            w0, c0 = time.perf_counter(), time.process_time()
            mask = compile_filters(_filters(spec)).mask(columns)
            hits = index.search(q, mask, K)
            wall.append(time.perf_counter() - w0)
            cpu.append(time.process_time() - c0)
            recall.append(len({ids[p] for p, _ in hits} & set(want)) / len(want))
        report[kind] = {
            "rows": int(mask.sum()),
            "wall_ms_p50": round(1000 * float(np.percentile(wall, 50)), 1),
            "wall_ms_p95": round(1000 * float(np.percentile(wall, 95)), 1),
            "cpu_ms_p50": round(1000 * float(np.percentile(cpu, 50)), 1),
            "cpu_ms_p95": round(1000 * float(np.percentile(cpu, 95)), 1),
            "recall@10": round(float(np.mean(recall)), 3),
        }
        print(kind, report[kind], file=sys.stderr, flush=True)
    report["load_1min"] = os.getloadavg()[0]
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
