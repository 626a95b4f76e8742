"""Redaction recall and false-redaction rate on the labelled sets (issue 14, item 5).

    python benchmarks/bench_redaction.py [--json]

Scores ``kb.app.redaction.redact`` on ``tests/kb/app/redaction_set.py``: ``CASES`` (the set
the rules were developed on, asserted by ``tests/kb/app/test_redaction_set.py``) and
``HELDOUT`` (written after the rules, see benchmarks/README.md). Recall: personal-data
spans whose every identifying word is gone. False redactions: ordinary strings that
changed, plus ordinary spans next to personal data that were lost.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.kb.app.redaction_set import CASES, HELDOUT  # noqa: E402
from tests.kb.app.test_redaction_set import score  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {}
    for name, cases in (("labelled", CASES), ("heldout", HELDOUT)):
        started = time.perf_counter()
        s = score(cases)
        results[name] = {
            "strings": len(cases),
            "languages": len(s.languages),
            "pii_spans": s.spans,
            "recall": round(s.recall, 4),
            "ordinary": s.ordinary,
            "false_redactions": s.false,
            "false_rate": round(s.false_rate, 4),
            "ms_per_string": round(1000 * (time.perf_counter() - started) / len(cases), 3),
            "misses": [{"text": c.text, "span": span, "out": out} for c, span, out in s.misses],
            "false_hits": [{"text": c.text, "out": out} for c, out in s.false_hits],
        }
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    for name, r in results.items():
        print(
            f"{name}: {r['strings']} strings, {r['languages']} languages; recall {r['recall']:.3f} "
            f"({r['pii_spans']} spans); false redactions {r['false_rate']:.1%} "
            f"({r['false_redactions']}/{r['ordinary']}); {r['ms_per_string']} ms/string"
        )
        for miss in r["misses"]:
            print(f"  missed {miss['span']!r}: {miss['out']}")
        for hit in r["false_hits"]:
            print(f"  false  {hit['text']!r} -> {hit['out']!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
