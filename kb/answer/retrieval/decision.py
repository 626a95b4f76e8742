"""Whether the corpus answers the question: passage support measured against the index's
calibration, and the question's countries and names checked against the corpus."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kb.answer.retrieval.candidates import unknown_names
from kb.answer.retrieval.fusion import substance
from kb.answer.retrieval.query import Query
from kb.core.countries import mentioned_countries
from kb.core.settings import RetrievalSettings
from kb.core.types import Passage
from kb.index.factory import Snapshot


@dataclass
class Retrieval:
    query: str  # what was searched (follow-ups rewritten with the conversation)
    language: str  # the question's language
    passages: list[Passage]
    found: bool
    reason: str = ""
    countries: list[str] = field(default_factory=list)  # countries the question names
    generation: str = ""  # the published index generation that answered
    analysis: Query | None = None


def score_support(
    snap: Snapshot, passages: list[Passage], vector: list[float], policy: RetrievalSettings
) -> None:
    """Each passage's support, 0..1: the share of best matches to questions the corpus
    does not answer (the calibration's null) that its similarity exceeds, lowered for
    opening blocks. An index too small to calibrate supports every passage it returns."""
    if not passages:
        return
    got = snap.store.chunks.get(ids=[p.chunk_id for p in passages], include=["embeddings"])
    vectors = dict(zip(got["ids"], got["embeddings"], strict=True))
    q = np.asarray(vector, dtype=np.float32)
    for p in passages:
        p.dense = float(q @ np.asarray(vectors[p.chunk_id], dtype=np.float32))
    calibration = snap.calibration
    for p in passages:
        base = calibration.support(p.dense) if calibration is not None else 1.0
        p.support = round(base * substance(p, policy), 4)


def names_country(passage: Passage, countries: tuple[str, ...] | list[str]) -> bool:
    """The passage or its document's title names one of ``countries`` (a document without
    a catalogue country can still be about one)."""
    return bool(set(mentioned_countries(f"{passage.title}. {passage.text}")) & set(countries))


def decide(
    snap: Snapshot, query: Query, passages: list[Passage], policy: RetrievalSettings
) -> Retrieval:
    """Answer, or refuse with the reason."""

    def result(found: bool, reason: str = "") -> Retrieval:
        return Retrieval(
            query.text,
            query.language,
            passages,
            found,
            reason,
            list(query.countries),
            snap.generation,
            query,
        )

    if not passages:
        return result(False, "no passages match")
    min_support = policy.min_support
    countries = query.countries
    # A question about a country needs a document from it, or a supported passage that
    # names it; a passing mention elsewhere is not enough.
    if countries and not any(
        p.metadata.get("country") in countries
        or (p.support >= min_support and names_country(p, countries))
        for p in passages
    ):
        return result(False, f"no documents about {', '.join(countries)} in the corpus")
    about_country = [
        p
        for p in passages
        if not countries or p.metadata.get("country") in countries or names_country(p, countries)
    ]
    best = max(p.support for p in about_country)
    # A name the corpus never mentions is a programme or body it has nothing on: only a
    # passage that matches far better than a miss may answer then.
    unknown = unknown_names(snap, query)
    if unknown and best < policy.unknown_name_support:
        return result(False, f"the corpus does not mention {', '.join(unknown)}")
    if best >= min_support:
        return result(True)
    return result(False, f"no passage supports the question (best support {best:.2f})")
