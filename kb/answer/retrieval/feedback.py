"""Cross-lingual pseudo-relevance feedback: lexical lists in the languages the question
is not written in.

BM25 cannot match a question's words against a passage in another language. The dense
search can, roughly: its best passages in a language L are usually on the question's
subject even when the answering passage is further down. Their salient terms (weighted
by the index's own IDF in L) are a query written in L; a BM25 search with it, inside L,
ranks the passages of L that share that vocabulary. Each such list goes into the
reciprocal-rank fusion with ``policy.feedback_weight``.

Inputs: the snapshot (lexical index with its statistics and the chunk vectors), the
question vector and language, the compiled filters. Output: one ranked list per other
language of the index, best first.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from kb.answer.retrieval.candidates import lexical_passages
from kb.core.settings import RetrievalSettings
from kb.core.text import terms
from kb.core.types import Passage
from kb.index.factory import Snapshot
from kb.index.filtering import CompiledFilter
from kb.index.lexical import LexicalIndex


def salient_terms(
    index: LexicalIndex, rows: list[int], language: str, count: int, min_passages: int
) -> list[str]:
    """Up to ``count`` terms of the chunks at ``rows`` (in ``language``), best first:
    each term's share of a chunk's terms times its IDF, summed over the chunks; only
    terms found in at least ``min_passages`` of them (the subject they share, not one
    chunk's particulars). Terms are tokenised as the index does (title, headings, text)."""
    model = index.terms_bm25
    if model is None or not rows:
        return []
    weight: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for row in rows:
        md = index.metadatas[row]
        text = f"{md.get('title', '')}\n{md.get('heading_path', '')}\n{index.texts[row]}"
        tokens = terms(text, language)
        if not tokens:
            continue
        for term, n in Counter(tokens).items():
            weight[term] += n / len(tokens) * model.idf(term)
            seen[term] += 1
    need = min(min_passages, len(rows))
    ranked = sorted(
        (t for t in weight if seen[t] >= need and weight[t] > 0), key=lambda t: (-weight[t], t)
    )
    return ranked[:count]


class FeedbackRetriever:
    """For each language of the index other than the question's: the question's nearest
    chunks in it (dense), their salient terms, and a BM25 search with them in it."""

    def __init__(self, policy: RetrievalSettings) -> None:
        self.policy = policy

    def run(
        self,
        snap: Snapshot,
        vector: list[float],
        language: str,
        filters: CompiledFilter,
        n: int,
        candidates: list[Passage] | None = None,
    ) -> list[list[Passage]]:
        """One list per language; with ``candidates`` (the dense list, best first), only
        the languages of its first ``feedback_languages`` passages (0: every language),
        and with ``feedback_pool`` > 0 only the chunks among that many nearest the question
        (dense) are ranked."""
        index = snap.lexical
        policy = self.policy
        if index is None or not len(index):
            return []
        vectors = snap.vectors()
        if vectors is None:
            return []
        q = np.asarray(vector, dtype=np.float32)
        allowed = index.mask(filters)
        column = index.column("language")
        languages = {str(x) for x in column[allowed]} - {language, ""}
        if candidates is not None and policy.feedback_languages > 0:
            languages &= {p.language for p in candidates[: policy.feedback_languages]}
        if policy.feedback_pool > 0:
            among = np.zeros(len(index), dtype=bool)
            among[[row for row, _ in vectors.search(q, allowed, policy.feedback_pool)]] = True
            pool = allowed & among
        else:
            pool = allowed
        lists: list[list[Passage]] = []
        for other in sorted(languages):
            keep = allowed & (column == other)
            nearest = [row for row, _ in vectors.search(q, keep, policy.feedback_passages)]
            query = salient_terms(
                index, nearest, other, policy.feedback_terms, policy.feedback_min_passages
            )
            hits = index.search("terms", query, keep & pool, n)
            if hits:
                lists.append(lexical_passages(index, hits))
        return lists
