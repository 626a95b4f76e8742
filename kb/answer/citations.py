"""Citation markers are data: parse, validate, check support, renumber. Pure functions."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from kb.answer.injection import looks_like_instruction
from kb.core.text import anchors, sentences, terms
from kb.core.types import Citation, Passage

log = logging.getLogger(__name__)
_MARKER = re.compile(r"([ \t]*)\[(\s*[^\[\]]{1,20}?\s*)\]")
_NUMBER_LIST = re.compile(r"^\d+(\s*[,;]\s*\d+)*$")


@dataclass
class Markers:
    text: str  # markers normalised to [n], invalid ones removed
    used: list[int]  # passage numbers cited, in order of first use
    removed: list[str]  # markers that pointed to no passage


def parse_markers(text: str, n_passages: int) -> Markers:
    """Keep ``[n]`` markers that point to a passage 1..n_passages; drop and log the rest.

    ``[1, 3]`` becomes ``[1][3]``; ``[0]``, ``[7]`` (with 5 passages) and ``[a]`` are removed.
    Bracketed text that is not a number list (e.g. "[sic]") is left alone.
    """
    used: list[int] = []
    removed: list[str] = []

    def replace(match: re.Match[str]) -> str:
        space, inner = match.group(1), match.group(2).strip()
        if not _NUMBER_LIST.match(inner):
            if re.fullmatch(r"[\w\s,;-]{1,8}", inner) and any(ch.isdigit() for ch in inner):
                removed.append(match.group(0).strip())
                return ""
            return match.group(0)
        kept = []
        for part in re.split(r"\s*[,;]\s*", inner):
            n = int(part)
            if 1 <= n <= n_passages:
                kept.append(n)
                if n not in used:
                    used.append(n)
            else:
                removed.append(f"[{n}]")
        return space + "".join(f"[{n}]" for n in kept) if kept else ""

    cleaned = _MARKER.sub(replace, text).strip()
    if removed:
        log.warning("removed citation markers that point to no passage: %s", ", ".join(removed))
    return Markers(cleaned, used, removed)


def lexical_support(sentence: str, passage: str, language: str | None) -> float:
    """Share of the sentence's content terms found in the passage (0..1)."""
    claim = set(terms(_strip_markers(sentence), language))
    if not claim:
        return 1.0
    return len(claim & set(terms(passage, language))) / len(claim)


def _strip_markers(text: str) -> str:
    return re.sub(r"\[\d+\]", "", text)


