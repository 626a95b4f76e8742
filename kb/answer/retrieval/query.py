"""A question analysed once: language, countries, names, terms, intent, follow-up context."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.core.countries import mentioned_countries
from kb.core.language import detect_language
from kb.core.text import anchors, fold, terms, words

_OTHER = r"(other|autres?|andere[nrs]?|otr[oa]s|altr[ie]|outr[oa]s|andra|inne|muut|muissa)"
_PLURAL_SERVICES = (
    r"(countries|pes|spe|services|pays|pa[ií]ses|paesi|l[äa]nder\w*|landen|dienste\w*"
    r"|arbeitsverwaltungen|servicios|servizi|servi[cç]os|tj[äa]nster\w*|kraj\w*|maat|maissa|maiden"
    r"|member states|[ée]tats membres|mitgliedstaaten|estados miembros|stati membri|lidstaten)"
)
# Questions across countries or services ("How do other PES ...", "in anderen Ländern").
_COMPARISON = re.compile(
    r"\b(which|what) (countries|services|pes)\b|\bcompar|\bvergleich|\bwelche (länder|dienste)"
    r"|\bquels (pays|services)\b|\bqu[eé] pa[ií]ses\b|\bquali paesi\b|\bquais pa[ií]ses\b"
    r"|\bvilka länder\b|\bwelke landen\b|\b" + _OTHER + r" " + _PLURAL_SERVICES + r"\b",
    re.IGNORECASE,
)
_FOLLOW_UP_START = re.compile(
    r"^\s*(and|und|et|y|e|en|och|og|ja|i|a|what about|how about|und was ist mit|et pour|"
    r"qu'en est-il|y en|e in|e em|en in|och i)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Query:
    """Everything retrieval needs to know about a question, computed once."""

    question: str  # as asked
    text: str  # what is searched: follow-ups carry the previous question
    language: str
    countries: tuple[str, ...] = ()  # ISO codes the question (or its context) names
    terms: frozenset[str] = frozenset()  # stemmed content terms in ``language``
    anchors: frozenset[str] = frozenset()  # names, acronyms, numbers (language-neutral)
    # Names and figures as written that would name something the corpus must mention:
    # acronyms of three letters or more ('ALMA'), and numbers of three digits or more.
    names: tuple[str, ...] = ()
    comparison: bool = False  # asks about several countries or services
    follow_up: bool = False

    @property
    def name_anchors(self) -> frozenset[str]:
        """Anchors other than the ISO codes of the countries it names ('AT' in 'AT and DE')."""
        return self.anchors - {fold(c) for c in self.countries}


def question_language(question: str, fallback: str = "en") -> str:
    return detect_language(question, min_chars=10, min_confidence=0.5) or fallback


def is_follow_up(question: str, language: str) -> bool:
    content = [t for t in terms(question, language) if not mentioned_countries(t)]
    return bool(_FOLLOW_UP_START.match(question)) or len(content) <= 2


def _is_name(word: str) -> bool:
    """Two-letter acronyms change between languages ('EU'/'UE'), and so do short numbers
    written in words; longer ones are written the same everywhere."""
    if word.isdigit():
        return len(word) >= 3
    return len(word) >= 3 and word.isalpha() and word.isupper()


def analyse(question: str, history: list[tuple[str, str]] | None = None) -> Query:
    """The question's language, countries, terms, names and intent; a short follow-up
    ("And in Austria?") is searched together with the previous question."""
    language = question_language(question)
    text = question
    countries = mentioned_countries(question)
    follow_up = bool(history) and is_follow_up(question, language)
    if history and follow_up:
        previous = history[-1][0]
        language = question_language(previous, language) if len(question) < 25 else language
        text = f"{previous} {question}"
        countries = countries or mentioned_countries(previous)
    names = tuple(dict.fromkeys(w for w in words(text) if _is_name(w)))
    return Query(
        question=question,
        text=text,
        language=language,
        countries=tuple(countries),
        terms=frozenset(terms(text, language)),
        anchors=frozenset(anchors(text)),
        names=names,
        comparison=bool(_COMPARISON.search(question)) or len(countries) > 1,
        follow_up=follow_up,
    )
