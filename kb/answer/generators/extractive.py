"""The offline default: an answer composed of the passages' own sentences, each cited.

It never writes a claim of its own, so it cannot be talked into one: passage
text is only ever quoted, and sentences that address an AI system are skipped
(``kb.answer.injection``).

The answer opens with a found-in line in the question's language ("3 documents from
AT, DE and FR; quoted in German and French."), then one block per document, best
retrieved first: a heading (title, country, year, language) and as bullets the one to
three sentences that answer the question, each with its [n]. Which sentences may be
quoted at all (no title blocks, bylines, disclaimers, captions, cut sentences) is
decided in ``kb.answer.generators.evidence``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kb.answer.generators.base import GenerationRequest, Generator
from kb.answer.generators.evidence import CorpusView, quotable
from kb.answer.generators.found_in import found_in_line
from kb.answer.generators.phrases import language_name, phrase
from kb.answer.injection import looks_like_instruction
from kb.answer.retrieval.breadth import NOUN_CAPITALISING
from kb.answer.retrieval.query import is_follow_up
from kb.core.text import anchors, fold, terms, words
from kb.core.types import Passage


def not_found_text(language: str, reason: str = "") -> str:
    return f"{phrase(language, 'not_found')} {phrase(language, 'suggest')}"


def _content_terms(text: str, language: str | None) -> set[str]:
    """Content terms without numbers: a shared year or figure says nothing about topic."""
    return {t for t in terms(text, language) if not any(ch.isdigit() for ch in t)}


def _names(question: str, question_language: str | None) -> set[str]:
    """The question's names. Where every noun has a capital (German), a capital says
    nothing: only acronyms and words with digits are names there, or the question's
    nouns, its topic, would never match a sentence of its own language."""
    if question_language in NOUN_CAPITALISING:
        return {
            fold(w) for w in words(question)
            if (len(w) >= 2 and w.isupper()) or any(ch.isdigit() for ch in w)
        }  # fmt: skip
    return set(anchors(question))


def _topic_terms(
    question: str, language: str | None, question_language: str | None = None
) -> set[str]:
    """The question's content terms that are not names: sharing only a name (a person, a
    place) with the question does not make a sentence an answer."""
    names = _names(question, question_language)
    plain = " ".join(w for w in words(question) if fold(w) not in names)
    return _content_terms(plain, language)


@dataclass
class Quote:
    sentence: str
    n: int  # the passage's number, 1-based
    position: int  # order in the passage
    score: float


def _score(sentence: str, q_terms: set[str], q_anchors: set[str], p_lang: str | None) -> float:
    """Share of the question's content terms in the sentence, plus its names; 0 when it
    shares no content term (a sentence that shares only a date or a name is no answer)."""
    shared = q_terms & _content_terms(sentence, p_lang)
    if not shared:
        return 0.0
    s_anchors = {a for a in anchors(sentence) if not a.isdigit()}
    anchor = len(q_anchors & s_anchors) / len(q_anchors) if q_anchors else 0.0
    return len(shared) / len(q_terms) + 0.5 * anchor


def _pool(passage: Passage, view: CorpusView | None) -> list[tuple[int, str]]:
    return [
        (i, s)
        for i, s in quotable(passage.text, passage.metadata, passage.title, view)
        if not looks_like_instruction(s)
    ]


def candidate_quotes(
    passage: Passage,
    n: int,
    question: str,
    language: str,
    view: CorpusView | None = None,
) -> list[Quote]:
    """The passage's quotable sentences that answer the question, best first.

    A sentence must share a content term with the question. When none does and the
    passage is in another language than the question (words cannot match), its first
    quotable sentence stands for it: retrieval chose the passage for its meaning.
    """
    pool = _pool(passage, view)
    if not pool:
        return []
    p_lang = passage.language or language
    q_terms = _topic_terms(question, p_lang, language) | _topic_terms(question, language, language)
    q_anchors = {a for a in anchors(question) if not a.isdigit()}
    scored = [Quote(s, n, i, _score(s, q_terms, q_anchors, p_lang)) for i, s in pool]
    matching = sorted((q for q in scored if q.score > 0), key=lambda q: (-q.score, q.position))
    if matching:
        return matching
    if p_lang != language:
        # Across languages words rarely match: names and shared word stems (cognates such
        # as "pandemia"/"pandemic") point at the sentence, else the first one stands.
        q_stems = _stems(question)
        best = max(
            scored,
            key=lambda q: (len(q_stems & _stems(q.sentence)), -q.position),
        )
        return [Quote(best.sentence, n, best.position, 0.01)]
    return []


def _stems(text: str) -> set[str]:
    """Five-letter beginnings of the longer words, folded: shared across related languages."""
    return {fold(w)[:5] for w in words(text) if len(w) >= 6 and not w.isdigit()}


def closest_quote(
    passages: list[tuple[int, Passage]],
    question: str,
    language: str,
    view: CorpusView | None,
    relevance: Callable[[str, list[str]], list[float]] | None,
) -> Quote | None:
    """A document's quotable sentence closest in meaning to the question, among its
    ``(n, passage)``: by ``relevance`` measured without the names and figures the sentence
    shares with the question (so it is never chosen for a shared date or name), else, with
    no measure, the first sentence of the best ranked passage that shares none."""
    names = _names(question, language)
    pool = [(n, i, s) for n, p in passages for i, s in _pool(p, view)]
    if relevance is None:
        pool = [c for c in pool if not names & {fold(w) for w in words(c[2])}]
        return Quote(pool[0][2], pool[0][0], pool[0][1], 0.01) if pool else None
    if not pool:
        return None
    masked = [" ".join(w for w in words(s) if fold(w) not in names) for _, _, s in pool]
    scores = relevance(question, masked)
    n, i, s = pool[max(range(len(pool)), key=lambda j: (scores[j], -j))]
    return Quote(s, n, i, 0.01)


def pick_sentences(passage: Passage, question: str, language: str, limit: int = 2) -> list[str]:
    """The passage's sentences that best answer the question, in their original order."""
    quotes = candidate_quotes(passage, 1, question, language)[:limit]
    return [q.sentence for q in sorted(quotes, key=lambda q: q.position)]


