import socket

import pytest

from kb.core.offline import cl100k, count_tokens


def test_cl100k_loads_without_network(monkeypatch, tmp_path):
    cl100k.cache_clear()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))

    def no_network(*args, **kwargs):
        raise AssertionError("tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    try:
        encoding = cl100k()
        assert encoding.name == "cl100k_base"
        assert encoding.decode(encoding.encode("Jugendgarantie")) == "Jugendgarantie"
        assert (tmp_path / "9b5ad71b2ce5302211f9c61530b329a4922fc6a4").exists()
    finally:
        cl100k.cache_clear()


@pytest.mark.parametrize("text,expected", [("", 0), ("hello world", 2)])
def test_count_tokens(text, expected):
    assert count_tokens(text) == expected
