"""Which sentences of a passage may be quoted as evidence, and how to make them whole.

Never quoted: a document's opening block (title, byline, disclaimer before the first
section), lines without a sentence's shape (headings, running headers, list fragments),
captions, and sentences that recur across documents (a disclaimer or footer printed in
many documents of the index is recognised because it recurs, not by its wording).
A sentence cut at a chunk's end is finished from the document's next chunk, or dropped.
Everything here is structural: no phrase of any particular document is listed.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kb.core.prose import (
    ends_sentence,
    ends_with_ordinal,
    fingerprint,
    join_broken_lines,
    looks_like_prose,
    split_sentences,
)

RECURRING_DOCS = 3  # a sentence found in this many documents is boilerplate
# A title page, byline and disclaimer fit in this; a longer first chunk also holds the
# document's opening prose (an abstract, a summary), whose sentences are judged one by one.
OPENING_BLOCK_CHARS = 400
MAX_CONTINUATION = 400  # characters looked at to finish a cut sentence


@dataclass
class _Chunk:
    start: int
    end: int
    text: str
    heading: str


@dataclass
class CorpusView:
    """What the generator may look up beyond its passages: neighbouring chunks and the
    sentences that recur across the index's documents. Built once per index generation."""

    chunks: dict[tuple[str, int], _Chunk] = field(default_factory=dict)
    sectioned: set[str] = field(default_factory=set)  # documents with section headings
    _seen_in: dict[str, int] = field(default_factory=dict)  # fingerprint hash -> documents

    @classmethod
    def build(cls, texts: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> CorpusView:
        view = cls()
        docs_of: dict[int, set[str]] = defaultdict(set)
        for text, md in zip(texts, metadatas, strict=True):
            doc_id = str(md.get("doc_id", ""))
            heading = str(md.get("heading_path") or "")
            start = int(md.get("char_start") or 0)
            view.chunks[(doc_id, int(md.get("chunk_index") or 0))] = _Chunk(
                start, int(md.get("char_end") or start + len(text)), text, heading
            )
            if " > " in heading:
                view.sectioned.add(doc_id)
            for sentence in split_sentences(text):
                if len(sentence) >= 20:
                    docs_of[hash(fingerprint(sentence))].add(doc_id)
        view._seen_in = {key: len(docs) for key, docs in docs_of.items() if len(docs) > 1}
        return view

    def documents_with(self, sentence: str) -> int:
        """In how many documents of the index the sentence occurs (at least 1)."""
        return max(1, self._seen_in.get(hash(fingerprint(sentence)), 1))

    def recurring(self, sentence: str) -> bool:
        return self.documents_with(sentence) >= RECURRING_DOCS

    def opening_block(self, metadata: dict[str, Any]) -> bool:
        """The short chunk before a sectioned document's first heading: title page,
        byline, disclaimer."""
        length = int(metadata.get("char_end") or 0) - int(metadata.get("char_start") or 0)
        return (
            int(metadata.get("chunk_index") or 0) == 0
            and " > " not in str(metadata.get("heading_path") or "")
            and str(metadata.get("doc_id", "")) in self.sectioned
            and length < OPENING_BLOCK_CHARS
        )

    def finish(self, sentence: str, metadata: dict[str, Any]) -> str | None:
        """The chunk's last sentence finished from the document's next chunk of the same
        section, or None when it cannot be finished."""
        key = (str(metadata.get("doc_id", "")), int(metadata.get("chunk_index") or 0))
        here, nxt = self.chunks.get(key), self.chunks.get((key[0], key[1] + 1))
        # The next chunk overlaps this one or starts after the space between them; a
        # larger gap is a heading, which no sentence runs across.
        if here is None or nxt is None or nxt.heading != here.heading or nxt.start > here.end + 2:
            return None
        rest = nxt.text[max(0, here.end - nxt.start) :][:MAX_CONTINUATION]
        if not rest or "\n\n" in rest.split(".")[0]:
            return None
        # The sentence ends at the first final punctuation that is not an ordinal's ("1. Mai").
        ends = re.finditer(r"[.!?…][\"'»”’)\]]*(?=\s|$)", rest)
        end = next((m.end() for m in ends if not ends_with_ordinal(rest[: m.end()])), None)
        if end is None:
            return None
        tail = " ".join(rest[:end].split())
        # Right after the chunk's end the text goes on mid-word or with punctuation
        # (no space), or after a space; a skipped gap was whitespace.
        glue = " " if nxt.start > here.end or rest[:1].isspace() else ""
        return f"{sentence.rstrip()}{glue}{tail}" if tail else None


_views: dict[int, tuple[Any, CorpusView]] = {}
_views_lock = threading.Lock()


def corpus_view(lexical: Any) -> CorpusView | None:
    """The view of an index generation's lexical index (``texts``, ``metadatas``), built
    once per generation and kept while it is the latest asked for."""
    if lexical is None:
        return None
    with _views_lock:
        cached = _views.get(id(lexical))
        if cached is not None and cached[0] is lexical:
            return cached[1]
        view = CorpusView.build(lexical.texts, lexical.metadatas)
        _views.clear()
        _views[id(lexical)] = (lexical, view)
        return view


def quotable(
    passage_text: str, metadata: dict[str, Any], title: str, view: CorpusView | None
) -> list[tuple[int, str]]:
    """(position, sentence) of the passage's sentences that may be quoted: prose, not in
    an opening block, not recurring (nor in a paragraph with a recurring sentence), and
    whole (a last sentence cut at the chunk's end, or ending there with an ordinal, is finished
    from the next chunk or left out)."""
    if view is not None and view.opening_block(metadata):
        return []
    out: list[tuple[int, str]] = []
    paragraphs = [p for p in re.split(r"\n\s*\n", join_broken_lines(passage_text)) if p.strip()]
    position = 0
    for p_index, paragraph in enumerate(paragraphs):
        parts = split_sentences(paragraph)
        tainted = view is not None and any(view.recurring(s) for s in parts)
        for s_index, sentence in enumerate(parts):
            position += 1
            if tainted:
                continue
            last = p_index == len(paragraphs) - 1 and s_index == len(parts) - 1
            if last and (not ends_sentence(sentence) or ends_with_ordinal(sentence)):
                finished = view.finish(sentence, metadata) if view is not None else None
                if finished is None or ends_with_ordinal(finished):
                    continue
                sentence = finished
            if looks_like_prose(sentence, title):
                out.append((position - 1, sentence))
    return out
