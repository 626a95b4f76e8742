"""Answer-level checks of one answer, for any generator.

* supported: one of the cited passages hits a supporting passage (the hit rule of
  ``kb.eval.hits``);
* boilerplate: a quoted sentence is a title block, byline or disclaimer. Two checks,
  so the figure is not only the extractive generator grading itself: the generator's
  own rule (``kb.answer.generators.evidence``) and a plain one -- the sentence occurs in three
  or more documents of the index, is (part of) the document's title, or is on the
  document's first line when that line does not end like a sentence or recurs in part;
* cut: a quoted sentence that does not end like a sentence while the document goes on
  after it in the same paragraph, or that starts inside a sentence (lower case);
* language: the answer's text (quotes and headings aside for extractive answers: its
  found-in line) is in the question's language;
* documents and countries cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kb.answer.generators.evidence import CorpusView
from kb.answer.generators.found_in import opens_with_found_in
from kb.core.language import detect_language
from kb.core.prose import ends_sentence, ends_with_ordinal, fingerprint, looks_like_prose
from kb.eval.hits import passage_hits

_MARKER = re.compile(r"\[\d+\]")
_BULLET = re.compile(r"^- (.*?)((?:\s*\[\d+\])+)\s*$")


@dataclass
class AnswerCheck:
    supported: bool | None  # None: the question has no supporting passage
    boilerplate: list[str] = field(default_factory=list)  # quoted sentences flagged
    cut: list[str] = field(default_factory=list)
    language_ok: bool | None = None
    found_in: bool | None = None  # opens with the found-in line (extractive answers)
    documents: int = 0
    countries: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "supported": self.supported,
            "boilerplate": self.boilerplate,
            "cut": self.cut,
            "language_ok": self.language_ok,
            "found_in": self.found_in,
            "documents": self.documents,
            "countries": self.countries,
        }


def quoted_sentences(answer: Any) -> list[tuple[str, Any]]:
    """(sentence, citation) of what the answer quotes: an extractive answer's claims (they
    are quotes), and for every generator each citation's quote (the passage's sentence
    the claim relies on)."""
    by_n = {c.n: c for c in answer.citations or []}
    out: list[tuple[str, Any]] = []
    if getattr(answer, "mode", "") == "extractive":
        for line in (answer.text or "").split("\n"):
            bullet = _BULLET.match(line)  # a whole bullet, brackets in it included
            if bullet:
                numbers = [int(n) for n in re.findall(r"\d+", bullet.group(2))]
                out += [(bullet.group(1).strip(), by_n[n]) for n in numbers if n in by_n]
    out += [(c.quote, c) for c in answer.citations or [] if c.quote]
    return out


class DocumentText:
    """The documents' cleaned text put back together from the index's chunks."""

    def __init__(self, texts: list[str], metadatas: list[dict[str, Any]]) -> None:
        spans: dict[str, list[tuple[int, str]]] = {}
        for text, md in zip(texts, metadatas, strict=True):
            spans.setdefault(str(md.get("doc_id")), []).append(
                (int(md.get("char_start") or 0), text)
            )
        self.docs: dict[str, str] = {}
        for doc_id, pieces in spans.items():
            # Headings are not in any chunk: their places stay line breaks.
            chars = ["\n"] * max(start + len(piece) for start, piece in pieces)
            for start, piece in pieces:
                chars[start : start + len(piece)] = piece
            self.docs[doc_id] = "".join(chars)
        self.folded = {d: " ".join(t.split()).lower() for d, t in self.docs.items()}

    def documents_with(self, sentence: str) -> int:
        key = " ".join(sentence.split()).lower()
        return sum(1 for text in self.folded.values() if key in text)

    def _find(self, doc_id: str, sentence: str) -> re.Match[str] | None:
        words = sentence.split()
        if not words:
            return None
        pattern = r"\s+".join(re.escape(w) for w in words)
        return re.search(pattern, self.docs.get(doc_id, ""), re.IGNORECASE)

    def position(self, doc_id: str, sentence: str) -> int:
        """Where the sentence starts in its document, -1 when it is not there."""
        match = self._find(doc_id, sentence)
        return match.start() if match else -1

    def in_title_block(self, doc_id: str, sentence: str) -> bool:
        """The sentence is on the document's first line, and that line is a title block:
        it does not end like a sentence, or part of it recurs in three or more documents."""
        first = next((line for line in self.docs.get(doc_id, "").split("\n") if line.strip()), "")
        key = " ".join(sentence.split()).lower()
        if not key or key not in " ".join(first.split()).lower():
            return False
        if not ends_sentence(first):
            return True
        return any(self.documents_with(part) >= 3 for part in re.split(r"(?<=[.;])\s+", first))

    def continues(self, doc_id: str, sentence: str) -> bool:
        """The document goes on after the sentence inside the same sentence: in lower case,
        or on the same line."""
        match = self._find(doc_id, sentence)
        if match is None:
            return False
        after = self.docs[doc_id][match.end() : match.end() + 40]
        rest = after.lstrip()
        if not rest:
            return False
        gap = after[: len(after) - len(rest)]
        return rest[0].islower() or ("\n" not in gap and rest[0].isalnum())


def check_answer(
    answer: Any,
    support: list[Any],
    language: str,
    view: CorpusView | None,
    documents: DocumentText | None,
) -> AnswerCheck:
    citations = list(answer.citations or [])
    supported = (
        any(passage_hits(c.passage, c.doc_id, s) for c in citations for s in support)
        if support
        else None
    )
    check = AnswerCheck(
        supported=supported,
        documents=len({c.doc_id for c in citations}),
        countries=len({c.country for c in citations if c.country}),
    )
    for sentence, citation in quoted_sentences(answer):
        text = _MARKER.sub("", sentence).strip()
        if _boilerplate(text, citation, view, documents):
            check.boilerplate.append(text)
        if _cut(text, citation.doc_id, documents):
            check.cut.append(text)
    check.boilerplate = list(dict.fromkeys(check.boilerplate))
    check.cut = list(dict.fromkeys(check.cut))
    if answer.found and getattr(answer, "mode", "") == "extractive":
        # Quotes stay in their documents' languages: the frame is the found-in line.
        check.found_in = opens_with_found_in(answer.text, language)
        check.language_ok = check.found_in
    elif answer.found:
        body = _MARKER.sub("", answer.text)
        check.language_ok = detect_language(body, min_chars=20) == language
    return check


def _boilerplate(
    text: str, citation: Any, view: CorpusView | None, documents: DocumentText | None
) -> bool:
    if not looks_like_prose(text, citation.title):
        return True
    if view is not None and view.recurring(text):
        return True
    if fingerprint(text) and fingerprint(text) in fingerprint(citation.title):
        return True
    if documents is not None:
        if documents.documents_with(text) >= 3:
            return True
        if documents.in_title_block(citation.doc_id, text):
            return True
    return False


def _cut(text: str, doc_id: str, documents: DocumentText | None) -> bool:
    if text[:1].islower():
        return True
    if ends_sentence(text) and not ends_with_ordinal(text):
        return False
    return documents is None or documents.continues(doc_id, text)
