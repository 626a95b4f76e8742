"""Answer generators behind one interface, chosen by settings."""

from __future__ import annotations

from kb.generators.base import GenerationRequest, Generator
from kb.settings import Settings

__all__ = ["GenerationRequest", "Generator", "build_generator"]


def build_generator(settings: Settings) -> Generator:
    g = settings.generator
    if g.mode == "extractive":
        from kb.generators.extractive import ExtractiveGenerator

        return ExtractiveGenerator(max_passages=settings.retrieval.k)
    if g.mode == "llamacpp":
        from kb.generators.llamacpp import LlamaCppGenerator

        return LlamaCppGenerator(g)
    from kb.generators.chat import ChatModelGenerator

    return ChatModelGenerator.from_settings(g)
