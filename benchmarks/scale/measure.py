"""Measuring one layout at one size, in its own process."""

from __future__ import annotations

import pickle
import time
from pathlib import Path
from typing import Any

import numpy as np
from common import loadavg, log_ts, proc_status_mb

from scale.build import open_client
from scale.config import (
    LAYOUT_INDEX,
    LAYOUT_KINDS,
    WARMUP,
    K,
)
from scale.data import (
    make_corpus,
)
from scale.layouts import (
    DocIds,
    Hybrid,
    Layout,
    Manifest,
    NumpyExact,
    Overfetch,
    Partitioned,
    Single,
    SingleNoText,
)


def run_layout(layout: str, size: int, workdir: Path, n_queries: int, seed: int,
               options: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """Measure one layout at one size (meant to run in its own process)."""
    rss_start = proc_status_mb("VmRSS") or 0.0
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
    rss_open = proc_status_mb("VmRSS") or 0.0
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
        log_ts(f"  {layout} {size} {kind}: p50 {kinds[kind]['p50']} ms, "
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
        "rss_end_mb": round((proc_status_mb("VmRSS") or 0.0), 0),
        "peak_rss_mb": round((proc_status_mb("VmHWM") or 0.0), 0),
        "notes": impl.notes,
        "shares": prepared["shares"],
    }
