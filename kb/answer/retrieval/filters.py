"""Catalogue filters compiled for Chroma's ``where``."""

from __future__ import annotations

from typing import Any

from kb.core.types import Filters


def where_clause(filters: Filters | None) -> dict[str, Any] | None:
    """Catalogue filters as a Chroma ``where`` (None when there are none)."""
    if filters is None:
        return None
    parts: list[dict[str, Any]] = []
    for key, values in (
        ("country", filters.countries),
        ("practice_type", filters.practice_types),
        ("doc_id", filters.doc_ids),
        ("language", filters.languages),
    ):
        if values:
            parts.append({key: {"$in": list(values)}})
    for key, values in (("topics", filters.topics), ("target_groups", filters.target_groups)):
        if values:
            any_of = [{key: {"$contains": v}} for v in values]
            parts.append(any_of[0] if len(any_of) == 1 else {"$or": any_of})
    if filters.year_from is not None:
        parts.append({"year": {"$gte": filters.year_from}})
    if filters.year_to is not None:
        parts.append({"year": {"$lte": filters.year_to}})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}
