"""The evaluation report as a text table: modes side by side, main mode minus baseline."""

from __future__ import annotations

from kb.eval.metrics import GROUPS, MRR_CUTOFF
from kb.eval.runner import EvalReport


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _delta(a: float | None, b: float | None, digits: int = 3) -> str:
    if a is None or b is None:
        return "-"
    return f"{a - b:+.{digits}f}"


def render_eval(report: EvalReport) -> str:
    """A table with the modes side by side and the main mode's difference to the baseline."""
    modes = report.modes
    main, base = report.main_mode, report.baseline
    show_delta = base is not None and base != main
    header = ["", *modes] + ([f"{main} - {base}"] if show_delta else [])
    widths = [36] + [max(9, len(h) + 1) for h in header[1:]]

    def row(label: str, values: list[float | None], digits: int = 3) -> str:
        cells = [_fmt(v, digits) for v in values]
        if show_delta:
            cells.append(_delta(values[modes.index(main)], values[modes.index(base)], digits))
        return _line([label, *cells])

    def _line(cells: list[str]) -> str:
        return cells[0].ljust(widths[0]) + "".join(
            c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)
        )

    all_main = report.groups[main]["all"]
    same = report.groups[main]["same-language"]
    cross = report.groups[main]["cross-lingual"]
    lines = [
        f"Evaluation: {all_main.questions} questions ({all_main.answerable} answerable: "
        f"{same.answerable} same-language, {cross.answerable} cross-lingual; "
        f"{all_main.unanswerable} unanswerable)",
        f"k = {report.k} (headline hit@{report.k}); {report.requested} passages requested "
        f"per question; main mode {main}"
        + (f", baseline {base}" if base else "")
        + (f"; split {report.split}" if report.split else ""),
        "",
        _line(header),
    ]
    for group in GROUPS:
        metrics = [report.groups[m][group] for m in modes]
        count = metrics[0].answerable
        title = {
            "all": f"all questions ({metrics[0].questions})",
            "same-language": f"same-language ({count} answerable)",
            "cross-lingual": f"cross-lingual ({count} answerable)",
        }[group]
        lines.append(title)
        for c in report.cutoffs:
            label = f"  hit@{c}" + ("  <- headline" if c == report.k else "")
            lines.append(row(label, [m.hits[c] for m in metrics]))
        lines.append(row(f"  MRR@{MRR_CUTOFF}", [m.mrr for m in metrics]))
        lines.append(row("  false-refusal rate", [m.false_refusal_rate for m in metrics]))
        if group == "all":
            lines.append(
                row(
                    f"  refusal accuracy ({metrics[0].unanswerable} unansw.)",
                    [m.refusal_accuracy for m in metrics],
                )
            )
            lines.append(row("  refusal precision", [m.refusal_precision for m in metrics]))
            lines.append(row("  refusal recall", [m.refusal_recall for m in metrics]))
            lines.append(row("  language detected right", [m.language_accuracy for m in metrics]))
        if any(m.page_questions for m in metrics):
            lines.append(
                row(
                    f"  page accuracy ({metrics[0].page_questions} hit@{report.k} w/ page)",
                    [m.page_accuracy for m in metrics],
                )
            )
    lines.append("latency (ms)")
    lines.append(row("  retrieve p50", [report.latency_ms[m]["p50"] for m in modes], 1))
    lines.append(row("  retrieve p95", [report.latency_ms[m]["p95"] for m in modes], 1))

    if report.citations:
        by = f", generator {report.generator}" if report.generator else ""
        lines += ["", f"Answers ({main} service.ask on answerable questions{by})"]
        for group in GROUPS:
            c = report.citations[group]
            lines.append(
                f"  citation support, {group}:".ljust(widths[0] + 6)
                + f"{_fmt(c.support_rate)}  ({c.supported}/{c.citations} citations, "
                f"{c.answers} answers, {c.refusals} refused)"
            )
        lines += _answer_lines(report, widths[0] + 6)
        lat = report.ask_latency_ms
        lines.append(
            "  ask latency:".ljust(widths[0] + 6)
            + f"p50 {_fmt(lat.get('p50'), 1)} ms, p95 {_fmt(lat.get('p95'), 1)} ms"
        )
        if report.fallbacks:
            lines.append(
                "  fell back to extractive:".ljust(widths[0] + 6)
                + f"{len(report.fallbacks)} of {len(report.asks)} answers ("
                + ", ".join(f"{q}: {why}" for q, why in report.fallbacks.items())
                + ")"
            )

    lines.append("")
    for mode in modes:
        missed = report.misses(mode)
        lines.append(f"missed at hit@{report.k} ({mode}): {', '.join(missed) or 'none'}")
    for mode in modes:
        refused = [r.id for r in report.results[mode] if r.answerable and not r.found]
        answered = [r.id for r in report.results[mode] if not r.answerable and r.found]
        lines.append(
            f"refused answerable ({mode}): {', '.join(refused) or 'none'}; "
            f"answered unanswerable: {', '.join(answered) or 'none'}"
        )
    if report.warnings:
        lines += ["", "Warnings:"] + [f"  {w}" for w in report.warnings]
    lines.append(f"\n({report.seconds:.1f} s)")
    return "\n".join(lines)


def _answer_lines(report: EvalReport, width: int) -> list[str]:
    """Answer-level figures per group: shares of the answers given."""
    lines = []
    labels = (
        ("with_support", "cite a supporting passage"),
        ("boilerplate", "quote boilerplate"),
        ("cut", "quote a cut sentence"),
        ("language", "in the question's language"),
    )
    for group in GROUPS:
        a = report.answers.get(group)
        if a is None or not a.answers:
            continue
        lines.append(f"  answers, {group} ({a.answers} given):")
        for key, label in labels:
            lines.append(f"    {label}".ljust(width) + _fmt(getattr(a, key)))
        lines.append("    citations per answer".ljust(width) + _fmt(a.citations_per_answer, 2))
        if a.broad:
            lines.append(
                f"    broad questions ({a.broad}): documents, countries".ljust(width)
                + f"{_fmt(a.broad_documents, 2)}, {_fmt(a.broad_countries, 2)}; "
                f">= 3 docs from >= 2 countries: {_fmt(a.broad_ok)}"
            )
    flagged = [
        f"{x.id}: {kind}"
        for x in report.asks
        if x.check is not None
        for kind in ("boilerplate", "cut")
        if getattr(x.check, kind)
    ]
    if flagged:
        lines.append("  answers quoting boilerplate or cut sentences: " + ", ".join(flagged))
    return lines
