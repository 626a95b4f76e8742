"""Answer generators behind one interface, chosen by settings."""

from __future__ import annotations

from kb.answer.generators.base import GenerationRequest, Generator
from kb.core.settings import Settings

__all__ = ["GenerationRequest", "Generator", "build_generator"]


def build_generator(settings: Settings) -> Generator:
    g = settings.generator
    if g.mode == "extractive":
        from kb.answer.generators.extractive import ExtractiveGenerator

        return ExtractiveGenerator(max_passages=settings.retrieval.k)
    if g.mode == "llamacpp":
        from kb.answer.generators.llamacpp import LlamaCppGenerator

        return LlamaCppGenerator(g)
    from kb.answer.generators.chat import ChatModelGenerator

    return ChatModelGenerator.from_settings(g)
