"""Repairs of typeset-PDF text before it is cleaned: glyph names, ligatures, print marks.

pypdf writes a glyph's name when a font maps it to no character ("m./f_l." for "m.fl."),
typesetters leave production lines on the page ("<job>.indd 1 10.02.2015 13:20:58"), and
ligature characters (U+FB01 "ﬁ") stand for two or three letters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

# A glyph name written into the text: "/f_l", "/f_f_i", "/uniFB01", "/u1F600".
_GLYPH_NAME = re.compile(
    r"/((?:[A-Za-z]+(?:_[A-Za-z]+)+)(?![A-Za-z0-9_])|uni(?:[0-9A-F]{4})+|u[0-9A-F]{4,6}(?![\w]))"
)
# A symbol font's glyph at a line start, e.g. a bullet "/square6" or ZapfDingbats "/a20".
_SYMBOL_GLYPH = re.compile(r"^(\s*)/[A-Za-z]+\d+(?=\s|$)")
_LIGATURES = re.compile("[\ufb00-\ufb06]")
# Print-production lines: layout file names and crop-mark time stamps.
_LAYOUT_FILE = re.compile(r"\S\.(?:indd|qxd|qxp|p65|pm\d)\b", re.IGNORECASE)
_TIMESTAMP = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2}:\d{2}\b")


@lru_cache(maxsize=4096)
def _glyph_chars(name: str) -> str:
    from fontTools import agl

    parts = name.split("_")
    chars = [agl.toUnicode(part) for part in parts]
    return "".join(chars) if all(chars) else ""


def fix_glyphs(text: str, counts: Counter[str] | None = None) -> str:
    """Glyph names to their letters; ligature characters are counted (NFKC splits them)."""
    if "/" in text:

        def letters(m: re.Match[str]) -> str:
            chars = _glyph_chars(m.group(1))
            if not chars:
                return m.group(0)
            if counts is not None:
                counts["glyph_names"] += 1
            return chars

        text = _GLYPH_NAME.sub(letters, text)
        if _SYMBOL_GLYPH.match(text):
            if counts is not None:
                counts["glyph_names"] += 1
            text = _SYMBOL_GLYPH.sub(r"\1•", text)
    if counts is not None and _LIGATURES.search(text):
        counts["ligatures"] += len(_LIGATURES.findall(text))
    return text


def is_print_mark(text: str) -> bool:
    """A line from print production, not from the document: layout file, crop-mark stamp."""
    text = text.strip()
    if len(text) > 120:
        return False
    if _LAYOUT_FILE.search(text):
        return True
    stamp = _TIMESTAMP.search(text)
    return bool(stamp) and len(text) - len(stamp.group(0)) < 25


def glyph_leaks(text: str) -> int:
    """Glyph names and ligature characters left in a text (for tests and benchmarks)."""
    names = sum(1 for m in _GLYPH_NAME.finditer(text) if _glyph_chars(m.group(1)))
    symbols = sum(1 for line in text.splitlines() if _SYMBOL_GLYPH.match(line))
    return names + symbols + len(_LIGATURES.findall(text))


_INLINE_SOFT = re.compile(r"\u00ad+(?=\S)")
_WORDS = re.compile(r"[^\W\d_]+")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")
_WORD_AFTER = re.compile(r"[^\W\d_]+")


def inline_soft_hyphens(texts: list[str], counts: Counter[str] | None = None) -> list[str]:
    """Soft hyphens inside a line: some fonts draw their word space with that glyph
    ("der\\u00adberuflichen\\u00adEignung", "2.4\\u00ad\\u00adPflichten"). One between two
    halves of a word the document uses elsewhere is dropped; any other becomes a space."""
    if not any("\u00ad" in t for t in texts):
        return texts
    words = Counter(w.lower() for t in texts for w in _WORDS.findall(t.replace("\u00ad", " ")))

    def fix(text: str) -> str:
        if "\u00ad" not in text:
            return text
        out, pos = [], 0
        for m in _INLINE_SOFT.finditer(text):
            before = _WORD_BEFORE.search(text, 0, m.start())
            after = _WORD_AFTER.match(text, m.end())
            joined = (before.group(1) + after.group(0)).lower() if before and after else ""
            out.append(text[pos : m.start()])
            if not (len(m.group(0)) == 1 and joined and words[joined]):
                out.append(" ")
                if counts is not None:
                    counts["soft_hyphen_spaces"] += 1
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)

    return [fix(t) for t in texts]


_ODD = ("Sk", "So", "Co", "Cn")  # modifier and other symbols, private use, unassigned
_CASE_SWITCH = re.compile(r"[^\W\d_A-Z][A-Z]")  # a lowercase letter followed by a capital


def _garbled(token: str) -> bool:
    """A token from a font without a usable character map: capitals scattered inside
    the word ("AbcDefGhiJ"), or symbols among its letters."""
    if len(_CASE_SWITCH.findall(token)) >= 2:
        return True
    letters = sum(ch.isalpha() for ch in token)
    odd = sum(unicodedata.category(ch) in _ODD or ch == "\ufffd" for ch in token)
    return letters >= 2 and odd >= 1


def garbled_share(text: str) -> float:
    """The share of a text's characters (in tokens of 3+ characters) that are in garbled
    tokens: a measure of a broken text layer, whatever the language."""
    total = bad = 0
    for token in text.split():
        if len(token) < 3:
            continue
        total += len(token)
        if _garbled(token):
            bad += len(token)
    return bad / total if total else 0.0
