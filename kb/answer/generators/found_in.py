"""The first line of an extractive answer, in the question's language: what was found.

"3 documents from AT, DE and FR; quoted in German and French." Countries are ISO codes
(the same in every language); languages are named in the question's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# language -> (one document, several documents, and, language names)
_FRAMES: dict[str, dict[str, str]] = {
    "en": {"one": "1 document from {countries}; quoted in {languages}.",
           "many": "{n} documents from {countries}; quoted in {languages}.", "and": "and"},
    "fr": {"one": "1 document ({countries}) ; cité en {languages}.",
           "many": "{n} documents ({countries}) ; cités en {languages}.", "and": "et"},
    "de": {"one": "1 Dokument aus {countries}; zitiert auf {languages}.",
           "many": "{n} Dokumente aus {countries}; zitiert auf {languages}.", "and": "und"},
    "es": {"one": "1 documento de {countries}; citado en {languages}.",
           "many": "{n} documentos de {countries}; citados en {languages}.", "and": "y"},
    "it": {"one": "1 documento da {countries}; citato in {languages}.",
           "many": "{n} documenti da {countries}; citati in {languages}.", "and": "e"},
    "pt": {"one": "1 documento de {countries}; citado em {languages}.",
           "many": "{n} documentos de {countries}; citados em {languages}.", "and": "e"},
    "nl": {"one": "1 document uit {countries}; geciteerd in het {languages}.",
           "many": "{n} documenten uit {countries}; geciteerd in het {languages}.", "and": "en"},
    "sv": {"one": "1 dokument från {countries}; citerat på {languages}.",
           "many": "{n} dokument från {countries}; citerade på {languages}.", "and": "och"},
    "pl": {"one": "Dokumenty: 1 ({countries}); cytowane w języku: {languages}.",
           "many": "Dokumenty: {n} ({countries}); cytowane w językach: {languages}.", "and": "i"},
}  # fmt: skip
_CODES = ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "pl")
# Names of the languages above, in each of them (same order as _CODES).
_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch",
           "Swedish", "Polish"),
    "fr": ("anglais", "français", "allemand", "espagnol", "italien", "portugais",
           "néerlandais", "suédois", "polonais"),
    "de": ("Englisch", "Französisch", "Deutsch", "Spanisch", "Italienisch", "Portugiesisch",
           "Niederländisch", "Schwedisch", "Polnisch"),
    "es": ("inglés", "francés", "alemán", "español", "italiano", "portugués", "neerlandés",
           "sueco", "polaco"),
    "it": ("inglese", "francese", "tedesco", "spagnolo", "italiano", "portoghese",
           "olandese", "svedese", "polacco"),
    "pt": ("inglês", "francês", "alemão", "espanhol", "italiano", "português", "neerlandês",
           "sueco", "polaco"),
    "nl": ("Engels", "Frans", "Duits", "Spaans", "Italiaans", "Portugees", "Nederlands",
           "Zweeds", "Pools"),
    "sv": ("engelska", "franska", "tyska", "spanska", "italienska", "portugisiska",
           "nederländska", "svenska", "polska"),
    "pl": ("angielskim", "francuskim", "niemieckim", "hiszpańskim", "włoskim",
           "portugalskim", "niderlandzkim", "szwedzkim", "polskim"),
}  # fmt: skip
LANGUAGES = tuple(_FRAMES)


def _frame(language: str) -> dict[str, str]:
    return _FRAMES.get(language, _FRAMES["en"])


def language_name(code: str | None, in_language: str) -> str:
    """``code`` named in ``in_language`` (the ISO code, upper case, for languages not named)."""
    names = _NAMES.get(in_language if in_language in _FRAMES else "en")
    if code in _CODES and names is not None:
        return names[_CODES.index(code)]
    return (code or "?").upper()


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
    """Whether an answer's first line is the found-in line of ``language``."""
    first = text.strip().split("\n", 1)[0].strip()
    return bool(_pattern(language).match(first))
