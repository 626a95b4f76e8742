"""Totals and the text report."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from crash.trials import Trial

# --- output ---------------------------------------------------------------------------


def totals(trials: list[Trial]) -> dict[str, Any]:
    def block(items: list[Trial]) -> dict[str, Any]:
        return {
            "trials": len(items),
            "killed_mid_run": sum(t.killed_mid_run for t in items),
            "consistent_after_kill": sum(t.consistent_after_kill for t in items),
            "recovered_equal_to_clean": sum(t.recovered_equal_to_clean for t in items),
            "failures": sum(not t.passed for t in items),
            "state_after_kill": dict(Counter(t.state_after_kill for t in items)),
            "phases": dict(Counter(re.sub(r" \(doc .*\)$", "", t.phase) for t in items)),
        }

    return {
        "ingestion": block([t for t in trials if t.kind == "ingest"]),
        "publish-targeted": block([t for t in trials if t.kind == "publish"]),
        "curation": block([t for t in trials if t.kind == "curation"]),
        "all": block(trials),
    }


def render(trials: list[Trial], summary: dict[str, Any], calibration: dict[str, Any]) -> str:
    lines = []
    for mode, cal in calibration.items():
        lines.append(f"calibration `{mode}`: {cal['seconds']} s")
    lines.append("")
    lines.append(
        f"{'trial':<8} {'action':<17} {'delay/ref s':>12}  {'phase at kill':<52} "
        f"{'seen':<6} {'recovery':<10} result"
    )
    for t in trials:
        name = f"{t.kind[0].upper()}{t.number:02d}"
        lines.append(
            f"{name:<8} {t.action:<17} {t.delay_s:>5.2f}/{t.reference_s:<6.2f}  {t.phase[:52]:<52} "
            f"{t.state_after_kill:<6} {'exit ' + str(t.recovery_exit):<10} "
            f"{'PASS' if t.passed else 'FAIL'}"
        )
        lines.append(f"         change: {t.change}")
        if t.kind == "curation":
            lines.append(f"         folder after kill: {t.folder_after_kill}")
        lines.append(
            f"         at kill: {json.dumps(t.at_kill)}; orphans: {t.orphans}; "
            f"recovery: {t.recovery}; {t.seconds} s"
        )
        for p in t.problems:
            lines.append(f"         PROBLEM {p}")
    lines.append("")
    for kind, block in summary.items():
        lines.append(
            f"{kind}: {block['trials']} trials, {block['killed_mid_run']} killed mid-run, "
            f"{block['consistent_after_kill']} consistent after kill, "
            f"{block['recovered_equal_to_clean']} recovered equal to a clean build, "
            f"{block['failures']} failures; seen after kill {block['state_after_kill']}"
        )
        lines.append(f"  phases at kill: {block['phases']}")
    return "\n".join(lines)
