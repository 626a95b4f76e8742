"""The one interface every answer generator implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field

from kb.core.types import Passage


@dataclass
class GenerationRequest:
    question: str
    language: str  # ISO 639-1 code of the question: the answer's language
    passages: list[Passage]  # numbered [1]..[n] in this order
    history: list[tuple[str, str]] = field(default_factory=list)  # (question, answer), oldest first


class Generator(ABC):
    """Streams answer text with [n] markers that refer to ``request.passages`` (1-based)."""

    name: str = "generator"

    @abstractmethod
    def stream(self, request: GenerationRequest) -> Iterator[str]: ...

    def generate(self, request: GenerationRequest) -> str:
        return "".join(self.stream(request))
