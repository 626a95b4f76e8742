"""Text clean-up shared by the loaders: de-hyphenation, whitespace, running headers/footers.

Every step is linear in the number of lines: a 100,000-line file must not take minutes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

SOFT_HYPHEN = "\u00ad"
_WS = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")
_LOWER_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_A-Z]{2,}-[^\W\d_A-Z]{2,}(?=[\s.,;:]|$)")
_HYPHEN_END = re.compile(r"[^\W\d_][-\u2010]\s*$")
_SPACED_HYPHEN_END = re.compile(r"[^\W\d_]\s[-\u2010]\s*$")
_LAST_WORD = re.compile(r"([^\W\d_]+)\s?[-\u2010]?$")
# "3", "- 3 -", "Page 3 of 9", "Seite 3 von 9", "Página 3 de 9", "p. 3/9": page furniture
# even on a single page, where repetition cannot reveal it.
PAGE_NUMBER = re.compile(
    r"^[-\u2013\s]*(?:(?:page|seite|p[áa]gina|pag\.?|sida|side|sivu|strona|str\.?|p\.)\s*)?"
    r"(\d{1,4})(?:\s*(?:of|von|de|sur|di|av|af|/|z|van)\s*\d{1,4})?[-\u2013\s]*$",
    re.IGNORECASE,
)
_PAGE_NUMBER = PAGE_NUMBER


@dataclass
class Line:
    """One visual line of a PDF page."""

    text: str
    size: float = 0.0
    y: float = 0.0
    bold: bool = False


def normalise(text: str) -> str:
    """NFKC (ligatures, odd spaces), no soft hyphens or control characters, single spaces."""
    text = unicodedata.normalize("NFKC", text).replace(SOFT_HYPHEN, "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return _WS.sub(" ", text).strip()


def line_break(raw: str) -> str | None:
    """How a raw line ends: "soft" (soft hyphen), "hyphen" ("Arbeits-"), "spaced" ("Ver -")."""
    tail = raw[-40:].rstrip()
    if tail.endswith(SOFT_HYPHEN):
        return "soft"
    if _HYPHEN_END.search(tail):
        return "hyphen"
    if _SPACED_HYPHEN_END.search(tail):
        return "spaced"
    return None


class Vocabulary:
    """The words of one document, the judge of whether a word broken at a line end is one word.

    Fragments next to a line-end break are not counted: "Unterbre-" / "chung" would
    otherwise make both halves look like words.
    """

    def __init__(self, counts: Counter[str], hyphen_compounds: bool = False) -> None:
        self.counts = counts
        # Does the document write lowercase compounds with a hyphen ("quality-based")?
        # English does, often; German and Swedish close them ("Weiterbildung").
        self.hyphen_compounds = hyphen_compounds
        self.size = sum(counts.values())
        # The document's most frequent short words are its conjunctions and articles
        # ("und", "och", "and"): a hyphen before one of them is a suspended hyphen.
        self.frequent = {w for w, n in counts.most_common(40) if n >= 3 and len(w) <= 4}

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Vocabulary:
        counts: Counter[str] = Counter()
        compounds = 0
        after_break = False
        for raw in lines:
            text = unicodedata.normalize("NFKC", raw.replace(SOFT_HYPHEN, ""))
            words = _WORD.findall(text.lower())
            brk = line_break(raw) is not None
            if words:
                inner = words[1 if after_break else 0 : len(words) - 1 if brk else None]
                counts.update(inner)
                if "-" in text:
                    compounds += len(_LOWER_COMPOUND.findall(text))
                after_break = brk
            elif raw.strip():
                after_break = False
        total = sum(counts.values())
        return cls(counts, compounds >= 3 and compounds >= 0.002 * total)


def decide_break(kind: str, left: str, right_line: str, vocab: Vocabulary) -> str:
    """For a word broken at a line end: "join", "hyphen" (keep it, no space) or "space"."""
    m = _LETTERS.match(right_line)
    if kind == "soft":
        # A soft hyphen always marks a broken word, except where a font draws its word
        # space with that glyph: two words of the document, the second capitalised.
        if m and left and m.group(0)[0].isupper():
            lo, ro = left.lower(), m.group(0).lower()
            if lo + ro not in vocab and vocab.counts[lo] and vocab.counts[ro]:
                return "space"
        return "join"
    if not m or not left:
        return "hyphen" if kind == "hyphen" else "space"
    right = m.group(0)
    lo, ro = left.lower(), right.lower()
    keep = "hyphen" if kind == "hyphen" else "space"
    if lo + ro in vocab:
        return "join"
    if kind == "hyphen" and f"{lo}-{ro}" in vocab:
        return "hyphen"
    if right[0].isupper():
        return keep  # "EU-Jugendgarantie", "Arbeitslosengeld-Antrag"
    rest = right_line[m.end() :].split()
    following = rest[0] if rest else ""
    if vocab.size >= 200:  # enough text to know the document's words
        suspended = ro in vocab.frequent and (
            vocab.counts[lo] > 0 or (len(lo) >= 5 and len(following) >= 8)
        )
    else:
        suspended = len(ro) <= 3 and len(following) >= 8
    if suspended:
        return "space"  # a suspended hyphen: "Aus- und Weiterbildung", "omsorgs- och"
    if kind == "spaced" and vocab.counts[lo] and vocab.counts[ro]:
        return "space"  # "Leistungen - nicht": a dash between two words
    if kind == "hyphen" and vocab.hyphen_compounds and min(vocab.counts[lo], vocab.counts[ro]) >= 2:
        return "hyphen"  # "quality-based" in a document that writes such compounds
    if kind == "hyphen" and len(lo) <= 1:
        return "hyphen"  # "e-services": typesetters do not break after one letter
    return "join"


def join_lines(
    lines: list[str],
    vocab: Vocabulary | None = None,
    counts: Counter[str] | None = None,
    keep_soft_tail: bool = False,
) -> str:
    """Join wrapped lines into one paragraph, undoing end-of-line hyphenation.

    "Langzeit-" + "arbeitslose" -> "Langzeitarbeitslose"; "Aus-" + "und" keeps the
    suspended hyphen ("Aus- und"); "EU-" + "Mittel" keeps the compound hyphen. A soft
    hyphen at a line end always joins. ``vocab`` is the document's vocabulary (by default
    these lines'); ``counts`` collects the repairs made; ``keep_soft_tail`` ends the text
    with a soft hyphen when its last line did (the word goes on on the next page).
    """
    if vocab is None:
        vocab = Vocabulary.from_lines(lines)
    parts: list[str] = []
    pending: str | None = None
    for raw in lines:
        line = normalise(raw)
        if not line:
            continue
        kind = line_break(raw)
        if not parts:
            parts.append(line)
            pending = kind
            continue
        last = parts[-1]
        if pending is None:
            parts.append(" " + line)
        else:
            m = _LAST_WORD.search(last[-80:])
            decision = decide_break(pending, m.group(1) if m else "", line, vocab)
            if counts is not None:
                counts[_COUNT_NAMES[pending, decision]] += 1
            if decision == "join":
                parts[-1] = last.rstrip("-\u2010 ") if pending != "soft" else last
                parts.append(line)
            elif decision == "hyphen":
                parts.append(line)
            else:
                parts.append(" " + line)
        pending = kind
    if keep_soft_tail and pending == "soft" and parts:
        parts.append(SOFT_HYPHEN)
    return "".join(parts)


_COUNT_NAMES = {
    ("soft", "join"): "soft_hyphen_joins",
    ("soft", "space"): "soft_hyphen_spaces",
    ("hyphen", "join"): "hyphen_joins",
    ("spaced", "join"): "hyphen_joins",
    ("hyphen", "hyphen"): "hyphens_kept",
    ("hyphen", "space"): "hyphens_kept",
    ("spaced", "space"): "hyphens_kept",
    ("spaced", "hyphen"): "hyphens_kept",
}


def _line_key(text: str) -> str:
    # Numbers vary in page furniture ("Page 3 of 9"); only short lines are matched
    # with numbers masked, so a body line that differs by a figure is not taken for one.
    text = normalise(text).lower()
    return _DIGITS.sub("#", text) if len(text.split()) <= 5 else text


def _edge_indexes(lines: list[Line], edge: int) -> set[int]:
    """Lines at a page's edges: first/last in reading order and top/bottom on the page."""
    n = len(lines)
    if n <= 2 * edge:
        return set(range(n))
    found = set(range(edge)) | set(range(n - edge, n))
    if any(line.y for line in lines):
        # the lowest and the highest line on the page, page numbers aside
        by_y = sorted(
            (i for i in range(n) if not PAGE_NUMBER.match(lines[i].text.strip())),
            key=lambda i: lines[i].y,
        )
        found |= {by_y[0], by_y[-1]} if by_y else set()
    return found


