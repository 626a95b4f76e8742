"""The questions, the canary document and question, latency figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from common import REPO_ROOT, pct

QUESTIONS_FILE = REPO_ROOT / "corpus" / "eval" / "questions.jsonl"
CANARY_ID = "canary"
CANARY_PATH = "samples/zz_loadtest_kestrelmoor_2025.md"
CANARY_DOC_ID = CANARY_PATH.rsplit(".", 1)[0]
# Found with the document, refused without it. (Some other phrasings about the made-up
# programme, e.g. "how many jobseekers took part ... and how long does its mentoring
# last?", were answered from unrelated documents by the initial index.)
CANARY_QUESTION = "How many people took part in the Kestrelmoor Skills Relay?"
CANARY_DOC = """\
# Kestrelmoor Skills Relay: retired tradespeople mentor jobseekers

*Kestrelmoor Employment Office (fictional) - practice example, 2025*

> Illustrative sample written for the PES knowledge-base load test; not an official
> document. The programme, the town of Kestrelmoor and all figures are invented.

## The programme

The Kestrelmoor Skills Relay is a made-up pilot of the Kestrelmoor Employment Office.
It pairs each participating jobseeker with a retired tradesperson, who acts as a skills
mentor. The mentoring lasts twelve weeks and takes place in the workshop of a partner
company, one afternoon a week.

## Results

In its first year, 412 jobseekers took part in the Kestrelmoor Skills Relay. Six months
after the end of the mentoring, 57 percent of them were in paid work, most of them in
construction, maintenance and logistics.
"""
CANARY_SHARE = 0.1  # share of questions that are the canary question
MONITOR_S = 0.02


def latency_stats(values: list[float]) -> dict[str, Any]:
    """n, p50/p95/p99 and max of latencies in ms."""
    return {
        "n": len(values),
        "p50": pct(values, 50, 1),
        "p95": pct(values, 95, 1),
        "p99": pct(values, 99, 1),
        "max": round(max(values), 1) if values else None,
    }


def load_questions(path: Path = QUESTIONS_FILE) -> list[dict[str, Any]]:
    """The eval questions plus the canary question (id ``canary``)."""
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            questions.append(
                {"id": q["id"], "question": q["question"], "answerable": bool(q["answerable"])}
            )
    questions.append({"id": CANARY_ID, "question": CANARY_QUESTION, "answerable": True})
    return questions
