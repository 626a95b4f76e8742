"""Text clean-up shared by the loaders: de-hyphenation, whitespace, running headers/footers."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_SUSPENDED_HYPHEN_NEXT = {"und", "oder", "bzw", "and", "or", "et", "ou", "y", "o", "e", "en", "och"}
_WS = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
# "3", "- 3 -", "Page 3 of 9", "Seite 3 von 9", "Página 3 de 9", "p. 3/9": page furniture
# even on a single page, where repetition cannot reveal it.
_PAGE_NUMBER = re.compile(
    r"^[-\u2013\s]*(?:(?:page|seite|p[áa]gina|pag\.?|sida|side|sivu|strona|str\.?|p\.)\s*)?"
    r"\d{1,4}(?:\s*(?:of|von|de|sur|di|av|af|/|z|van)\s*\d{1,4})?[-\u2013\s]*$",
    re.IGNORECASE,
)


@dataclass
class Line:
    """One visual line of a PDF page."""

    text: str
    size: float = 0.0
    y: float = 0.0


def normalise(text: str) -> str:
    """NFKC (ligatures, odd spaces), no soft hyphens or control characters, single spaces."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return _WS.sub(" ", text).strip()


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one paragraph, undoing end-of-line hyphenation.

    "Langzeit-" + "arbeitslose" -> "Langzeitarbeitslose"; "Aus-" + "und" keeps the
    suspended hyphen ("Aus- und"); "EU-" + "Mittel" keeps the compound hyphen.
    """
    out = ""
    for raw in lines:
        line = normalise(raw)
        if not line:
            continue
        if not out:
            out = line
            continue
        first_word = line.split(" ", 1)[0].strip(",.;:").lower()
        if re.search(r"\w-$", out) and first_word not in _SUSPENDED_HYPHEN_NEXT:
            out = out[:-1] + line if line[0].islower() else out + line
        else:
            out = f"{out} {line}"
    return out


def _line_key(text: str) -> str:
    # Numbers vary in page furniture ("Page 3 of 9"); only short lines are matched
    # with numbers masked, so a body line that differs by a figure is not taken for one.
    text = normalise(text).lower()
    return _DIGITS.sub("#", text) if len(text.split()) <= 5 else text


def running_line_keys(pages: list[list[Line]], edge: int = 2) -> set[str]:
    """Lines near a page's top or bottom that recur on most pages: headers, footers, numbers."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        candidates = lines[:edge] + lines[-edge:] if len(lines) > 2 * edge else lines
        counts.update({_line_key(line.text) for line in candidates if line.text.strip()})
    threshold = max(2, math.ceil(0.5 * len(pages)))
    return {key for key, n in counts.items() if n >= threshold}


def drop_running_lines(pages: list[list[Line]], edge: int = 2) -> list[list[Line]]:
    keys = running_line_keys(pages, edge)

    def furniture(line: Line) -> bool:
        return _line_key(line.text) in keys or bool(_PAGE_NUMBER.match(line.text.strip()))

    cleaned = []
    for lines in pages:
        n = len(lines)
        cleaned.append(
            [
                line
                for i, line in enumerate(lines)
                if not ((i < edge or i >= n - edge) and furniture(line))
            ]
        )
    return cleaned