def running_line_keys(pages: list[list[Line]], edge: int = 2) -> set[str]:
    """Lines near a page's top or bottom that recur on most pages: headers, footers, numbers."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update(
            {_line_key(lines[i].text) for i in _edge_indexes(lines, edge) if lines[i].text.strip()}
        )
    threshold = max(2, math.ceil(0.5 * len(pages)))
    return {key for key, n in counts.items() if n >= threshold}


def find_running_lines(
    pages: list[list[Line]], edge: int = 2, min_run: int = 3
) -> tuple[list[list[Line]], dict[int, str], int]:
    """Drop running headers, footers and page numbers.

    A line at a page edge is running when it recurs on most pages of the document, or on
    ``min_run`` or more pages in a run (at most one page missing between two): a chapter
    header. Returns the cleaned pages, the chapter headers by the 0-based page where their
    run starts (to keep once as a heading), and how many lines were dropped.
    """
    whole = running_line_keys(pages, edge)
    edges = [_edge_indexes(lines, edge) for lines in pages]
    seen: dict[str, list[int]] = {}
    first_text: dict[tuple[str, int], str] = {}
    for number, lines in enumerate(pages):
        for i in edges[number]:
            key = _line_key(lines[i].text)
            if not key or key in whole:
                continue
            if not seen.setdefault(key, []) or seen[key][-1] != number:
                seen[key].append(number)
                first_text.setdefault((key, number), normalise(lines[i].text))
    running: dict[int, set[str]] = {}
    chapters: dict[int, str] = {}
    for key, numbers in seen.items():
        run = [numbers[0]]
        for number in [*numbers[1:], None]:
            if number is not None and number - run[-1] <= 2:
                run.append(number)
                continue
            if len(run) >= min_run:
                for page in run:
                    running.setdefault(page, set()).add(key)
                text = first_text[(key, run[0])]
                if _LETTERS.search(text) and not PAGE_NUMBER.match(text):
                    chapters.setdefault(run[0], text)
            if number is not None:
                run = [number]
    cleaned, dropped = [], 0
    for number, lines in enumerate(pages):
        keys = running.get(number, set()) | whole
        kept = [
            line
            for i, line in enumerate(lines)
            if not (
                i in edges[number]
                and (_line_key(line.text) in keys or PAGE_NUMBER.match(line.text.strip()))
            )
        ]
        dropped += len(lines) - len(kept)
        cleaned.append(kept)
    return cleaned, chapters, dropped


def drop_running_lines(pages: list[list[Line]], edge: int = 2) -> list[list[Line]]:
    return find_running_lines(pages, edge)[0]
