"""The data the knowledge base returns: passages, citations, answers. No formatting here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Filters:
    """Catalogue filters; empty means 'any'. Lists are any-of."""

    countries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    practice_types: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None

    def is_empty(self) -> bool:
        return self == Filters()

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, [])}


@dataclass
class Passage:
    """A retrieved chunk with its scores."""

    chunk_id: str
    doc_id: str
    text: str
    metadata: dict[str, Any]
    score: float = 0.0  # fused retrieval score, higher is better
    dense: float = 0.0  # cosine similarity to the question
    lexical: float = 0.0  # BM25 score
    support: float = 0.0  # passage-level support for the question, 0..1

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", self.doc_id))

    @property
    def page(self) -> int:
        return int(self.metadata.get("page_start", 0))

    @property
    def language(self) -> str | None:
        return self.metadata.get("chunk_language") or self.metadata.get("language")


@dataclass
class Citation:
    """One numbered source of an answer; ``n`` matches the ``[n]`` marker in the text."""

    n: int
    doc_id: str
    title: str
    page: int  # 0 for formats without pages
    passage: str  # the exact chunk text
    quote: str  # the sentence(s) of the passage the answer relies on
    score: float
    path: str  # the document's path in the corpus
    link: str  # opens the document at the page: "<path>#page=<n>"
    country: str | None = None
    year: int | None = None
    supported: bool = True
    page_label: str = ""  # the printed page number ("21", "iv") where the PDF has one
    ocr: bool = False  # the passage was read from a page image by OCR

    @property
    def page_display(self) -> str:
        """The page a reader finds on paper: the printed label, else the PDF page index."""
        return self.page_label or (str(self.page) if self.page else "")


@dataclass
class Answer:
    question: str
    text: str  # with [n] markers that all resolve to ``citations``
    citations: list[Citation] = field(default_factory=list)
    language: str = "en"
    found: bool = True  # False: the corpus does not answer the question
    mode: str = "extractive"
    filters: dict[str, Any] = field(default_factory=dict)
    retrieval_query: str = ""
    passages: list[Passage] = field(default_factory=list)
    removed_markers: list[str] = field(default_factory=list)
    unsupported: list[Citation] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    generation: str = ""  # the published index generation the answer came from
    # Set when a language model's answer was replaced by the extractive one: why
    # ("no valid citation", "error: APITimeoutError", ...); ``notice`` says so to the reader.
    fallback: str = ""
    notice: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["passages"] = [
            {
                "chunk_id": p.chunk_id,
                "doc_id": p.doc_id,
                "page": p.page,
                "score": p.score,
                "support": p.support,
            }
            for p in self.passages
        ]
        return data
