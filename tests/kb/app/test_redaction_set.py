"""Redaction measured on the labelled set (``tests/kb/app/redaction_set.py``), issue 14 item 5.

Targets: recall >= 0.95 over personal-data spans, false redactions <= 2 % (ordinary
strings changed, plus ordinary spans lost next to personal data). ``pytest -s`` prints
the figures; ``python benchmarks/bench_redaction.py`` prints them with every miss.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kb.app.redaction import redact
from tests.kb.app.redaction_set import CASES, Case

# Words of an obfuscated e-mail or address that say nothing about the person.
_NEUTRAL = {"at", "dot", "de", "la", "del", "van", "den", "der", "von", "di", "da", "ul"}


def leaked(span: str, out: str) -> bool:
    """True when any identifying word of ``span`` is still in ``out``."""
    words = [w for w in re.findall(r"\w+", span) if len(w) >= 2 and w.lower() not in _NEUTRAL]
    return any(re.search(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])", out) for w in words)


@dataclass
class Score:
    spans: int = 0
    found: int = 0
    ordinary: int = 0  # negative strings + keep spans
    false: int = 0
    languages: Counter = field(default_factory=Counter)
    misses: list[tuple[Case, str, str]] = field(default_factory=list)  # case, span, output
    false_hits: list[tuple[Case, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.spans

    @property
    def false_rate(self) -> float:
        return self.false / self.ordinary


def score(cases: list[Case] = CASES) -> Score:
    s = Score()
    for case in cases:
        s.languages[case.lang] += 1
        out = redact(case.text)
        for span in case.pii:
            s.spans += 1
            if leaked(span, out):
                s.misses.append((case, span, out))
            else:
                s.found += 1
        if not case.pii:
            s.ordinary += 1
            if out != case.text:
                s.false += 1
                s.false_hits.append((case, out))
        for span in case.keep:
            s.ordinary += 1
            if span not in out:
                s.false += 1
                s.false_hits.append((case, out))
    return s


def test_the_labelled_set_is_big_and_varied_enough():
    s = score()
    positives = sum(1 for c in CASES if c.pii)
    assert len(CASES) >= 200 and len(s.languages) >= 8
    assert positives >= 100 and len(CASES) - positives >= 90


def test_redaction_meets_its_targets_on_the_labelled_set():
    s = score()
    print(
        f"\nredaction: {len(CASES)} strings in {len(s.languages)} languages; "
        f"recall {s.recall:.3f} ({s.found}/{s.spans} spans), "
        f"false redactions {s.false_rate:.1%} ({s.false}/{s.ordinary})"
    )
    assert s.recall >= 0.95, [(c.text, span, out) for c, span, out in s.misses]
    assert s.false_rate <= 0.02, [(c.text, out) for c, out in s.false_hits]