def heading(passage: Passage, language: str) -> str:
    """Title (country, year, language) of a block; the language named in the question's."""
    md = passage.metadata
    source_language = md.get("language") or passage.language
    bits = [str(md[k]) for k in ("country", "year") if md.get(k)]
    if source_language:
        bits.append(language_name(source_language, language))
    return f"{passage.title} ({', '.join(bits)})" if bits else passage.title


@dataclass
class Block:
    passage: Passage  # the document's best passage
    quotes: list[Quote]

    @property
    def score(self) -> float:
        return max(q.score for q in self.quotes)


def blocks(
    request: GenerationRequest, max_documents: int, per_document: int, view: CorpusView | None
) -> list[Block]:
    """One block per document, documents in retrieval order, each with its best one to
    ``per_document`` sentences in reading order; a sentence is quoted once."""
    by_doc: dict[str, list[Quote]] = {}
    first: dict[str, Passage] = {}
    question = request.question
    if request.history and is_follow_up(question, request.language):
        question = f"{request.history[-1][0]} {question}"  # "And in Germany?" keeps its topic
    for n, passage in enumerate(request.passages, start=1):
        quotes = candidate_quotes(passage, n, question, request.language, view)
        if quotes:
            by_doc.setdefault(passage.doc_id, []).extend(quotes)
            first.setdefault(passage.doc_id, passage)
    # A broad question hears every document it was given: one that none of the rules above
    # quotes (its sentences share no word with the question) is heard through its sentence
    # closest in meaning. Added to, never instead of, what the question's words found.
    if request.broad:
        by_doc = _hear_every_document(request, question, by_doc, first, view)
    seen: set[str] = set()
    out: list[Block] = []
    for doc_id, quotes in by_doc.items():
        best = max(q.score for q in quotes)
        chosen: list[Quote] = []
        for q in sorted(quotes, key=lambda q: -q.score):
            key = fold(q.sentence)
            if q.score >= best * 0.5 and key not in seen and len(chosen) < per_document:
                seen.add(key)
                chosen.append(q)
        if chosen:
            chosen.sort(key=lambda q: (q.n, q.position))
            out.append(Block(first[doc_id], chosen))
        if len(out) == max_documents:
            break
    return out


def _hear_every_document(
    request: GenerationRequest,
    question: str,
    by_doc: dict[str, list[Quote]],
    first: dict[str, Passage],
    view: CorpusView | None,
) -> dict[str, list[Quote]]:
    """``by_doc`` with a quote for each document that has none, in retrieval order."""
    unheard: dict[str, list[tuple[int, Passage]]] = {}
    rank: dict[str, int] = {}
    for n, passage in enumerate(request.passages, start=1):
        rank.setdefault(passage.doc_id, n)
        if passage.doc_id not in by_doc:
            unheard.setdefault(passage.doc_id, []).append((n, passage))
    for doc_id, passages in unheard.items():
        quote = closest_quote(passages, question, request.language, view, request.relevance)
        if quote is not None:
            by_doc[doc_id] = [quote]
            first[doc_id] = passages[0][1]
    return dict(sorted(by_doc.items(), key=lambda item: rank[item[0]]))


class ExtractiveGenerator(Generator):
    name = "extractive"

    def __init__(self, max_passages: int = 5, sentences_per_passage: int = 3) -> None:
        self.max_passages = max_passages  # documents shown at most
        self.sentences_per_passage = sentences_per_passage  # bullets per document at most

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        if not request.passages:
            yield not_found_text(request.language)
            return
        found = blocks(request, self.max_passages, self.sentences_per_passage, request.corpus)
        if not found:
            return  # nothing quotable: the service answers with the refusal text
        countries = [str(b.passage.metadata.get("country") or "") for b in found]
        languages = [
            str(b.passage.metadata.get("language") or b.passage.language or "") for b in found
        ]
        yield found_in_line(
            len(found), [c for c in countries if c], [x for x in languages if x], request.language
        )
        for block in found:
            bullets = "\n".join(f"- {q.sentence} [{q.n}]" for q in block.quotes)
            yield f"\n\n{heading(block.passage, request.language)}\n{bullets}"
