"""Structure-aware, token-aware chunking.

A document is laid out as one text (blocks joined by blank lines); a chunk is
a span of that text, so its char offsets point into it. Chunks never cross a
heading; inside a section whole paragraphs are packed up to the token budget,
and a paragraph that does not fit is cut at sentence boundaries. Consecutive
chunks of a section overlap by whole sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.loaders import Block
from kb.core.offline import cl100k, count_tokens

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[\"'(\u00ab\u201e\u00bf\u00a1A-Z\u00c0-\u00de0-9])")


@dataclass
class Unit:
    start: int
    end: int
    page: int
    tokens: int


@dataclass
class Chunk:
    index: int
    text: str
    char_start: int
    char_end: int
    page_start: int
    page_end: int
    heading_path: list[str] = field(default_factory=list)


@dataclass
class _Section:
    heading_path: list[str]
    paragraphs: list[list[Unit]] = field(default_factory=list)


def layout(blocks: list[Block]) -> tuple[str, list[int]]:
    """The document's full text and each block's start offset in it."""
    starts, pos = [], 0
    for block in blocks:
        starts.append(pos)
        pos += len(block.text) + 2
    return "\n\n".join(b.text for b in blocks), starts


def embed_text(title: str, heading_path: list[str], text: str) -> str:
    """What the embedder sees: the passage in its context (title and section)."""
    path = [h for h in heading_path if h != title]
    head = " > ".join(path)
    return "\n".join(part for part in (title, head, text) if part)


@lru_cache(maxsize=8)
def _splitter(size: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter.from_tiktoken_encoder(
        encoding_name="cl100k_base",
        chunk_size=size,
        chunk_overlap=0,
        separators=["\n", "; ", ", ", " ", ""],
        keep_separator="end",
    )


def _units(text: str, offset: int, page: int, max_unit: int) -> list[Unit]:
    units = []
    pos = 0
    for sentence in _SENTENCE_END.split(text):
        start = text.find(sentence, pos)
        pos = start + len(sentence)
        tokens = count_tokens(sentence)
        if tokens <= max_unit:
            units.append(Unit(offset + start, offset + pos, page, tokens))
            continue
        cl100k()  # make sure the offline encoding file is in place before LangChain asks
        piece_pos = start
        for piece in _splitter(max_unit).split_text(sentence):
            piece = piece.strip()
            p_start = text.find(piece, piece_pos)
            piece_pos = p_start + len(piece)
            units.append(Unit(offset + p_start, offset + piece_pos, page, count_tokens(piece)))
    return units


def _sections(blocks: list[Block], starts: list[int], max_unit: int) -> list[_Section]:
    sections: list[_Section] = [_Section([])]
    stack: list[tuple[int, str]] = []
    for block, start in zip(blocks, starts, strict=True):
        if block.kind == "heading":
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.text))
            sections.append(_Section([text for _, text in stack]))
        else:
            sections[-1].paragraphs.append(_units(block.text, start, block.page, max_unit))
    return [s for s in sections if s.paragraphs]


def _overlap(units: list[Unit], budget: int) -> list[Unit]:
    kept: list[Unit] = []
    total = 0
    for unit in reversed(units[1:]):
        if total + unit.tokens > budget:
            break
        kept.insert(0, unit)
        total += unit.tokens
    return kept


def _pack(section: _Section, size: int, overlap: int) -> list[list[Unit]]:
    groups: list[list[Unit]] = []
    current: list[Unit] = []

    def tokens(units: list[Unit]) -> int:
        return sum(u.tokens for u in units)

    def emit() -> list[Unit]:
        groups.append(current)
        tail = _overlap(current, overlap)
        return tail

    for para in section.paragraphs:
        if tokens(current) + tokens(para) <= size:
            current = current + para
            continue
        if current and tokens(para) <= size:
            tail = emit()
            while tail and tokens(tail) + tokens(para) > size:
                tail = tail[1:]
            current = tail + para
            continue
        for unit in para:
            if current and tokens(current) + unit.tokens > size:
                tail = emit()
                while tail and tokens(tail) + unit.tokens > size:
                    tail = tail[1:]
                current = tail
            current = current + [unit]
    if current:
        groups.append(current)
    return groups


def chunk_blocks(
    blocks: list[Block],
    title: str,
    chunk_tokens: int = 350,
    overlap_tokens: int = 50,
    fits: Callable[[str], bool] | None = None,
) -> list[Chunk]:
    """Cut a document into chunks; ``fits`` vetoes a chunk too long for the embedding model."""
    full, starts = layout(blocks)
    max_unit = max(20, chunk_tokens // 2)
    chunks: list[Chunk] = []

    def add(units: list[Unit], path: list[str]) -> None:
        start, end = units[0].start, units[-1].end
        text = full[start:end]
        if fits is not None and len(units) > 1 and not fits(embed_text(title, path, text)):
            half = len(units) // 2
            add(units[:half], path)
            add(units[half:], path)
            return
        pages = [u.page for u in units]
        chunks.append(Chunk(len(chunks), text, start, end, min(pages), max(pages), path))

    for section in _sections(blocks, starts, max_unit):
        for units in _pack(section, chunk_tokens, overlap_tokens):
            add(units, section.heading_path)
    return chunks
