"""The result as JSON or text."""

from __future__ import annotations

import json
from typing import Any


def emit(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(render(result))


def render(result: dict[str, Any]) -> str:
    """The result as text."""
    lines = [
        f"Load test: {result['sessions']} sessions in {result['processes']} reader process(es), "
        f"{result['mode']} mode, {result['cpus']} CPUs, load at start {result['load_at_start']}",
    ]
    build = result.get("initial_build", {})
    lines.append(
        f"initial build (no load): {build.get('wall_s')} s wall, exit {build.get('exit_code')}, "
        f"generation {build.get('generation')}"
    )
    if "figures" not in result:
        return "\n".join(lines + [json.dumps(build, indent=2)])
    w = result["warmup"]
    lines.append(
        f"warm-up pass (one at a time, initial index): {w['answerable_found']}/{w['answerable']}"
        f" answerable found, {w['unanswerable_refused']}/{w['unanswerable']} unanswerable "
        f"refused; first ask {w['first_ask_ms']} ms, then p50 "
        f"{w['latency_ms_after_first']['p50']} p95 {w['latency_ms_after_first']['p95']} ms"
    )
    lines.append(f"canary before the re-ingestion (should not be found): {w['canary_before']}")
    for i, run in enumerate(result["reingestions_done"], start=1):
        lines.append(
            f"re-ingestion {i} ({'canary added' if run['canary_in_corpus'] else 'canary removed'}):"
            f" {run['wall_s']} s wall, exit {run['exit_code']}, generation {run.get('generation')}"
            f", ingest's own time {run.get('run_seconds')} s"
        )
        if run["exit_code"] != 0:
            lines.append(f"  stderr: {run.get('stderr_tail', '')[-500:]}")
    pubs = ", ".join(
        f"{p['generation']} (initial)"
        if p["seen_after_ms"] is None
        else f"{p['generation']} (seen {p['seen_after_ms']} ms after published_at)"
        for p in result["publications"]
    )
    lines.append(f"generations published: {pubs}")
    f = result["figures"]
    lat = f["latency_ms"]
    lines += [
        f"answers: {f['answers']} in {f['window_s']} s = {f['throughput_per_s']} answers/s "
        f"(before/during/after: {f['throughput_by_phase']})",
        f"latency ms, all: p50 {lat['p50']} p95 {lat['p95']} p99 {lat['p99']} max {lat['max']}",
    ]
    for ph, s in f["latency_ms_by_phase"].items():
        lines.append(
            f"  {ph:<6} n={s['n']:<5} p50 {s['p50']} p95 {s['p95']} p99 {s['p99']} max {s['max']}"
        )
    s = f["latency_ms_2s_after_publish"]
    lines.append(
        f"  started <2 s after a publication: n={s['n']} p50 {s['p50']} p95 {s['p95']} "
        f"max {s['max']}"
    )
    lines += [
        f"errors: {f['errors']} {f['error_kinds'] or ''}",
        *(f"  {m}" for m in f["error_messages"]),
        f"stale answers: {f['stale']} (by the clock: vs published_at "
        f"{f['stale_vs_published_at']}, vs first seen by the monitor "
        f"{f['stale_vs_first_seen']})",
        *(f"  {e}" for e in f["stale_examples"]),
        f"answers from a generation never published: {f['unknown_generation']}",
        f"empty answers: {f['empty']} {f['empty_ids'] or ''}",
        f"canary: {f['canary_answers']} answers, {f['canary_mismatch']} mismatches (cites the "
        f"canary document iff its generation has it); after the load "
        f"{result['canary_final']}",
        f"counts by phase: {f['counts_by_phase']}",
        f"answers by generation: {f['generations_answered']}",
        f"sessions by number of generations seen: {f['sessions_by_generations_seen']}",
    ]
    for r in result["readers"]:
        lines.append(
            f"reader {r['process']} pid {r['pid']}: {r['sessions']} sessions, peak RSS "
            f"{r['peak_rss_mb']} MB, generations seen {r['generations_seen']}"
        )
    if "chroma_server_peak_rss_mb" in result:
        lines.append(f"chroma server peak RSS: {result['chroma_server_peak_rss_mb']} MB")
    lines.append(f"load average (1 min): {result['load_average_1min']}")
    if result["monitor_errors"]:
        lines.append(f"monitor errors: {result['monitor_errors']}")
    errors, stale = f["errors"], f["stale"]
    verdict = "PASS" if errors == 0 and stale == 0 else "MISS"
    lines.append(f"target 0 errors and 0 stale answers: {verdict}")
    return "\n".join(lines)
