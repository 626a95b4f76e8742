"""The offline default: an answer composed of the passages' own sentences, each cited.

It never writes a claim of its own, so it cannot be talked into one: passage
text is only ever quoted, and sentences that address an AI system are skipped
(``kb.injection``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.answer.generators.base import GenerationRequest, Generator
from kb.answer.injection import looks_like_instruction
from kb.core.text import anchors, fold, sentences, terms
from kb.core.types import Passage

PHRASES: dict[str, dict[str, str]] = {
    "en": {"intro": "Here is what the documents in the knowledge base say:",
           "not_found": "The knowledge base does not contain an answer to this question.",
           "suggest": "Try widening the filters or rephrasing the question."},
    "fr": {"intro": "Voici ce que disent les documents de la base de connaissances :",
           "not_found": "La base de connaissances ne contient pas de réponse à cette question.",
           "suggest": "Essayez d'élargir les filtres ou de reformuler la question."},
    "de": {"intro": "Das sagen die Dokumente der Wissensdatenbank:",
           "not_found": "Die Wissensdatenbank enthält keine Antwort auf diese Frage.",
           "suggest": "Erweitern Sie die Filter oder formulieren Sie die Frage um."},
    "es": {"intro": "Esto es lo que dicen los documentos de la base de conocimiento:",
           "not_found": "La base de conocimiento no contiene una respuesta a esta pregunta.",
           "suggest": "Pruebe a ampliar los filtros o a reformular la pregunta."},
    "it": {"intro": "Ecco cosa dicono i documenti della base di conoscenza:",
           "not_found": "La base di conoscenza non contiene una risposta a questa domanda.",
           "suggest": "Provi ad ampliare i filtri o a riformulare la domanda."},
    "pt": {"intro": "Eis o que dizem os documentos da base de conhecimento:",
           "not_found": "A base de conhecimento não contém uma resposta a esta pergunta.",
           "suggest": "Tente alargar os filtros ou reformular a pergunta."},
    "nl": {"intro": "Dit zeggen de documenten in de kennisbank:",
           "not_found": "De kennisbank bevat geen antwoord op deze vraag.",
           "suggest": "Probeer de filters te verruimen of de vraag anders te stellen."},
    "sv": {"intro": "Detta säger dokumenten i kunskapsbanken:",
           "not_found": "Kunskapsbanken innehåller inget svar på denna fråga.",
           "suggest": "Prova att vidga filtren eller formulera om frågan."},
    "pl": {"intro": "Oto co mówią dokumenty w bazie wiedzy:",
           "not_found": "Baza wiedzy nie zawiera odpowiedzi na to pytanie.",
           "suggest": "Spróbuj poszerzyć filtry lub przeformułować pytanie."},
}  # fmt: skip
MIN_QUOTED_CHARS = 250


def phrase(language: str, key: str) -> str:
    return PHRASES.get(language, PHRASES["en"])[key]


def not_found_text(language: str, reason: str = "") -> str:
    return f"{phrase(language, 'not_found')} {phrase(language, 'suggest')}"


def _sentence_score(
    sentence: str, position: int, q_terms: set[str], q_anchors: set[str], language: str | None
) -> float:
    s_terms = set(terms(sentence, language))
    overlap = len(q_terms & s_terms) / len(q_terms) if q_terms else 0.0
    anchor = len(q_anchors & set(anchors(sentence))) / len(q_anchors) if q_anchors else 0.0
    number = 0.1 if re.search(r"\d", sentence) else 0.0
    return overlap + 0.5 * anchor + number + (0.15 if position == 0 else 0.0)


def pick_sentences(passage: Passage, question: str, language: str, limit: int = 2) -> list[str]:
    """The passage's sentences that best answer the question, in their original order."""
    pool = [s for s in sentences(passage.text) if len(s) > 20 and not looks_like_instruction(s)]
    if not pool:
        return []
    p_lang = passage.language or language
    q_terms = set(terms(question, p_lang)) | set(terms(question, language))
    q_anchors = set(anchors(question))
    scored = sorted(
        ((_sentence_score(s, i, q_terms, q_anchors, p_lang), i) for i, s in enumerate(pool)),
        reverse=True,
    )
    best = scored[0][0]
    chosen = sorted(i for score, i in scored[:limit] if score >= best * 0.6)
    return [pool[i] for i in chosen]


def _label(passage: Passage) -> str:
    md = passage.metadata
    bits = [str(md[k]) for k in ("country", "year") if md.get(k)]
    return f"{passage.title} ({', '.join(bits)})" if bits else passage.title


class ExtractiveGenerator(Generator):
    name = "extractive"

    def __init__(self, max_passages: int = 5, sentences_per_passage: int = 2) -> None:
        self.max_passages = max_passages
        self.sentences_per_passage = sentences_per_passage

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        if not request.passages:
            yield not_found_text(request.language)
            return
        yield phrase(request.language, "intro")
        # Group by document, keeping the best-first order of first appearance.
        # Title blocks and bylines (short chunks) are quoted only when nothing else is there.
        shown = request.passages[: self.max_passages]
        has_content = any(len(p.text) >= MIN_QUOTED_CHARS for p in shown)
        by_doc: dict[str, list[int]] = {}
        for n, passage in enumerate(shown, start=1):
            if has_content and len(passage.text) < MIN_QUOTED_CHARS:
                continue
            by_doc.setdefault(passage.doc_id, []).append(n)
        seen: set[str] = set()
        for numbers in by_doc.values():
            lines = []
            for n in numbers:
                passage = request.passages[n - 1]
                for sentence in pick_sentences(
                    passage, request.question, request.language, self.sentences_per_passage
                ):
                    key = fold(sentence)
                    if key not in seen:
                        seen.add(key)
                        lines.append(f"{sentence} [{n}]")
            if lines:
                yield f"\n\n{_label(request.passages[numbers[0] - 1])}:\n" + " ".join(lines)
