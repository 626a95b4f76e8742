"""Analysis: failure reasons, time and memory bounds, index integrity."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from fuzz.cases import Case
from fuzz.cli import RunResult
from fuzz.config import SLACK_S

# --- analysis --------------------------------------------------------------------------


def normalise_reason(error: str, work: str) -> str:
    """An error message with paths, numbers and quoted bytes masked, for counting."""
    s = error.replace(work, "WORK")
    s = re.sub(r"b'(?:[^'\\]|\\.)*'", "b'…'", s)
    s = re.sub(r'b"(?:[^"\\]|\\.)*"', 'b"…"', s)
    s = re.sub(r"0x[0-9a-fA-F]+", "0x…", s)
    s = re.sub(r"\d+(?:\.\d+)?", "N", s)
    s = re.sub(r"'[^']{25,}'", "'…'", s)
    return s if len(s) <= 150 else s[:147] + "..."


def reason_category(error: str) -> str:
    """The reason's first clause and exception name: 'corrupted ... PDF [PdfReadError]'."""
    head = re.split(r" \(|: ", error, maxsplit=1)[0]
    m = re.search(r"\((\w+):", error)
    return f"{head} [{m.group(1)}]" if m else head


def outcome_of(entry: dict[str, Any] | None, work: str) -> str:
    if entry is None:
        return "not in report"
    if entry["action"] == "failed":
        return "failed: " + normalise_reason(entry.get("error") or "", work)
    if entry["action"] in ("added", "changed", "unchanged"):
        return "indexed"
    return entry["action"]


def analyse(
    cases: list[Case],
    runs: list[RunResult],
    clean: RunResult,
    work: str,
) -> dict[str, Any]:
    """Per-file outcomes: reasons, categories, per kind, flaky files, unexpected actions."""
    first: dict[str, dict[str, Any] | None] = {}
    for c in cases:
        first[c.case] = runs[c.batch].files.get(c.path)
    reasons: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    indexed = failed = missing = 0
    for c in cases:
        entry = first[c.case]
        by_kind[c.kind]["cases"] += 1
        if entry is None:
            missing += 1
            by_kind[c.kind]["not in report"] += 1
            continue
        for w in entry.get("warnings") or []:
            warnings[normalise_reason(w, work)] += 1
        if entry["action"] == "failed":
            failed += 1
            error = entry.get("error") or ""
            reasons[normalise_reason(error, work)] += 1
            categories[reason_category(error)] += 1
            by_kind[c.kind]["failed"] += 1
            by_kind[c.kind]["cat: " + reason_category(error)] += 1
        else:
            indexed += 1
            by_kind[c.kind]["indexed"] += 1
    # Flaky: a file whose outcome differs between runs that saw the same content.
    flaky = []
    clean_files = clean.files
    for c in cases:
        if c.deleted_in is not None:
            continue
        last = c.superseded_in if c.superseded_in is not None else len(runs)
        seen = [
            (runs[b].label, outcome_of(runs[b].files.get(c.path), work))
            for b in range(c.batch, last)
        ]
        if c.superseded_in is None:
            seen.append((clean.label, outcome_of(clean_files.get(c.path), work)))
        if len({o for _, o in seen}) > 1:
            flaky.append({"case": c.case, "path": c.path, "kind": c.kind, "outcomes": seen})
    # Actions the runs should not have taken: a file changed or removed that was not.
    touched = {(c.path, b) for c in cases for b in (c.superseded_in, c.deleted_in) if b is not None}
    unexpected = []
    for b, run in enumerate(runs):
        for path, entry in run.files.items():
            if entry["action"] in ("changed", "removed") and (path, b) not in touched:
                unexpected.append({"run": run.label, "path": path, "action": entry["action"]})
    kinds = {}
    for kind, counts in sorted(by_kind.items()):
        cats = Counter({k[5:]: v for k, v in counts.items() if k.startswith("cat: ")})
        kinds[kind] = {
            "cases": counts["cases"],
            "indexed": counts["indexed"],
            "failed": counts["failed"],
            "not_in_report": counts["not in report"],
            "top_reasons": cats.most_common(3),
        }
    return {
        "indexed": indexed,
        "failed": failed,
        "not_in_report": missing,
        "top_reasons": reasons.most_common(15),
        "distinct_reasons": len(reasons),
        "categories": categories.most_common(),
        "warnings": warnings.most_common(10),
        "by_kind": kinds,
        "cases": [
            {
                "case": c.case,
                "path": c.path,
                "kind": c.kind,
                "params": c.params,
                "outcome": (first[c.case] or {}).get("action", "not in report"),
                "error": (first[c.case] or {}).get("error"),
            }
            for c in cases
        ],
        "flaky": flaky,
        "unexpected_actions": unexpected[:50],
        "unexpected_action_count": len(unexpected),
    }


