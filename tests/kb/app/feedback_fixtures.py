"""What the answer-log tests share: fixed times, a settable clock, answers with citations."""

import sqlite3
from datetime import UTC, datetime

from kb.core.types import Answer, Citation, Passage

MON_W48 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # ISO week 2026-W48
SUN_W48 = datetime(2026, 11, 29, 23, 0, tzinfo=UTC)
MON_W49 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_citation(n=1, doc_id="fr-activation", country="FR", year=2023, page=4, **kw):
    return Citation(
        n=n,
        doc_id=doc_id,
        title=kw.get("title", "Activation of jobseekers in France"),
        page=page,
        passage=kw.get("passage", "France Travail profiles every jobseeker."),
        quote=kw.get("quote", "France Travail profiles every jobseeker."),
        score=0.8,
        path=kw.get("path", f"fr/{doc_id}.pdf"),
        link=kw.get("link", f"fr/{doc_id}.pdf#page={page}"),
        country=country,
        year=year,
    )


def found_answer(*citations, language="en"):
    cites = list(citations) or [make_citation()]
    passages = [
        Passage(
            chunk_id=f"{c.doc_id}-0",
            doc_id=c.doc_id,
            text=c.passage,
            metadata={"country": c.country, "topics": ["profiling", "activation"]},
        )
        for c in cites
    ]
    return Answer(
        question="q",
        text="France Travail profiles every jobseeker [1].",
        citations=cites,
        language=language,
        passages=passages,
    )


def not_found_answer(language="en"):
    return Answer(
        question="q",
        text="The knowledge base does not contain an answer to this question.",
        language=language,
        found=False,
    )


def raw_rows(store, sql, *params):
    con = sqlite3.connect(store.path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()
