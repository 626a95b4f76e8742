"""The shape of a statement, judged without the corpus: whether a sentence reads as prose
(ends like a statement, is long enough, is not a caption, heading, table row or reference),
how a passage splits into sentences, and whether a passage is only navigation.

Retrieval uses ``is_navigation`` to tell content from navigation (a table of contents, an
index, a list of links); the extractive generator uses the sentence checks to choose what
it may quote. Structural checks only: no phrase of any document is listed.
"""

from __future__ import annotations

import re

from kb.core.text import fold, sentences, words

MIN_WORDS = 6
_FINAL = re.compile(r"[.!?…](?:[\"'»”’)\]]*)$")
_OPEN_LOWER = re.compile(r"^[\"'«„“(]*[a-zà-öø-ÿ]")
# A figure, table, chart or source label followed by a number or colon, in the
# network's languages: captions and source lines, not statements.
_CAPTION = re.compile(
    r"^\W*(fig(ure|ura|uur)?|tab(le|leau|la|ela|ella|elle|el|ell)?|abb(ildung)?|grafi[ck]o?|"
    r"graph(ique)?|chart|diagram(me|m|a)?|schaubild|afbeelding|bild|figur|rysunek|wykres|"
    r"tabela|źródło|source|quelle|fuente|fonte|bron|källa|box|encadré|kasten)\b\.?\s*"
    r"(\d|[ivx]+\b|[:.–-])",
    re.IGNORECASE,
)
_NOT_PROSE = re.compile(
    r"^\s*(#|\||\[\^|!\[)|©|\bISBN\b|\bISSN\b|\bDOI\b"
    r"|^[^.]{0,80}\((19|20)\d\d[a-z]?\)[,.:]",  # a reference: "Author (2006), title"
    re.IGNORECASE,
)


_ORDINAL_END = re.compile(r"(^|[^\d.,])\d{1,2}\.$")
_CLAUSE_END = re.compile(r"[.!?…;:,](?:[\"'»”’)\]]*)$")
_LIST_ITEM = re.compile(r"^([-*•–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+\S")
# A page or section number ("Datenschutz 84", "Erste Zahlung | 9.3", "Erreichbarkeit 18 f"),
# or a link, closing a line.
_REFERENCE_END = re.compile(r"(\d+(\.\d+)*\s*(ff?\.?)?|www\.\S+|https?://\S+)$", re.IGNORECASE)


def fingerprint(sentence: str) -> str:
    """A sentence's words, case- and accent-folded: equal for the same sentence anywhere."""
    return " ".join(words(fold(sentence)))


def ends_sentence(text: str) -> bool:
    return bool(_FINAL.search(text.rstrip()))


def join_broken_lines(text: str) -> str:
    """A line that does not end a sentence, followed by one that starts in lower case,
    is one sentence broken by a page or column break: join them."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if (
            out
            and out[-1].strip()
            and not ends_sentence(out[-1])
            and _OPEN_LOWER.match(line.strip())
        ):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def ends_with_ordinal(text: str) -> bool:
    """Whether ``text`` ends with a number of one or two digits and a full stop: in most of
    the network's languages an ordinal ("am 1. Mai", "30. dubna", "§ 3. Absatz"), rarely
    the end of a statement."""
    return bool(_ORDINAL_END.search(text.rstrip()))


def _rejoin(parts: list[str]) -> list[str]:
    """A split after an abbreviation or before a figure ("z. B. 3", "fr.o.m. 2023") left
    a piece that starts in lower case or with a digit, and a split after an ordinal ("der
    1. Mai") a piece after a number: each belongs to the sentence before."""
    out: list[str] = []
    for part in parts:
        if out and (part[:1].isdigit() or _OPEN_LOWER.match(part) or ends_with_ordinal(out[-1])):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def split_sentences(text: str) -> list[str]:
    """The passage's sentences, with sentences broken across lines joined again."""
    joined = join_broken_lines(text)
    return [s for block in joined.split("\n") for s in _rejoin(sentences(block))]


def looks_like_prose(sentence: str, title: str = "") -> bool:
    """Shape checks that need no corpus: a statement ends like one, is long enough, is not a
    caption, a heading in title case, the document's title, a table row or a copyright line."""
    s = sentence.strip()
    tokens = words(s)
    if len(tokens) < MIN_WORDS or not ends_sentence(s) or _OPEN_LOWER.match(s):
        return False
    if _CAPTION.match(s) or _NOT_PROSE.search(s):
        return False
    lettered = [w for w in tokens if w[0].isalpha()]
    if lettered and sum(w[0].isupper() for w in lettered) / len(lettered) > 0.7:
        return False  # headings, bylines, name lists
    if sum(ch.isdigit() for ch in s) > 0.3 * len(s):
        return False  # figures of a table
    folded, folded_title = fingerprint(s), fingerprint(title)
    return not (folded_title and (folded in folded_title or folded_title == folded))


def is_navigation(text: str) -> bool:
    """Whether ``text`` says nothing and only points or names: a table of contents, an
    index, a page of headings, a list of links, a cover. Nothing in it is a statement or a
    clause (four words or more ending in punctuation), nor a list item of four words or
    more that does not end with a page or section reference. An enumeration in a law, a
    list of competences or a bulleted list of conditions is content."""
    for sentence in split_sentences(text):
        s = sentence.strip()
        if len(words(s)) >= 4 and _CLAUSE_END.search(s) and not _mostly_figures(s):
            return False
    for line in text.split("\n"):
        item = line.strip()
        if _LIST_ITEM.match(item) and len(words(item)) >= 4 and not _REFERENCE_END.search(item):
            return False
    return True


def _mostly_figures(sentence: str) -> bool:
    return sum(ch.isdigit() for ch in sentence) > 0.3 * len(sentence)
