"""The text report."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fuzz.run import _secs

# --- output ----------------------------------------------------------------------------------


def render(res: dict[str, Any]) -> str:
    st = res["settings"]
    lines = [
        "Ingestion fuzzing",
        f"  command: {res['command']}",
        f"  source tree: {res['source']}; embedder {res['embedder']}; extraction timeout "
        f"{st['extract_timeout_s']:g} s, memory limit {st['extract_memory_mb']} MB, "
        f"{st['workers']} worker(s); psutil {'yes' if res['psutil'] else 'no (read /proc)'}",
        f"  cases: {res['cases']} ({res['new_cases']} new, {res['replacements']} replacing "
        f"earlier files; {res['deleted']} deleted later); {res['final_files']} in the final "
        f"corpus plus {len(res['controls'])} unmutated seeds as controls "
        f"(control outcomes: {dict(Counter(res['controls'].values()))})",
        "",
        "Runs:",
        f"  {'run':<11} {'rc':>3} {'wall s':>7} {'added':>6} {'chgd':>5} {'rmvd':>5} "
        f"{'failed':>6} {'slowest extraction':>19} {'tree MB':>8} {'main MB':>8} {'worker MB':>9}",
    ]
    for r in res["runs"]:
        s, m = r["summary"], r["memory"]
        slow = r["slowest_extraction"]
        lines.append(
            f"  {r['label']:<11} {r['returncode']!s:>3} {r['wall_s']:>7}"
            f" {s.get('added', '?')!s:>6} {s.get('changed', '?')!s:>5}"
            f" {s.get('removed', '?')!s:>5} {s.get('failed', '?')!s:>6}"
            f" {_secs(slow):>19} {m.get('tree_peak_mb', '?')!s:>8}"
            f" {m.get('main_peak_mb', '?')!s:>8} {m.get('worker_peak_mb', '?')!s:>9}"
        )
    lines.append(f"  total CLI wall time: {res['total_wall_s']} s")
    lines += ["", f"Crashes of the ingestion run: {len(res['crashes'])} (target 0)"]
    for c in res["crashes"]:
        lines.append(f"  {c['run']}: {'; '.join(c['why'])} (stderr: {c['log']})")
        for tb in c["tracebacks"][:3]:
            lines += ["    " + x for x in tb.splitlines()[-6:]]
        lines += [f"    left running: {x}" for x in c["leaked"]]
    o = res["outcomes"]
    lines += [
        "",
        f"Per-file outcomes (each case in the run that first saw it): {o['indexed']} indexed, "
        f"{o['failed']} failed, {o['not_in_report']} missing from the report",
        f"  top reasons ({o['distinct_reasons']} distinct after masking numbers and bytes):",
    ]
    lines += [f"  {n:>5}  {reason}" for reason, n in o["top_reasons"]]
    lines.append("  reason categories:")
    lines += [f"  {n:>5}  {cat}" for cat, n in o["categories"]]
    if o["warnings"]:
        lines.append("  warnings on indexed files:")
        lines += [f"  {n:>5}  {w}" for w, n in o["warnings"]]
    lines += [
        "",
        "By mutation kind:",
        f"  {'kind':<26} {'cases':>5} {'indexed':>7} {'failed':>6}  most common reason",
    ]
    for kind, k in o["by_kind"].items():
        top = k["top_reasons"][0][0] if k["top_reasons"] else ""
        lines.append(f"  {kind:<26} {k['cases']:>5} {k['indexed']:>7} {k['failed']:>6}  {top}")
    lines.append(f"  flaky files (outcome changed between runs): {len(o['flaky'])}")
    for f in o["flaky"][:10]:
        lines.append(
            f"    {f['path']} ({f['kind']}): " + "; ".join(f"{r}: {x}" for r, x in f["outcomes"])
        )
    lines.append(f"  unexpected changed/removed actions: {o['unexpected_action_count']}")
    b = res["bounds"]
    slow, fin = b["slowest_extraction"], b["slowest_finished_extraction"]
    lines += [
        "",
        "Bounds:",
        "  slowest extraction: "
        + (f"{_secs(slow)} ({slow['path']}, {slow['run']})" if slow else "not measured")
        + f"; {b['extractions_timed']} extractions timed",
        "  slowest extraction not stopped by the timeout: "
        + (f"{_secs(fin)} ({fin['path']}, {fin['run']})" if fin else "n/a")
        + f"; each run's first extraction, which includes starting the worker pool: "
        f"up to {b['first_extraction_max_s']} s",
        f"  timeouts reported: {b['timeouts_reported']} ({len(b['timeout_files'])} files); "
        f"worker deaths reported: {b['worker_deaths_reported']}",
        f"  time bound (every extraction <= {b['timeout_s']:g} s + {b['slack_s']:g} s): "
        + {True: "HELD", False: "BROKEN", None: "not measured"}[b["time_bound_held"]],
        f"  peak RSS: process tree {b['tree_peak_mb']} MB, main process {b['main_peak_mb']} MB, "
        f"worker {b['worker_peak_mb']} MB",
        f"  memory bound (workers <= {b['memory_limit_mb']:g} MB and ran under that "
        f"limit): {'HELD' if b['memory_bound_held'] else 'BROKEN'}",
    ]
    lines += [f"    {n}" for n in b["memory_notes"]]
    i = res["integrity"]
    lines += ["", f"Index integrity ({i['method']}): {'OK' if i['ok'] else 'PROBLEMS'}"]
    if i.get("note"):
        lines.append(f"  note: {i['note']}")
    if i["method"] == "store":
        for name in ("fuzzed", "clean"):
            x = i[name]
            lines.append(
                f"  {name}: {x['documents_complete']} complete documents, {x['chunks']} chunks "
                f"(records say {x['chunks_expected']}); wrong counts {len(x['wrong_chunk_counts'])}"
                f", orphan chunks {sum(x['orphan_chunks_by_doc'].values())}, pending "
                f"{len(x['documents_pending'])}, XXE marker found in {len(x['marker_hits'])}"
            )
        lines.append(
            f"  incremental index == clean build: {i['equal_to_clean_build']}; equal apart from "
            f"{len(i['kept_previous_versions'])} document(s) that keep their previous version "
            f"after a failed replacement and {len(i['timing_dependent_docs'])} timing-dependent "
            f"one(s): {i['equal_apart_from_explained']} "
            f"({i['chunks_compared']} chunks compared)"
        )
        for d, n in i["timing_dependent_docs"].items():
            lines.append(
                f"  timing-dependent: {d} timed out in one build only ({n['chunks_fuzzed']} "
                f"chunks in the incremental index, {n['chunks_clean']} in the clean build)"
            )
        if i["unexplained_difference_docs"]:
            lines.append(f"  differing documents: {i['unexplained_difference_docs'][:10]}")
    else:
        lines.append(f"  fuzzed {i.get('fuzzed')} vs clean {i.get('clean')}")
    lines += [f"  problem: {p}" for p in i.get("problems", [])]
    return "\n".join(lines)
