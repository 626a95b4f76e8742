"""Answers from any LangChain chat model (Ollama, OpenAI, Mistral, Azure OpenAI, ...).

``build_chat_model`` creates the model from ``GeneratorSettings.provider_model``
("<provider>:<model>", e.g. "ollama:qwen2.5:7b") with ``init_chat_model``. API keys
come from the environment only (each integration reads its own variable, e.g.
``OPENAI_API_KEY``); nothing is read from files here.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from typing import Any

from langchain_core.language_models import BaseChatModel

from kb.answer.generators.base import GenerationRequest, Generator
from kb.answer.generators.prompting import build_messages
from kb.core.settings import GeneratorSettings

PROVIDER_EXAMPLES = (
    "ollama:qwen2.5:7b",
    "openai:gpt-4o-mini",
    "mistralai:mistral-small-latest",
    "azure_openai:<deployment>",
)

# Used only if langchain's private registry moves; module of each provider's class.
_FALLBACK_PROVIDERS: dict[str, str] = {
    "anthropic": "langchain_anthropic",
    "azure_openai": "langchain_openai",
    "mistralai": "langchain_mistralai",
    "ollama": "langchain_ollama",
    "openai": "langchain_openai",
}


class ProviderConfigError(ValueError):
    """provider_model is empty, malformed or names a provider LangChain does not know."""


class ProviderPackageMissing(ImportError):
    """The LangChain integration package of the configured provider is not installed."""


def known_providers() -> dict[str, str]:
    """Provider prefix -> Python module of its chat model, as init_chat_model knows them."""
    try:
        from langchain.chat_models.base import _BUILTIN_PROVIDERS
    except ImportError:  # pragma: no cover - depends on the langchain version
        return dict(_FALLBACK_PROVIDERS)
    return {name: spec[0] for name, spec in _BUILTIN_PROVIDERS.items()}


def parse_provider_model(provider_model: str) -> tuple[str, str]:
    """Split "provider:model" and check the provider; raises ProviderConfigError."""
    value = (provider_model or "").strip()
    examples = ", ".join(f'"{e}"' for e in PROVIDER_EXAMPLES)
    if not value:
        raise ProviderConfigError(
            "generator mode 'provider' needs generator.provider_model "
            f"(PESKB_GENERATOR__PROVIDER_MODEL), e.g. {examples}"
        )
    provider, sep, model = value.partition(":")
    providers = known_providers()
    if not sep or provider not in providers or not model.strip():
        hint = ""
        if provider == "mistral":
            hint = ' (Mistral\'s prefix is "mistralai:")'
        elif provider == "azure":
            hint = ' (Azure OpenAI\'s prefix is "azure_openai:")'
        raise ProviderConfigError(
            f"provider_model {value!r} must be '<provider>:<model>' with a provider prefix "
            f"that init_chat_model knows{hint}. Accepted examples: {examples}. "
            f"Known prefixes: {', '.join(sorted(providers))}"
        )
    return provider, model.strip()


def _package_installed(module: str) -> bool:
    top = module.split(".", 1)[0]
    try:
        return importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        return False


def build_chat_model(settings: GeneratorSettings) -> BaseChatModel:
    """The chat model named by ``settings.provider_model``, or a clear error.

    Raises ProviderConfigError (empty or unknown "provider:" prefix) or
    ProviderPackageMissing (the integration package is not installed).
    """
    provider, model = parse_provider_model(settings.provider_model)
    module = known_providers()[provider]
    installed = _package_installed(module) or (
        provider == "ollama" and _package_installed("langchain_community")
    )
    if not installed:
        package = module.split(".", 1)[0].replace("_", "-")
        raise ProviderPackageMissing(
            f"provider '{settings.provider_model}' needs: pip install {package}"
        )
    kwargs: dict[str, Any] = {"temperature": settings.temperature}
    if provider == "ollama":
        kwargs["num_predict"] = settings.max_answer_tokens  # ChatOllama's name for it
        kwargs["client_kwargs"] = {"timeout": settings.timeout_s}  # ChatOllama has no timeout
    else:
        kwargs["max_tokens"] = settings.max_answer_tokens
        # Without a bound, a hung endpoint holds the answer for the SDK's default 10
        # minutes, times its retries; the service falls back when this raises.
        kwargs["timeout"] = settings.timeout_s
        kwargs["max_retries"] = settings.max_retries
    if settings.base_url:
        kwargs["base_url"] = settings.base_url
    from langchain.chat_models import init_chat_model

    return init_chat_model(model, model_provider=provider, **kwargs)


def _chunk_text(chunk: Any) -> str:
    text = getattr(chunk, "text", None)
    if isinstance(text, str):
        return text
    content = getattr(chunk, "content", "")
    return content if isinstance(content, str) else ""


class ChatModelGenerator(Generator):
    """Streams the answer of a LangChain chat model under the shared prompt policy."""

    def __init__(
        self, model: BaseChatModel, *, context_tokens: int = 2500, name: str | None = None
    ) -> None:
        self.model = model
        self.context_tokens = context_tokens
        self.name = name or f"provider:{_model_label(model)}"

    @classmethod
    def from_settings(cls, settings: GeneratorSettings) -> ChatModelGenerator:
        return cls(
            build_chat_model(settings),
            context_tokens=settings.context_tokens,
            name=f"provider:{settings.provider_model}",
        )

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        messages, _included = build_messages(request, self.context_tokens)
        for chunk in self.model.stream(messages):
            text = _chunk_text(chunk)
            if text:
                yield text


def _model_label(model: BaseChatModel) -> str:
    for attr in ("model_name", "model", "deployment_name"):
        value = getattr(model, attr, None)
        if isinstance(value, str) and value:
            return value
    return type(model).__name__
