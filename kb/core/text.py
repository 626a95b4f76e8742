"""Language-aware tokens for lexical search and support checks."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_ELISION = re.compile(
    r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|un|dell|dall|nell|sull|all|quell)['’](?=\w)",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'(\u00ab\u201e\u00bf\u00a1A-Z\u00c0-\u00de0-9])")
_STEMMER_NAMES = {
    "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "et": "estonian", "eu": "basque", "fi": "finnish",
    "fr": "french", "ga": "irish", "hu": "hungarian", "it": "italian", "lt": "lithuanian",
    "nl": "dutch", "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "tr": "turkish",
}  # fmt: skip
# Question words and fillers that carry no topic, in the network's main languages.
_STOP = set(
    """
    a an and are as at be by can do does for from has have how in into is it its of on or
    other others that the their there these this to was were what when where which who why
    will with about did which services service pes public employment
    le la les un une des du de et en est sont que qui quoi comment pour par dans sur avec
    au aux ce ces cette quel quelle quels quelles ont été il elle ils autres
    der die das ein eine einen und ist sind wie was wer welche welcher welches für mit von
    zu im in den dem des auf bei aus andere anderen hat haben wird werden
    el la los las un una unos y es son que qué cómo como para por en con del al otros otras
    ha han sus su se
    il lo gli i di che come per con del della dei delle sono è hanno altri
    o os as um uma e é são que como para com do da dos das em outros
    de het een en is zijn hoe wat welke voor met van op andere
    och är som hur vad vilka för med av på andra det den en ett
    """.split()
)


@lru_cache(maxsize=32)
def _stemmer(language: str | None):
    name = _STEMMER_NAMES.get(language or "")
    return (snowballstemmer.stemmer(name), threading.Lock()) if name else None


def fold(text: str) -> str:
    """Lowercase without diacritics: 'Österreich' -> 'osterreich'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Words, with French and Italian elided articles dropped ("l'AMS" -> "AMS")."""
    return [_ELISION.sub("", w) if "'" in w or "’" in w else w for w in _WORD.findall(text)]


@lru_cache(maxsize=200_000)
def _term(word: str, language: str | None) -> str:
    # Pure-Python Snowball costs ~0.1 ms a word; words repeat, so each is stemmed once.
    stemmer = _stemmer(language)
    if stemmer is not None:
        algo, lock = stemmer
        with lock:
            word = algo.stemWord(word)
    return fold(word)


def terms(text: str, language: str | None) -> list[str]:
    """Content terms: lowercased, stop words dropped, stemmed in ``language`` when known."""
    tokens = [w.lower() for w in words(text)]
    return [_term(t, language) for t in tokens if t not in _STOP and (len(t) > 1 or t.isdigit())]


def anchors(text: str) -> list[str]:
    """Language-neutral tokens: names, acronyms, numbers ('AMS', 'Chancenkompass', '50plus').

    A capitalised word counts unless it starts a sentence; German nouns make
    this generous, which is harmless because anchors only match anchors.
    """
    out = []
    for sentence in _SENTENCE.split(text):
        for i, word in enumerate(words(sentence)):
            has_digit = any(ch.isdigit() for ch in word)
            acronym = len(word) >= 2 and word.isupper()
            proper = i > 0 and word[0].isupper() and len(word) > 3
            if has_digit or acronym or proper:
                out.append(fold(word))
    return out


def sentences(text: str) -> list[str]:
    parts = [p.strip() for block in text.split("\n") for p in _SENTENCE.split(block)]
    return [p for p in parts if p]


def passage_windows(text: str, size: int = 3) -> list[str]:
    """Every run of ``size`` consecutive sentences of ``text`` (the whole text when shorter).

    Embedded next to the chunk: a chunk's vector averages several topics, and a
    question about one of them matches the few sentences that state it better.
    """
    parts = sentences(text)
    if len(parts) <= size:
        return [" ".join(parts)] if parts else []
    return [" ".join(parts[i : i + size]) for i in range(len(parts) - size + 1)]
