"""Broad questions and their passages: a question across countries or services, or one
that names no country, body, programme or figure ("How do PES help long-term unemployed
people?"), is answered from several documents and countries.

Two components, each with explicit inputs:

* ``broad_question`` decides from the question's analysis (and the anchors most of the
  index's documents share, which name nothing in particular) whether it is broad;
* ``select_broad`` chooses the passages to answer with: the retrieval's best passage,
  then passages of documents and countries not yet heard, best supported first, then
  the rest in rank order. The quotas are filled by calibrated support, which does not
  depend on the passage's language, so passages lifted by same-language lexical
  evidence cannot take the places of better supported passages in other languages.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.answer.retrieval.query import Query
from kb.core.countries import mentioned_countries
from kb.core.text import fold, sentences, words
from kb.core.types import Passage

# Languages that write every noun with a capital: there a capital says nothing about a name.
NOUN_CAPITALISING = frozenset({"de", "lb"})


def specific_names(query: Query, common: frozenset[str] = frozenset()) -> set[str]:
    """What the question names that makes it specific, folded: capitalised words inside a
    sentence (not in languages that capitalise every noun), acronyms, words with digits and
    numbers of three digits or more. Countries are the analysis's ``countries``. An acronym
    or number most of the index's documents carry ('PES', a recent year) names nothing in
    particular; a name in words ('Arbetsförmedlingen') names its body however often it occurs."""
    found: set[str] = set()
    capitals_name = query.language not in NOUN_CAPITALISING
    for sentence in sentences(query.text):
        for i, word in enumerate(words(sentence)):
            key = fold(word)
            if word.isdigit() or (len(word) >= 2 and word.isupper()):
                specific = (len(word) >= 3 or not word.isdigit()) and key not in common
            elif any(ch.isdigit() for ch in word):
                # Letters with digits name a programme or a level in any language ('50plus').
                specific = key not in common
            else:
                specific = capitals_name and i > 0 and word[0].isupper() and len(word) > 3
            if specific and not mentioned_countries(word):
                found.add(key)
    return found - {fold(c) for c in query.countries}


def broad_question(query: Query, common: frozenset[str] = frozenset()) -> bool:
    """A comparison, or a question that names no country and nothing specific."""
    if query.comparison:
        return True
    return not query.countries and not specific_names(query, common)


def select_broad(
    ranked: Sequence[Passage],
    k: int,
    bar: float,
    documents: int,
    countries: int,
) -> list[Passage]:
    """Up to ``k`` passages of ``ranked`` (best first, each with its ``support``) that
    reach ``bar``: the best ranked one, then passages from new countries until
    ``countries`` are heard, then from new documents until ``documents`` are, each time
    the best supported (rank breaks ties), then the others in rank order. Returned in
    rank order. Fewer documents or countries than asked when no passage of another one
    reaches the bar."""
    rank = {id(p): i for i, p in enumerate(ranked)}
    eligible = [p for p in ranked if p.support >= bar]
    if not eligible:
        return []
    chosen = [eligible[0]]
    taken = {id(eligible[0])}

    def country(p: Passage) -> str:
        return str(p.metadata.get("country") or "")

    def admit(new: str, quota: int) -> None:
        while len(chosen) < k:
            heard = {(p.doc_id if new == "doc" else country(p)) for p in chosen} - {""}
            if len(heard) >= quota:
                return
            fresh = [
                p
                for p in eligible
                if id(p) not in taken
                and (p.doc_id if new == "doc" else country(p)) not in heard
                and (new == "doc" or country(p))
            ]
            if not fresh:
                return
            best = max(fresh, key=lambda p: (p.support, -rank[id(p)]))
            chosen.append(best)
            taken.add(id(best))

    admit("country", countries)
    admit("doc", documents)
    for p in eligible:
        if len(chosen) >= k:
            break
        if id(p) not in taken:
            chosen.append(p)
            taken.add(id(p))
    return sorted(chosen, key=lambda p: rank[id(p)])
