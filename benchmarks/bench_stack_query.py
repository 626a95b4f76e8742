"""Dense query latency against the number of segments a generation stacks (issue 13).

Every question asks every segment of the published generation (``kb.index.segments``):
this times the Chroma part of an unfiltered dense search (``_chroma_search`` in
``kb.answer.retrieval.dense``: the nearest 40 chunks, then a ``get`` of them) over the
first k segments of an index's published stack, for each k given. Run it on an index
left by ``bench_write.py --work DIR`` (fake embedder), whose stack grows by one segment
per write until a compaction.

    python benchmarks/bench_stack_query.py --index /tmp/bw/100000/index --segments 1 8 16
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
from common import project_on_path

project_on_path()

from kb.core.settings import load_settings  # noqa: E402
from kb.index.factory import build_knowledge_base  # noqa: E402
from kb.index.segments import StackedStore  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--segments", type=int, nargs="+", default=[1, 8, 16])
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--embedder", default="fake", choices=["fake", "e5"])
    args = parser.parse_args()
    settings = load_settings(embedder={"provider": args.embedder}, store={"index_dir": args.index})
    kb = build_knowledge_base(settings, create=False)
    published = kb.published()
    assert published is not None, f"no index at {args.index}"
    gens = kb.generations
    desc = gens.descriptor(published.generation)
    assert desc is not None, "an index written before segments"
    rng = np.random.default_rng(1)
    queries = rng.normal(size=(args.queries, kb.embedder_info.dim)).astype(np.float32)
    out: dict[str, object] = {"generation": published.generation, "stack": len(desc.segments)}
    for k in args.segments:
        refs = desc.segments[:k]
        layers = [gens._segment(r.segment, kb.embedder_info) for r in refs]
        store = StackedStore(layers, refs, kb.embedder_info)
        times = []
        for n, q in enumerate([*queries[:3], *queries]):  # three warm-up queries
            started = time.perf_counter()
            got = store.chunks.query(query_embeddings=[q.tolist()], n_results=40, include=[])
            store.chunks.get(ids=list(got["ids"][0]), include=["metadatas", "documents"])
            if n >= 3:
                times.append((time.perf_counter() - started) * 1000)
        out[f"{len(refs)} segments"] = {
            "p50_ms": round(float(np.percentile(times, 50)), 1),
            "p95_ms": round(float(np.percentile(times, 95)), 1),
        }
        gens.close_store(store)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