def check_bounds(runs: list[RunResult], settings: dict[str, Any]) -> dict[str, Any]:
    timeout = float(settings["extract_timeout_s"])
    limit_mb = float(settings["extract_memory_mb"])
    workers = int(settings["workers"])
    slowest = max(
        (dict(t, run=r.label) for r in runs for t in r.timings),
        key=lambda t: t["seconds"],
        default=None,
    )
    timed_out = [
        (r.label, path)
        for r in runs
        for path, f in r.files.items()
        if "took longer than" in (f.get("error") or "")
    ]
    died = [
        (r.label, path)
        for r in runs
        for path, f in r.files.items()
        if "process died" in (f.get("error") or "")
    ]
    over_time = [
        dict(t, run=r.label) for r in runs for t in r.timings if t["seconds"] > timeout + SLACK_S
    ]
    # The slowest extraction that finished on its own (not stopped at the timeout), leaving
    # out each run's first one, which includes starting the worker pool.
    finished = max(
        (
            dict(t, run=r.label)
            for r in runs
            for t in r.timings
            if t["error"] != "TimeoutError" and not t.get("first_in_run")
        ),
        key=lambda t: t["seconds"],
        default=None,
    )
    first = [t["seconds"] for r in runs for t in r.timings if t.get("first_in_run")]
    memory_ok = True
    notes = []
    for r in runs:
        m = r.memory
        if not m:
            continue
        if m["worker_peak_mb"] > limit_mb:
            memory_ok = False
            notes.append(f"{r.label}: a worker peaked at {m['worker_peak_mb']} MB")
        limits = m["worker_as_limits_mb"]
        if m["workers_unlimited"] or (limits and max(limits) > limit_mb):
            memory_ok = False
            notes.append(
                f"{r.label}: workers' address-space limits {limits} MB, "
                f"{m['workers_unlimited']} worker(s) seen without a limit"
            )
        ceiling = (
            workers * limit_mb + m["main_peak_mb"] + m["forkserver_peak_mb"] + m["other_peak_mb"]
        )
        if m["tree_peak_mb"] > ceiling:
            memory_ok = False
            notes.append(f"{r.label}: tree peak {m['tree_peak_mb']} MB > {ceiling:.0f} MB")
    timed = sum(len(r.timings) for r in runs)
    return {
        "timeout_s": timeout,
        "slack_s": SLACK_S,
        "memory_limit_mb": limit_mb,
        "workers": workers,
        "extractions_timed": timed,
        "slowest_extraction": slowest,
        "slowest_finished_extraction": finished,
        "first_extraction_max_s": max(first, default=None),
        "extractions_over_timeout_plus_slack": over_time,
        "time_bound_held": not over_time if timed else None,
        "timeouts_reported": len(timed_out),
        "timeout_files": sorted({p for _, p in timed_out}),
        "worker_deaths_reported": len(died),
        "worker_death_files": sorted({p for _, p in died}),
        "memory_bound_held": memory_ok,
        "memory_notes": notes,
        "tree_peak_mb": max((r.memory.get("tree_peak_mb", 0) for r in runs), default=0),
        "worker_peak_mb": max((r.memory.get("worker_peak_mb", 0) for r in runs), default=0),
        "main_peak_mb": max((r.memory.get("main_peak_mb", 0) for r in runs), default=0),
    }


