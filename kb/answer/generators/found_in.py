"""The first line of an extractive answer, in the question's language: what was found.

"3 documents from AT, DE and FR; quoted in German and French." The wording of each
language is in ``kb.answer.generators.phrases``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.answer.generators.phrases import PHRASES, language_name, wording_language


def _frame(language: str) -> dict[str, str]:
    return PHRASES[wording_language(language) or "en"]


def enumerate_items(items: Sequence[str], language: str) -> str:
    """The items as "A", "A and B" or "A, B and C", with the language's "and"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_frame(language)['and']} {items[-1]}"


def found_in_line(
    documents: int, countries: Sequence[str], languages: Sequence[str], language: str
) -> str:
    """The first line: how many documents, from which countries, quoted in which languages."""
    frame = _frame(language)
    names = [language_name(code, language) for code in dict.fromkeys(languages)]
    text = frame["one" if documents == 1 else "many"]
    return text.format(
        n=documents,
        countries=enumerate_items(list(dict.fromkeys(countries)) or ["?"], language),
        languages=enumerate_items(names, language),
    )


def _pattern(language: str) -> re.Pattern[str]:
    frame = _frame(language)
    parts = []
    for key in ("one", "many"):
        pieces = re.split(r"(\{\w+\})", frame[key])
        parts.append("".join(".+?" if p.startswith("{") else re.escape(p) for p in pieces if p))
    return re.compile(r"^(?:" + "|".join(parts) + r")$")


def opens_with_found_in(text: str, language: str) -> bool:
    """Whether an answer's first line is the found-in line of ``language`` (never for a
    language without its own wording: an English line does not answer a Czech question)."""
    if wording_language(language) is None:
        return False
    first = text.strip().split("\n", 1)[0].strip()
    return bool(_pattern(language).match(first))
