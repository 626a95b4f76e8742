"""scripts/compare_answers.py: the --llm job's side-by-side table of `kb eval` reports."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from kb.core.settings import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location(
    "compare_answers", PROJECT_ROOT / "scripts" / "compare_answers.py"
)
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)


def _report(generator: str, with_support: float, fallbacks: dict[str, str]) -> dict:
    return {
        "k": 5,
        "main_mode": "hybrid",
        "split": "test",
        "metrics": {"hybrid": {"all": {"hit@5": 0.8}}},
        "questions": {"hybrid": [{}, {}, {}]},
        "ask": {
            "generator": generator,
            "answers": {"all": {"answers": 3, "with_support": with_support, "cut": 0.0}},
            "citations": {"all": {"refusals": 0, "support_rate": 1.0}},
            "latency_ms": {"p50": 120.0, "p95": 300.0},
            "fallbacks": fallbacks,
        },
    }


def _row(text: str, label: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(label))
    return line[len(label) :].split()


def test_headline_puts_the_generators_side_by_side(tmp_path: Path, capsys) -> None:
    paths = []
    for name, support, fallbacks in (
        ("extractive", 0.667, {}),
        ("provider:openai:m", 0.333, {"q07": "no valid citation"}),
    ):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(_report(name, support, fallbacks)), encoding="utf-8")
        paths.append(str(path))
    assert compare.main(paths) == 0
    out = capsys.readouterr().out
    assert _row(out, "")[:2] == ["extractive", "provider:openai:m"]
    assert _row(out, "answers citing a supporting passage") == ["0.667", "0.333"]
    assert _row(out, "answers with a cut sentence") == ["0.000", "0.000"]
    assert _row(out, "answers quoting boilerplate") == ["-", "-"]  # not in these reports
    assert _row(out, "fallbacks to the extractive answer") == ["0", "1"]
    assert "hybrid hit@5 = 0.800, split test, 3 questions" in out
    assert "provider:openai:m: fell back to extractive on q07 (no valid citation)" in out


def test_unreadable_report_is_named(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "eval-provider.json"
    bad.write_text("", encoding="utf-8")  # what a failed eval run leaves behind
    assert compare.main([str(bad)]) == 2
    assert str(bad) in capsys.readouterr().err
