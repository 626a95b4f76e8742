import sys

import pytest
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    GenericFakeChatModel,
)
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from kb.answer.generators import chat as chat_module
from kb.answer.generators.base import GenerationRequest, Generator
from kb.answer.generators.chat import (
    ChatModelGenerator,
    ProviderConfigError,
    ProviderPackageMissing,
    build_chat_model,
    parse_provider_model,
)
from kb.answer.generators.llamacpp import LlamaCppGenerator, LlamaCppUnavailable, to_openai_messages
from kb.core.settings import GeneratorSettings
from kb.core.types import Passage

ANSWER = "The Youth Guarantee offers a job or training within four months [1]."


def make_request(**kwargs) -> GenerationRequest:
    passages = [
        Passage("c1", "d1", "Within four months young people get an offer.", {"title": "YG"}),
        Passage("c2", "d2", "Training vouchers are available.", {"title": "TV"}),
    ]
    return GenerationRequest("What does the Youth Guarantee offer?", "en", passages, **kwargs)


class RecordingFake(GenericFakeChatModel):
    """GenericFakeChatModel that remembers the messages it was given."""

    seen: list = []

    def _stream(self, messages, *args, **kwargs):
        type(self).seen.append(messages)
        return super()._stream(messages, *args, **kwargs)


def test_stream_yields_pieces_that_join_to_the_answer():
    model = GenericFakeChatModel(messages=iter([AIMessage(content=ANSWER)]))
    generator = ChatModelGenerator(model, context_tokens=2500, name="provider:fake")
    assert isinstance(generator, Generator)
    pieces = list(generator.stream(make_request()))
    assert len(pieces) > 1
    assert "".join(pieces) == ANSWER
    assert generator.name == "provider:fake"


def test_generate_with_fake_list_model():
    generator = ChatModelGenerator(FakeListChatModel(responses=[ANSWER]))
    assert generator.generate(make_request()) == ANSWER
    assert generator.name.startswith("provider:")


def test_model_receives_the_shared_prompt():
    RecordingFake.seen = []
    model = RecordingFake(messages=iter([AIMessage(content=ANSWER)]))
    history = [("Earlier?", "Earlier answer [2].")]
    list(ChatModelGenerator(model).stream(make_request(history=history)))
    (messages,) = RecordingFake.seen
    assert [type(m) for m in messages] == [SystemMessage, HumanMessage, AIMessage, HumanMessage]
    assert "<passages>" in messages[-1].text
    assert "Within four months" in messages[-1].text


def test_empty_provider_model_is_a_clear_error():
    with pytest.raises(ProviderConfigError, match="provider_model"):
        build_chat_model(GeneratorSettings(mode="provider", provider_model=""))


@pytest.mark.parametrize("value", ["mistral:mistral-small", "qwen2.5:7b", "gpt-4o-mini", "ollama:"])
def test_unknown_or_missing_prefix_is_rejected(value):
    with pytest.raises(ProviderConfigError) as info:
        parse_provider_model(value)
    message = str(info.value)
    for example in ("ollama:", "openai:", "mistralai:", "azure_openai:"):
        assert example in message
    if value.startswith("mistral:"):
        assert '"mistralai:"' in message


def test_known_prefix_parses():
    assert parse_provider_model("ollama:qwen2.5:7b") == ("ollama", "qwen2.5:7b")
    assert parse_provider_model(" openai:gpt-4o-mini ") == ("openai", "gpt-4o-mini")


def test_missing_integration_package_names_the_pip_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "langchain_ollama", None)  # hide it even if installed
    monkeypatch.setitem(sys.modules, "langchain_community", None)
    with pytest.raises(ProviderPackageMissing) as info:
        build_chat_model(GeneratorSettings(mode="provider", provider_model="ollama:qwen2.5:7b"))
    assert str(info.value) == "provider 'ollama:qwen2.5:7b' needs: pip install langchain-ollama"


def test_build_chat_model_passes_the_settings(monkeypatch):
    calls = []

    def fake_init(model, **kwargs):
        calls.append((model, kwargs))
        return FakeListChatModel(responses=["x"])

    import langchain.chat_models

    monkeypatch.setattr(chat_module, "_package_installed", lambda module: True)
    monkeypatch.setattr(langchain.chat_models, "init_chat_model", fake_init)
    settings = GeneratorSettings(
        provider_model="openai:gpt-4o-mini", base_url="http://127.0.0.1:9/v1", temperature=0.0
    )
    build_chat_model(settings)
    assert calls == [
        (
            "gpt-4o-mini",
            {
                "model_provider": "openai",
                "temperature": 0.0,
                "max_tokens": 400,
                "timeout": 60.0,
                "max_retries": 1,
                "base_url": "http://127.0.0.1:9/v1",
            },
        )
    ]


def test_llamacpp_without_the_package_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # hide it even if installed
    generator = LlamaCppGenerator(GeneratorSettings(llamacpp_model_path=tmp_path / "m.gguf"))
    with pytest.raises(LlamaCppUnavailable, match="bash scripts/setup-llamacpp.sh"):
        list(generator.stream(make_request()))
    assert issubclass(LlamaCppUnavailable, RuntimeError)


def test_llamacpp_missing_model_file_is_a_clear_error(monkeypatch, tmp_path):
    class FakeLlamaCpp:
        class Llama:  # never constructed: the file check comes first
            def __init__(self, **kwargs):
                raise AssertionError("should not load")

    monkeypatch.setitem(sys.modules, "llama_cpp", FakeLlamaCpp)
    missing = tmp_path / "nope.gguf"
    generator = LlamaCppGenerator(GeneratorSettings(llamacpp_model_path=missing))
    with pytest.raises(LlamaCppUnavailable, match="model file not found") as info:
        generator.load()
    assert str(missing) in str(info.value)


def test_llamacpp_streams_with_a_fake_llama(monkeypatch, tmp_path):
    model_file = tmp_path / "m.gguf"
    model_file.write_bytes(b"GGUF")
    created = {}

    class FakeLlama:
        def __init__(self, **kwargs):
            created.update(kwargs)

        def tokenize(self, data, add_bos=False):
            return data.split()

        def create_chat_completion(self, **kwargs):
            created["call"] = kwargs
            yield {"choices": [{"delta": {"role": "assistant"}}]}
            for piece in ["The offer ", "comes within ", "four months [1]."]:
                yield {"choices": [{"delta": {"content": piece}}]}
            yield {"choices": [{"delta": {}, "finish_reason": "stop"}]}

    class FakeModule:
        Llama = FakeLlama

    monkeypatch.setitem(sys.modules, "llama_cpp", FakeModule)
    settings = GeneratorSettings(llamacpp_model_path=model_file, llamacpp_threads=3)
    pieces = list(LlamaCppGenerator(settings).stream(make_request()))
    assert "".join(pieces) == "The offer comes within four months [1]."
    assert created["n_ctx"] == 4096 and created["n_threads"] == 3 and created["verbose"] is False
    call = created["call"]
    assert call["stream"] is True and call["max_tokens"] == 400 and call["temperature"] == 0.1
    assert [m["role"] for m in call["messages"]] == ["system", "user"]
    assert "<passages>" in call["messages"][-1]["content"]


def test_to_openai_messages():
    messages = [SystemMessage("s"), HumanMessage("q"), AIMessage("a"), HumanMessage("q2")]
    assert to_openai_messages(messages) == [
        {"role": "system", "content": "s"},
        {"role": "user", "content": "q"},
        {"role": "assistant", "content": "a"},
        {"role": "user", "content": "q2"},
    ]