def is_quote(sentence: str, passage: str) -> bool:
    """The sentence is in the passage word for word, or starts with the passage's last
    words and goes on (a sentence the passage ends in the middle of, finished from the
    document's next chunk)."""
    claim = " ".join(_strip_markers(sentence).split()).lower()
    text = " ".join(passage.split()).lower()
    if not claim:
        return False
    if claim in text:
        return True
    for cut in range(len(claim) - 1, max(len(claim) // 3, 30) - 1, -1):
        if text.endswith(claim[:cut]):
            return True
    return False


SupportCheck = Callable[[str, Passage], bool]


def default_support_check(answer_language: str) -> SupportCheck:
    def check(sentence: str, passage: Passage) -> bool:
        if is_quote(sentence, passage.text):
            return True  # a verbatim quote supports itself
        language = passage.language if passage.language == answer_language else answer_language
        if passage.language == answer_language:
            return lexical_support(sentence, f"{passage.title}\n{passage.text}", language) >= 0.5
        # Across languages words rarely match; names and numbers still must.
        claim = set(anchors(_strip_markers(sentence)))
        found = set(anchors(f"{passage.title}. {passage.text}"))
        return not claim or len(claim & found) / len(claim) >= 0.5

    return check


_CLAIM = re.compile(r"([^\[\]\n]*?)((?:\s*\[\d+\])+)")


_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def _last_sentence(segment: str) -> str:
    """The claim a marker closes: its whole bullet in a list, else the last sentence."""
    if _BULLET.match(segment):
        return _BULLET.sub("", segment).strip()
    parts = sentences(segment.strip())
    return parts[-1] if parts else segment.strip()


def claims(text: str) -> list[tuple[str, list[int]]]:
    """Each run of markers with the claim it closes: the last sentence before it."""
    return [
        (_last_sentence(m.group(1)), [int(n) for n in re.findall(r"\d+", m.group(2))])
        for m in _CLAIM.finditer(text)
    ]


def drop_unsupported(
    text: str, passages: list[Passage], check: SupportCheck
) -> tuple[str, set[int]]:
    """Remove markers whose claim the cited passage does not support; return the flagged."""
    flagged: set[int] = set()

    def keep(match: re.Match[str]) -> str:
        claim = _last_sentence(match.group(1))
        kept = []
        for n in map(int, re.findall(r"\d+", match.group(2))):
            if check(claim, passages[n - 1]):
                kept.append(f"[{n}]")
            else:
                flagged.add(n)
        return match.group(1).rstrip() + (" " + "".join(kept) if kept else "")

    return _CLAIM.sub(keep, text), flagged


def best_quote(sentence_pool: list[str], claim: str, language: str | None) -> str:
    if not sentence_pool:
        return ""
    return max(sentence_pool, key=lambda s: lexical_support(claim, s, language))


def build_citations(
    text: str, passages: list[Passage], language: str, check: SupportCheck | None = None
) -> tuple[str, list[Citation], list[Citation], list[str]]:
    """Validate an answer's markers against its passages.

    Returns the text with markers renumbered 1..m in order of first use, the
    supported citations, the flagged (unsupported) ones and the removed markers.
    """
    markers = parse_markers(text, len(passages))
    check = check or default_support_check(language)
    checked, flagged = drop_unsupported(markers.text, passages, check)
    final = parse_markers(checked, len(passages))
    renumber = {old: new for new, old in enumerate(final.used, start=1)}
    renumbered = re.sub(r"\[(\d+)\]", lambda m: f"[{renumber[int(m.group(1))]}]", final.text)
    claims = _claims_by_marker(renumbered)
    citations = [
        _citation(new, passages[old - 1], claims.get(new, ""), language)
        for old, new in renumber.items()
    ]
    unsupported = [
        _citation(0, passages[n - 1], "", language, supported=False)
        for n in sorted(flagged)
        if n not in renumber
    ]
    return renumbered, citations, unsupported, markers.removed


_BULLET_CLAIM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+(.*?)((?:\s*\[\d+\])+)\s*$", re.MULTILINE)


def _claims_by_marker(text: str) -> dict[int, str]:
    """The claim of each marker; a bullet ending in markers is one claim, brackets and all."""
    by_marker: dict[int, str] = {}
    for match in _BULLET_CLAIM.finditer(text):
        for n in re.findall(r"\d+", match.group(2)):
            by_marker.setdefault(int(n), match.group(1).strip())
    for claim, numbers in claims(text):
        for n in numbers:
            by_marker.setdefault(n, claim)
    return by_marker


def _citation(n: int, p: Passage, claim: str, language: str, supported: bool = True) -> Citation:
    candidates = [s for s in sentences(p.text) if not looks_like_instruction(s)]
    if claim and is_quote(claim, p.text) and not looks_like_instruction(claim):
        quote = " ".join(_strip_markers(claim).split())  # the answer quotes it whole
    else:
        quote = best_quote(candidates, claim, p.language or language) if claim else ""
    path = str(p.metadata.get("path", p.doc_id))
    return Citation(
        n=n,
        doc_id=p.doc_id,
        title=p.title,
        page=p.page,
        passage=p.text,
        quote=quote,
        score=round(p.score, 4),
        path=path,
        link=f"{path}#page={p.page}" if p.page else path,
        country=p.metadata.get("country"),
        year=p.metadata.get("year"),
        supported=supported,
        page_label=str(p.metadata.get("page_label") or ""),
        ocr=bool(p.metadata.get("ocr", False)),
    )
