"""Fusing ranked lists, and choosing the passages to show: spread over documents."""

from __future__ import annotations

from functools import lru_cache

from kb.core.prose import is_navigation
from kb.core.settings import RetrievalSettings
from kb.core.types import Passage


def fuse(
    lists: list[tuple[float, list[Passage]]],
    policy: RetrievalSettings,
    boosted_docs: set[str] = frozenset(),
    boosted_countries: tuple[str, ...] = (),
) -> list[Passage]:
    """Weighted reciprocal-rank fusion; passages of the documents or countries the question
    names get one extra first-rank vote, and opening blocks rank below content."""
    rrf_k = policy.rrf_k
    merged: dict[str, Passage] = {}
    for weight, ranked in lists:
        for rank, passage in enumerate(ranked, start=1):
            kept = merged.setdefault(passage.chunk_id, passage)
            if kept is not passage:
                kept.dense = max(kept.dense, passage.dense)
                kept.lexical = max(kept.lexical, passage.lexical)
            kept.score += weight / (rrf_k + rank)
    for passage in merged.values():
        if boosted_countries and passage.metadata.get("country") in boosted_countries:
            passage.score += 1.0 / (rrf_k + 1)
        if passage.doc_id in boosted_docs:
            passage.score += 1.0 / (rrf_k + 1)
        passage.score *= substance(passage, policy)
    return sorted(merged.values(), key=lambda p: -p.score)


def diversify(ranked: list[Passage], k: int, cap: int) -> list[Passage]:
    """Best first, at most ``cap`` passages per document; fewer documents than ``k``:
    filled up with further passages in rank order."""
    chosen: list[Passage] = []
    per_doc: dict[str, int] = {}
    for passage in ranked:
        if per_doc.get(passage.doc_id, 0) < cap:
            chosen.append(passage)
            per_doc[passage.doc_id] = per_doc.get(passage.doc_id, 0) + 1
        if len(chosen) == k:
            return chosen
    for passage in ranked:
        if len(chosen) == k:
            break
        if passage not in chosen:
            chosen.append(passage)
    return chosen


def substance(passage: Passage, policy: RetrievalSettings) -> float:
    """A document's opening block (title page, byline, disclaimer) and very short chunks
    borrow their similarity from the document title embedded with them; they rank and
    support less than passages with content. A short paragraph inside a document is
    content. A table of contents, an index or a list of links borrows its similarity from
    the topic words it lists and can be quoted as nothing: it weighs what the shortest
    opening block does."""
    if _navigation(passage.text):
        return policy.opening_floor
    if passage.metadata.get("chunk_index") != 0 and len(passage.text) >= policy.short_chunk_chars:
        return 1.0
    return min(1.0, policy.opening_floor + len(passage.text) / policy.opening_scale)


@lru_cache(maxsize=16384)
def _navigation(text: str) -> bool:
    # Cached by text: every question judges a hundred or so candidates, mostly the same.
    return is_navigation(text)
