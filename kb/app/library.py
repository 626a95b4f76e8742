"""The document library as table rows: catalogue listing, search, coverage. Pure functions.

Everything works on the records ``KnowledgeStore.documents()`` returns (``doc_id ->
DocRecord``), so the Streamlit pages read the manifest once and call these on the
result; tests build ``DocRecord`` objects by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pycountry

from kb.core.text import fold
from kb.core.types import Filters
from kb.index.store import DocRecord

NONE = "(none)"  # the group of documents that lack a value
ROW_KEYS = (
    "doc_id",
    "title",
    "country",
    "year",
    "language",
    "topics",
    "target_groups",
    "practice_type",
    "organisation",
    "chunks",
    "page_count",
    "ingested_at",
    "path",
    "status",
)
COVERAGE_KEYS = ("country", "year", "topic", "language", "target_group", "practice_type")


def _country_names() -> dict[str, str]:
    names = {c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries}
    names.update({"EU": "European Union", "INT": "International", "XK": "Kosovo"})
    return names


COUNTRY_NAMES: dict[str, str] = _country_names()


def country_label(code: str | None) -> str:
    """'FR' -> 'France', 'EU' -> 'European Union', 'INT' -> 'International'.

    Unknown codes come back unchanged; a missing one is ``"(none)"``.
    """
    if not code or code == NONE:
        return NONE
    return COUNTRY_NAMES.get(code.upper(), code)


def catalogue_rows(records: Mapping[str, DocRecord]) -> list[dict[str, Any]]:
    """One row per document (keys ``ROW_KEYS``), sorted by title then doc_id."""
    rows = [_row(doc_id, rec) for doc_id, rec in records.items()]
    return sorted(rows, key=lambda r: (fold(r["title"]), r["doc_id"]))


def _row(doc_id: str, rec: DocRecord) -> dict[str, Any]:
    md = rec.metadata
    return {
        "doc_id": doc_id,
        "title": str(md.get("title") or doc_id),
        "country": _text(md.get("country"), upper=True),
        "year": _int(md.get("year")),
        "language": _text(md.get("language")),
        "topics": _terms(md.get("topics")),
        "target_groups": _terms(md.get("target_groups")),
        "practice_type": _text(md.get("practice_type")),
        "organisation": _text(md.get("organisation")),
        "chunks": int(rec.chunk_count or 0),
        "page_count": _int(md.get("page_count")),
        "ingested_at": rec.ingested_at or None,
        "path": str(md.get("path") or rec.path),
        "status": rec.status,
    }


def _text(value: Any, upper: bool = False) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    return text.upper() if upper else text


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _terms(value: Any) -> list[str]:
    """Chroma keeps lists; older or hand-made records may hold 'a, b' strings."""
    if value is None:
        return []
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, Iterable):
        items = value
    else:
        items = [value]
    return [str(v).strip() for v in items if str(v).strip()]


def search_rows(
    rows: Sequence[dict[str, Any]], text: str = "", filters: Filters | None = None
) -> list[dict[str, Any]]:
    """The rows matching every word of ``text`` and the ``filters``, in their order.

    Text search ignores case and diacritics ('osterreich' finds 'Österreich') and looks
    in title, organisation, doc_id and topics ('youth guarantee' finds the topic
    'youth-guarantee'). Filters work as in retrieval: lists are any-of, topics and
    target groups match when any listed value is wanted, and with a year range a
    document without a year is left out.
    """
    needles = fold(text).split()
    return [
        row
        for row in rows
        if all(n in _haystack(row) for n in needles) and _passes(row, filters or Filters())
    ]


def _haystack(row: dict[str, Any]) -> str:
    topics = " ".join(row.get("topics") or [])
    parts = [row.get("title"), row.get("organisation"), row.get("doc_id"), topics]
    parts.append(topics.replace("-", " "))
    return fold(" ".join(str(p) for p in parts if p))


def merge_matches(
    rows: Sequence[dict[str, Any]],
    by_metadata: Sequence[dict[str, Any]],
    by_content: Sequence[Any],
) -> list[dict[str, Any]]:
    """One list of a library search's documents, each once, with a ``match`` column.

    ``by_metadata`` are the rows ``search_rows`` found (title, organisation, topics),
    ``by_content`` the documents the retrieval found (objects with a ``doc_id``, best
    first). Documents found both ways come first, then those found by content, in the
    retrieval's order, then those found only by their metadata.
    """
    index = {r["doc_id"]: r for r in rows}
    meta = {r["doc_id"] for r in by_metadata}
    content = [m.doc_id for m in by_content if m.doc_id in index]
    both = [d for d in content if d in meta]
    order = both + [d for d in content if d not in meta]
    order += [r["doc_id"] for r in by_metadata if r["doc_id"] not in set(content)]
    labels = {d: "title and text" if d in meta and d in content else "text" for d in content}
    return [index[d] | {"match": labels.get(d, "title or topics")} for d in order]


def excerpt(text: str, limit: int = 320) -> str:
    """The passage's start, cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def _passes(row: dict[str, Any], f: Filters) -> bool:
    def any_of(value: Any, wanted: list[str], norm: Any = str) -> bool:
        return not wanted or (value is not None and norm(value) in {norm(w) for w in wanted})

    if not (
        any_of(row.get("country"), f.countries, str.upper)
        and any_of(row.get("language"), f.languages, str.lower)
        and any_of(row.get("practice_type"), f.practice_types)
        and any_of(row.get("doc_id"), f.doc_ids)
    ):
        return False
    for key, wanted in (("topics", f.topics), ("target_groups", f.target_groups)):
        if wanted and not set(wanted) & set(row.get(key) or []):
            return False
    if f.year_from is not None or f.year_to is not None:
        year = row.get("year")
        if year is None:
            return False
        if f.year_from is not None and year < f.year_from:
            return False
        if f.year_to is not None and year > f.year_to:
            return False
    return True


def coverage(
    rows: Sequence[dict[str, Any]],
    vocabulary: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, dict[str, int]]:
    """Number of documents per value of each of ``COVERAGE_KEYS``.

    Keys: "country", "year", "topic", "language", "target_group", "practice_type".
    A document counts once for each topic and target group it lists, so those columns
    may add up to more than the number of documents. Documents without a value count
    under ``"(none)"``. Years are strings ('2023'). With ``vocabulary`` (e.g.
    ``kb.core.vocabulary.DEFAULT_VOCABULARY``) the unused terms appear with 0, which shows
    the gaps. Values are sorted (years ascending), ``"(none)"`` last.
    """
    counts: dict[str, Counter[str]] = {key: Counter() for key in COVERAGE_KEYS}
    for row in rows:
        counts["country"][row.get("country") or NONE] += 1
        year = row.get("year")
        counts["year"][str(year) if year is not None else NONE] += 1
        counts["language"][row.get("language") or NONE] += 1
        counts["practice_type"][row.get("practice_type") or NONE] += 1
        for key, field in (("topic", "topics"), ("target_group", "target_groups")):
            for value in set(row.get(field) or []) or {NONE}:
                counts[key][value] += 1
    if vocabulary:
        for key, vocab_key in (
            ("topic", "topics"),
            ("target_group", "target_groups"),
            ("practice_type", "practice_type"),
        ):
            for term in vocabulary.get(vocab_key, []):
                counts[key].setdefault(term, 0)
    return {key: _sorted(counter) for key, counter in counts.items()}


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (kv[0] == NONE, kv[0])))
