"""Catalogue filters compiled for Chroma's ``where`` (the compiler is ``kb.index.filtering``)."""

from __future__ import annotations

from typing import Any

from kb.core.types import Filters
from kb.index.filtering import compile_filters


def where_clause(filters: Filters | None) -> dict[str, Any] | None:
    """Catalogue filters as a Chroma ``where`` (None when there are none)."""
    return compile_filters(filters).where
