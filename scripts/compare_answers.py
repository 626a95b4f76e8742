"""Answer-level figures of `kb eval --json` reports side by side, one column per report.

    python scripts/compare_answers.py eval-extractive.json eval-provider.json

Prints every number of each report's answer sections (the "ask" section and any other
top-level section that is not about retrieval), the retrieval headline once, and the
questions whose answers fell back to the extractive generator.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

# Sections about retrieval (the same for every generator) or per-question listings.
NOT_ANSWERS = {
    "k", "passages_requested", "modes", "main_mode", "baseline", "metrics", "latency_ms",
    "misses", "questions", "answers", "warnings", "seconds", "split", "questions_file",
}  # fmt: skip


def numbers(data: Any, prefix: str = "") -> dict[str, float | int | None]:
    """Every number (and None) under ``data``, keyed by its dotted path."""
    out: dict[str, float | int | None] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(numbers(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, bool):
        out[prefix] = int(data)
    elif isinstance(data, int | float) or data is None:
        out[prefix] = data
    return out


def answer_figures(report: dict[str, Any]) -> dict[str, float | int | None]:
    figures: dict[str, float | int | None] = {}
    for key, value in report.items():
        if key not in NOT_ANSWERS:
            figures.update(numbers(value, key))
    return figures


def _cell(value: float | int | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def render(reports: list[dict[str, Any]], names: list[str]) -> str:
    columns = [answer_figures(r) for r in reports]
    keys = list(dict.fromkeys(k for c in columns for k in c))
    width = max([len(k) for k in keys] + [30]) + 2
    cell = max(14, *(len(n) + 2 for n in names))
    lines = ["".ljust(width) + "".join(n.rjust(cell) for n in names)]
    for key in keys:
        lines.append(key.ljust(width) + "".join(_cell(c.get(key)).rjust(cell) for c in columns))
    first = reports[0]
    main, k = first.get("main_mode", "hybrid"), first.get("k")
    hit = first.get("metrics", {}).get(main, {}).get("all", {}).get("hits", {}).get(str(k))
    lines.append("")
    lines.append(
        f"retrieval (same for every generator): {main} hit@{k} = {_cell(hit)}, "
        f"split {first.get('split')}, {len(first.get('questions', {}).get(main, []))} questions"
    )
    for name, report in zip(names, reports, strict=True):
        fallbacks = report.get("ask", {}).get("fallbacks") or {}
        if fallbacks:
            listed = ", ".join(f"{q} ({why})" for q, why in fallbacks.items())
            lines.append(f"{name}: fell back to extractive on {listed}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) < 1:
        print(__doc__, file=sys.stderr)
        return 2
    reports, names = [], []
    for arg in argv:
        path = Path(arg)
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            return 2
        reports.append(report)
        names.append(report.get("ask", {}).get("generator") or path.stem)
    print(render(reports, names))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
