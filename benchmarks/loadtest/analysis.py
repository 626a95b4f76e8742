"""The report's figures from the per-question records."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from loadtest.config import (
    CANARY_ID,
    latency_stats,
)


def _gen(value: str | None) -> int:
    return int(value) if value else -1


def analyse(
    records: list[dict[str, Any]],
    seen: dict[str, dict[str, float]],
    warm_found: dict[str, bool],
    answerable: dict[str, bool],
    canary_gens: set[str],
    window: tuple[float, float],
    ingest_window: tuple[float, float],
) -> dict[str, Any]:
    """The figures of the report from the per-question records."""
    pubs = sorted((_gen(g), v["published_at"], v["seen_at"]) for g, v in seen.items())

    def newest(start: float, key: int) -> int:
        return max((p[0] for p in pubs if p[key] < start), default=-1)

    first_start, last_end = ingest_window

    def phase(start: float) -> str:
        if start < first_start:
            return "before"
        return "during" if start < last_end else "after"

    ok = [r for r in records if "error" not in r]
    errors = [r for r in records if "error" in r]
    by_phase: dict[str, list[float]] = defaultdict(list)
    counts: dict[str, Counter] = defaultdict(Counter)
    stale, stale_clock, stale_seen, unknown, empty, canary_bad = [], [], [], [], [], []
    for r in records:
        ph = phase(r["start"])
        counts[ph]["questions"] += 1
        if "error" in r:
            counts[ph]["errors"] += 1
            continue
        by_phase[ph].append(r["latency_ms"])
        g = _gen(r["generation"])
        if r["generation"] not in seen:
            unknown.append(r)
        expected = _gen(r.get("published_at_start"))
        if g < expected:
            stale.append({**r, "expected": f"{expected:06d}", "phase": ph})
            counts[ph]["stale"] += 1
        if g < newest(r["start"], 1):
            stale_clock.append(r)
        if g < newest(r["start"], 2):
            stale_seen.append(r)
        if r["id"] == CANARY_ID:
            counts[ph]["canary"] += 1
            if r["cites_canary"] != (r["generation"] in canary_gens):
                canary_bad.append(r)
                counts[ph]["canary_mismatch"] += 1
        elif answerable.get(r["id"]) and warm_found.get(r["id"]):
            if not r["found"] or not r["citations"]:
                empty.append(r)
                counts[ph]["empty"] += 1
    wall = max(window[1] - window[0], 1e-9)
    sessions: dict[str, set[str]] = defaultdict(set)
    for r in ok:
        sessions[r["session"]].add(r["generation"])
    per_session = Counter(len(v) for v in sessions.values())
    # Questions that started within 2 s after a publication: they may pay the switch.
    switch = [r["latency_ms"] for r in ok if any(0 <= r["start"] - p[1] < 2.0 for p in pubs[1:])]
    stale_lags = [
        round((r["start"] - seen[r["expected"]]["published_at"]) * 1000, 1)
        for r in stale
        if r["expected"] in seen
    ]  # for the pointer-based count
    return {
        "questions": len(records),
        "answers": len(ok),
        "throughput_per_s": round(len(ok) / wall, 2),
        "window_s": round(wall, 1),
        "latency_ms": latency_stats([r["latency_ms"] for r in ok]),
        "latency_ms_by_phase": {
            p: latency_stats(by_phase[p]) for p in ("before", "during", "after")
        },
        "throughput_by_phase": _phase_throughput(ok, window, ingest_window),
        "latency_ms_2s_after_publish": latency_stats(switch),
        "counts_by_phase": {p: dict(counts[p]) for p in ("before", "during", "after")},
        "errors": len(errors),
        "error_messages": [f"{r['session']} {r['id']}: {r['error']}" for r in errors[:5]],
        "error_kinds": dict(Counter(r["error"].split(":")[0] for r in errors)),
        "stale": len(stale),
        "stale_examples": [
            {k: r[k] for k in ("session", "id", "generation", "expected", "phase")}
            for r in stale[:5]
        ],
        "stale_max_lag_ms": max(stale_lags, default=None),
        "stale_vs_published_at": len(stale_clock),
        "stale_vs_first_seen": len(stale_seen),
        "unknown_generation": len(unknown),
        "empty": len(empty),
        "empty_ids": dict(Counter(r["id"] for r in empty)),
        "canary_answers": sum(1 for r in ok if r["id"] == CANARY_ID),
        "canary_mismatch": len(canary_bad),
        "canary_mismatch_examples": [
            {k: r[k] for k in ("session", "generation", "found", "cites_canary", "start")}
            for r in canary_bad[:5]
        ],
        "generations_answered": dict(sorted(Counter(r["generation"] for r in ok).items())),
        "sessions_by_generations_seen": {str(k): v for k, v in sorted(per_session.items())},
    }


def _phase_throughput(
    ok: list[dict[str, Any]], window: tuple[float, float], ingest_window: tuple[float, float]
) -> dict[str, float | None]:
    edges = {
        "before": (window[0], ingest_window[0]),
        "during": ingest_window,
        "after": (ingest_window[1], window[1]),
    }
    out: dict[str, float | None] = {}
    for name, (lo, hi) in edges.items():
        n = sum(1 for r in ok if lo <= r["end"] < hi)
        out[name] = round(n / (hi - lo), 2) if hi > lo else None
    return out
