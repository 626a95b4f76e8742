"""Answers from a local GGUF model through llama-cpp-python (an OPTIONAL dependency).

Setup: ``bash scripts/setup-llamacpp.sh`` (builds llama-cpp-python with working CPU
flags and assembles the model file), then ``PESKB_GENERATOR__MODE=llamacpp``.
The model is loaded on first use and shared by the threads of the process; one
generation runs at a time (a llama.cpp context is not thread-safe).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from kb.answer.generators.base import GenerationRequest, Generator
from kb.answer.generators.prompting import build_messages
from kb.core.settings import GeneratorSettings

SETUP_HINT = "bash scripts/setup-llamacpp.sh"
# Room in the context window for the chat template and the system prompt's
# tokenizer differences (cl100k budgets vs the model's own tokenizer).
_TEMPLATE_RESERVE = 64
_MIN_PASSAGE_BUDGET = 200


class LlamaCppUnavailable(RuntimeError):
    """llama-cpp-python is not installed or the model file is missing."""


def to_openai_messages(messages: list[BaseMessage]) -> list[dict[str, str]]:
    """LangChain messages -> [{"role": ..., "content": ...}] for create_chat_completion."""
    roles = {SystemMessage: "system", HumanMessage: "user", AIMessage: "assistant"}
    out: list[dict[str, str]] = []
    for message in messages:
        role = next((r for cls, r in roles.items() if isinstance(message, cls)), None)
        if role is None:
            raise TypeError(f"unsupported message type for llama.cpp: {type(message).__name__}")
        out.append({"role": role, "content": message.text})
    return out


def _import_llama_cpp() -> Any:
    try:
        return importlib.import_module("llama_cpp")
    except ImportError as exc:
        raise LlamaCppUnavailable(
            "generator mode 'llamacpp' needs the optional llama-cpp-python package and the "
            f"local model: run `{SETUP_HINT}` (builds it from source in 3-7 minutes)"
        ) from exc


class LlamaCppGenerator(Generator):
    """Streams answers from a local GGUF chat model under the shared prompt policy."""

    def __init__(self, settings: GeneratorSettings) -> None:
        self.settings = settings
        self.model_path = Path(settings.llamacpp_model_path)
        self.name = f"llamacpp:{self.model_path.name}"
        self._llm: Any = None
        self._lock = threading.Lock()

    def load(self) -> Any:
        """Load the model now (first call only); raises LlamaCppUnavailable with a fix."""
        if self._llm is None:
            llama_cpp = _import_llama_cpp()
            if not self.model_path.is_file():
                raise LlamaCppUnavailable(
                    f"model file not found: {self.model_path}. Run `{SETUP_HINT}` to "
                    "assemble it, or set PESKB_GENERATOR__LLAMACPP_MODEL_PATH to a GGUF file"
                )
            self._llm = llama_cpp.Llama(
                model_path=str(self.model_path),
                n_ctx=self.settings.llamacpp_context,
                n_threads=self.settings.llamacpp_threads,
                verbose=False,
            )
        return self._llm

    def _prompt_tokens(self, llm: Any, messages: list[dict[str, str]]) -> int:
        text = "\n".join(m["content"] for m in messages)
        return len(llm.tokenize(text.encode("utf-8"), add_bos=False)) + 8 * len(messages)

    def prepare(self, llm: Any, request: GenerationRequest) -> list[dict[str, str]]:
        """Messages that fit the model's window: passages shrink if its tokenizer needs more."""
        room = self.settings.llamacpp_context - self.settings.max_answer_tokens
        room -= _TEMPLATE_RESERVE
        budget = self.settings.context_tokens
        while True:
            messages, _included = build_messages(request, budget)
            dicts = to_openai_messages(messages)
            used = self._prompt_tokens(llm, dicts)
            if used <= room or budget <= _MIN_PASSAGE_BUDGET:
                return dicts
            budget = max(_MIN_PASSAGE_BUDGET, budget - (used - room) - 50)

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        with self._lock:
            llm = self.load()
            messages = self.prepare(llm, request)
            for chunk in llm.create_chat_completion(
                messages=messages,
                stream=True,
                max_tokens=self.settings.max_answer_tokens,
                temperature=self.settings.temperature,
            ):
                choices = chunk.get("choices") or [{}]
                text = (choices[0].get("delta") or {}).get("content")
                if text:
                    yield text
