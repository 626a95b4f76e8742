"""The one interface every answer generator implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kb.core.types import Passage

if TYPE_CHECKING:  # pragma: no cover
    from kb.answer.generators.evidence import CorpusView


@dataclass
class GenerationRequest:
    question: str
    language: str  # ISO 639-1 code of the question: the answer's language
    passages: list[Passage]  # numbered [1]..[n] in this order
    history: list[tuple[str, str]] = field(default_factory=list)  # (question, answer), oldest first
    # The index the passages came from: neighbouring chunks, recurring sentences (optional).
    corpus: CorpusView | None = None
    # A question across countries or services (``kb.answer.retrieval.breadth``): every
    # document of ``passages`` was chosen to be heard.
    broad: bool = False
    # How relevant each sentence is to the question, by meaning (the index's embedder):
    # ``relevance(question, sentences)`` -> one score per sentence, higher is closer.
    relevance: Callable[[str, list[str]], list[float]] | None = None


class Generator(ABC):
    """Streams answer text with [n] markers that refer to ``request.passages`` (1-based)."""

    name: str = "generator"

    @abstractmethod
    def stream(self, request: GenerationRequest) -> Iterator[str]: ...

    def generate(self, request: GenerationRequest) -> str:
        return "".join(self.stream(request))
