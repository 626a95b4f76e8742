from pathlib import Path

from kb.core.settings import load_settings


def test_environment_overrides_nested_fields(monkeypatch):
    monkeypatch.setenv("PESKB_STORE__INDEX_DIR", "/srv/kb/index")
    monkeypatch.setenv("PESKB_CHUNKING__CHUNK_TOKENS", "200")
    settings = load_settings()
    assert settings.store.index_dir == Path("/srv/kb/index")
    assert settings.chunking.chunk_tokens == 200


def test_explicit_overrides_beat_environment(monkeypatch):
    monkeypatch.setenv("PESKB_EMBEDDER__PROVIDER", "e5")
    assert load_settings(embedder={"provider": "fake"}).embedder.provider == "fake"


def test_test_profile_file_is_applied(monkeypatch):
    monkeypatch.setenv("PESKB_PROFILE", "test")
    assert load_settings().ingest.extract_timeout_s == 30


def test_loading_is_a_function_not_import_time(monkeypatch):
    first = load_settings()
    monkeypatch.setenv("PESKB_CHUNKING__OVERLAP_TOKENS", "7")
    assert load_settings().chunking.overlap_tokens == 7
    assert first.chunking.overlap_tokens != 7