def check_integrity(
    fuzzed: dict[str, Any] | None,
    clean: dict[str, Any] | None,
    last_run: RunResult,
    clean_run: RunResult,
    note: str,
) -> dict[str, Any]:
    """Chunk counts, orphan chunks and equality with the clean build.

    Differences are explained, not counted as problems, when a document's newest file
    failed and its previous version stays indexed (documented behaviour), or when its
    extraction hit the timeout in one build and not in the other (timing-dependent: the
    file takes about as long as the timeout on this machine at this load).
    """
    if fuzzed is None or clean is None:
        return {"method": "unavailable", "note": note, "ok": False}
    out: dict[str, Any] = {"method": "store", "note": note}
    problems = []
    for name, snap in (("fuzzed", fuzzed), ("clean", clean)):
        docs = snap["documents"]
        complete = {d for d, r in docs.items() if r["status"] == "complete"}
        per_doc = Counter(fp[2] for fp in snap["fingerprint"].values())
        wrong = {
            d: (r["chunk_count"], r["counted"], per_doc.get(d, 0))
            for d, r in docs.items()
            if r["status"] == "complete"
            and not r["chunk_count"] == r["counted"] == per_doc.get(d, 0)
        }
        orphans = {d: n for d, n in per_doc.items() if d not in complete}
        pending = sorted(d for d, r in docs.items() if r["status"] != "complete")
        expected_total = sum(docs[d]["chunk_count"] for d in complete)
        out[name] = {
            "documents_complete": len(complete),
            "documents_pending": pending,
            "chunks": snap["chunks_total"],
            "chunks_expected": expected_total,
            "wrong_chunk_counts": wrong,
            "orphan_chunks_by_doc": orphans,
            "marker_hits": snap["marker_hits"],
        }
        if wrong or orphans or pending or snap["chunks_total"] != expected_total:
            problems.append(f"{name} index is inconsistent")
        if snap["marker_hits"]:
            problems.append(f"{name} index contains the XXE marker")
    fp_a, fp_b = fuzzed["fingerprint"], clean["fingerprint"]
    diff_docs = {fp_a[i][2] for i in fp_a.keys() - fp_b.keys()}
    diff_docs |= {fp_b[i][2] for i in fp_b.keys() - fp_a.keys()}
    diff_docs |= {fp_a[i][2] for i in fp_a.keys() & fp_b.keys() if fp_a[i] != fp_b[i]}
    # Documented: a file that fails keeps its previously indexed version.
    last_failed = {f["doc_id"] for f in last_run.files.values() if f["action"] == "failed"}
    kept = sorted(
        d
        for d in diff_docs
        if d in last_failed and d in fuzzed["documents"] and d not in clean["documents"]
    )
    timed_out = {
        f["doc_id"]
        for run in (last_run, clean_run)
        for f in run.files.values()
        if "took longer than" in (f.get("error") or "")
    }
    timing = sorted(d for d in diff_docs if d in timed_out and d not in kept)
    unexplained = sorted((d for d in diff_docs if d not in kept and d not in timing), key=str)
    same = {i: v for i, v in fp_a.items() if v[2] not in kept and v[2] not in timing}
    out["equal_to_clean_build"] = fp_a == fp_b
    out["equal_apart_from_explained"] = not unexplained
    out["kept_previous_versions"] = kept
    out["timing_dependent_docs"] = {
        d: {
            "chunks_fuzzed": sum(1 for v in fp_a.values() if v[2] == d),
            "chunks_clean": sum(1 for v in fp_b.values() if v[2] == d),
        }
        for d in timing
    }
    out["unexplained_difference_docs"] = unexplained
    out["chunks_compared"] = len(same)
    if unexplained:
        problems.append(f"{len(unexplained)} document(s) differ from the clean build")
    out["problems"] = problems
    out["ok"] = not problems
    return out


def check_integrity_by_status(fuzzed: dict[str, Any], clean: dict[str, Any]) -> dict[str, Any]:
    """Fallback when the store cannot be opened from Python: compare ``status --json``."""
    keys = ("documents", "chunks", "pending_documents")
    same = all(fuzzed.get(k) == clean.get(k) for k in keys)
    return {
        "method": "status --json",
        "fuzzed": {k: fuzzed.get(k) for k in keys},
        "clean": {k: clean.get(k) for k in keys},
        "ok": same and not fuzzed.get("error"),
        "problems": [] if same else ["status differs from the clean build"],
    }
