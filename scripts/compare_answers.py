"""Answer-level figures of `kb eval --json` reports side by side, one column per report.

    python scripts/compare_answers.py eval-extractive.json eval-provider.json [--all]

Prints a headline table over all asked questions (supporting share, boilerplate, cut
sentences, language share, citations per answer, fallbacks, ...), the retrieval headline
once, and the questions whose answers fell back to the extractive generator. ``--all``
adds every number of each report's answer sections, per group of questions.
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

# (label, dotted path in the report) of the headline table, all questions together.
HEADLINE = [
    ("answers given (not refused)", "ask.answers.all.answers"),
    ("refusals", "ask.citations.all.refusals"),
    ("answers citing a supporting passage", "ask.answers.all.with_support"),
    ("answers quoting boilerplate", "ask.answers.all.boilerplate"),
    ("answers with a cut sentence", "ask.answers.all.cut"),
    ("answers in the question's language", "ask.answers.all.language"),
    ("citations per answer", "ask.answers.all.citations_per_answer"),
    ("cited passages passing the support check", "ask.citations.all.support_rate"),
    ("broad questions: documents cited", "ask.answers.all.broad_documents"),
    ("broad questions: countries cited", "ask.answers.all.broad_countries"),
    ("answer time p50 (ms)", "ask.latency_ms.p50"),
    ("answer time p95 (ms)", "ask.latency_ms.p95"),
]


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


def _table(rows: list[tuple[str, list[float | int | None]]], names: list[str]) -> list[str]:
    width = max([len(label) for label, _ in rows] + [30]) + 2
    cell = max(14, *(len(n) + 2 for n in names))
    lines = ["".ljust(width) + "".join(n.rjust(cell) for n in names)]
    for label, values in rows:
        lines.append(label.ljust(width) + "".join(_cell(v).rjust(cell) for v in values))
    return lines


def render(reports: list[dict[str, Any]], names: list[str], full: bool = False) -> str:
    columns = [answer_figures(r) for r in reports]
    rows = [(label, [c.get(path) for c in columns]) for label, path in HEADLINE]
    rows.append(
        (
            "fallbacks to the extractive answer",
            [len(r.get("ask", {}).get("fallbacks") or {}) for r in reports],
        )
    )
    lines = _table(rows, names)
    if full:
        keys = list(dict.fromkeys(k for c in columns for k in c))
        lines += ["", *_table([(k, [c.get(k) for c in columns]) for k in keys], names)]
    first = reports[0]
    main, k = first.get("main_mode", "hybrid"), first.get("k")
    hit = first.get("metrics", {}).get(main, {}).get("all", {}).get(f"hit@{k}")
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
    full = "--all" in argv
    paths = [a for a in argv if a != "--all"]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    reports, names = [], []
    for arg in paths:
        path = Path(arg)
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            return 2
        reports.append(report)
        names.append(report.get("ask", {}).get("generator") or path.stem)
    print(render(reports, names, full))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
