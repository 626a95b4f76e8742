"""The hit rule: does a retrieved passage contain a supporting excerpt?

A retrieved passage hits a supporting passage when it comes from that document and
contains at least half of the excerpt's words in order: the longest common
subsequence of word tokens (case-folded, NFKC-normalised, soft hyphens removed,
punctuation and whitespace ignored) is at least ``ceil(len(excerpt_words) / 2)``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from kb.eval.questions import SupportingPassage

_WORD = re.compile(r"\w+")
# PDF text keeps a soft hyphen (and the line break after it) where a word was
# split; the ingested chunk text has the word whole.
_SOFT_HYPHEN = re.compile("\u00ad\\s*")


def words(text: str) -> tuple[str, ...]:
    """Word tokens, case-folded and NFKC-normalised; punctuation and whitespace dropped."""
    text = _SOFT_HYPHEN.sub("", unicodedata.normalize("NFKC", text))
    return tuple(_WORD.findall(text.casefold()))


_cached_words = lru_cache(maxsize=4096)(words)


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two token sequences."""
    if len(a) > len(b):
        a, b = b, a
    wanted = set(a)
    prev = [0] * (len(a) + 1)
    for token in b:
        if token not in wanted:
            continue  # a token absent from ``a`` leaves the row unchanged
        cur = [0] * (len(a) + 1)
        for j, other in enumerate(a, start=1):
            cur[j] = prev[j - 1] + 1 if token == other else max(prev[j], cur[j - 1])
        prev = cur
    return prev[-1]


def passage_hits(passage_text: str, passage_doc_id: str, support: SupportingPassage) -> bool:
    """True when the passage is from the supporting document and holds at least half
    of the excerpt's words in order (LCS of word tokens >= ceil(n / 2))."""
    if passage_doc_id != support.doc_id:
        return False
    excerpt = _cached_words(support.text)
    if not excerpt:
        return False
    return lcs_length(excerpt, _cached_words(passage_text)) >= math.ceil(len(excerpt) / 2)


def first_hit(
    passages: Iterable[Any], support: Sequence[SupportingPassage]
) -> tuple[int, Any, list[SupportingPassage]] | None:
    """(1-based rank, passage, supporting passages it hits) of the first hit, or None."""
    for rank, passage in enumerate(passages, start=1):
        hit = [s for s in support if passage_hits(passage.text, passage.doc_id, s)]
        if hit:
            return rank, passage, hit
    return None


def first_hit_rank(passages: Iterable[Any], support: Sequence[SupportingPassage]) -> int | None:
    """1-based rank of the first passage hitting any supporting passage, or None."""
    found = first_hit(passages, support)
    return found[0] if found else None


def page_matches(passage: Any, hit: Sequence[SupportingPassage]) -> bool | None:
    """Whether the passage's pages (``page_start``..``page_end`` of its metadata) hold
    the page of a supporting passage it hits; None when none of them has a page."""
    pages = [s.page for s in hit if s.page is not None]
    if not pages:
        return None
    metadata = getattr(passage, "metadata", None) or {}
    try:
        first = int(metadata.get("page_start") or 0)
        last = int(metadata.get("page_end") or first)
    except (TypeError, ValueError):
        return False
    return first > 0 and any(first <= page <= max(first, last) for page in pages)
