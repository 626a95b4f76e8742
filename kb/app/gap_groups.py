"""How a gap (an unanswered or thumbed-down question) is grouped for the Secretariat:
by the filters' countries/topics, else the ones the question names, else those of the
cited documents (the rule is described in ``kb.app.feedback``)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from kb.app.library import NONE
from kb.core.text import fold
from kb.core.types import Answer
from kb.core.vocabulary import DEFAULT_VOCABULARY


def question_topics(question: str, vocabulary: Sequence[str] | None = None) -> list[str]:
    """Vocabulary topics a question names in English ('youth guarantee' -> youth-guarantee).

    Each word of a term matches a word starting with all but its last letter, so
    plurals and adjectives match ('employer services' but not 'employment services').
    """
    folded = fold(question)
    found = []
    for term in vocabulary or DEFAULT_VOCABULARY["topics"]:
        parts = [re.escape(w[: max(4, len(w) - 1)]) + r"\w*" for w in term.split("-")]
        if re.search(r"\b" + r"[\s-]+".join(parts), folded):
            found.append(term)
    return found


def row_groups(row: sqlite3.Row, group_by: str) -> list[str]:
    if group_by == "language":
        return [row["language"] or NONE]
    key = "countries" if group_by == "country" else "topics"
    filters = json.loads(row["filters"])
    for values in (
        as_list(filters.get(key)),
        json.loads(row[f"question_{key}"]),
        json.loads(row[key]),
    ):
        if values:
            return unique(str(v) for v in values)
    return [NONE]


def cited_groups(answer: Answer) -> tuple[list[str], list[str]]:
    """Countries and topics of the cited documents (topics come from the passages)."""
    cited = {c.doc_id for c in answer.citations}
    countries = [c.country for c in answer.citations if c.country]
    topics: list[str] = []
    for passage in answer.passages:
        if passage.doc_id in cited:
            if passage.metadata.get("country"):
                countries.append(str(passage.metadata["country"]))
            topics.extend(as_list(passage.metadata.get("topics")))
    return unique(countries), unique(topics)


def as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list | tuple | set):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


def unique(values: Any) -> list[str]:
    return list(dict.fromkeys(values))


def period_of(when: datetime, period: str) -> str:
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    year, week, _ = when.isocalendar()
    return f"{year:04d}-W{week:02d}"
