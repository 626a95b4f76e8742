"""Bounded documents and a batch run that stays inside the corpus (issue 14, items 3 and 6).

Real Chroma in temp dirs, the fake embedder; documents are written by the tests.
"""

from __future__ import annotations

import time

import pytest

from ingest.limits import LimitError
from ingest.pipeline import run_ingest
from ingest.prepare import PrepareJob, prepare
from kb.app.ingestion import status_data
from tests.ingest.test_pipeline import CountingEmbeddings

SMALL = "# Digitale Dienste\n\nDas Portal erlaubt Terminbuchungen bei der Beratung online.\n"


def long_markdown(paragraphs: int, salt: str = "") -> str:
    """Illustrative filler: distinct sentences so no two chunks embed the same text."""
    body = "\n\n".join(
        f"Abschnitt {i}{salt}. Die Beratungsstelle {i} begleitet Arbeitsuchende "
        f"im Quartal {i % 4 + 1}. "
        f"Im Projekt {i} nahmen {i * 3} Personen an Kursen teil. Die Bilanz {i} ist positiv."
        for i in range(paragraphs)
    )
    return f"# Bericht{salt}\n\n{body}\n"


@pytest.fixture
def ckb(kb):
    kb.embedder = CountingEmbeddings()
    return kb


def failed(report) -> dict[str, str]:
    return {f.path: f.error for f in report.failures}


def test_too_many_characters_fail_that_file_only_naming_the_limit(ckb, corpus):
    ckb.settings.ingest.max_chars = 5_000
    (corpus / "ok.md").write_text(SMALL, encoding="utf-8")
    (corpus / "huge.md").write_text(long_markdown(100), encoding="utf-8")
    report = run_ingest(ckb, corpus)
    error = failed(report)["huge.md"]
    assert "ingest.max_chars" in error and "5,000" in error and "characters" in error
    assert report.summary()["added"] == 1 and report.exit_code == 1
    assert set(ckb.snapshot().store.documents()) == {"ok"}
    assert ckb.snapshot().store.chunk_count("huge") == 0
    assert not [t for t in ckb.embedder.texts if "Abschnitt" in t]  # never embedded


def test_too_many_chunks_or_windows_fail_before_embedding(ckb, corpus):
    ckb.settings.ingest.max_chunks = 3
    (corpus / "many.md").write_text(long_markdown(60), encoding="utf-8")
    error = failed(run_ingest(ckb, corpus))["many.md"]
    assert "more than 3 chunks" in error and "ingest.max_chunks" in error
    assert ckb.embedder.texts == []

    ckb.settings.ingest.max_chunks = 2_500
    ckb.settings.ingest.max_windows = 5
    ckb.settings.chunking.window_sentences = 3  # passage windows are an option
    error = failed(run_ingest(ckb, corpus))["many.md"]
    assert "more than 5 passage windows" in error and "ingest.max_windows" in error
    assert ckb.embedder.texts == [] and ckb.snapshot().store.documents() == {}


def test_prepare_checks_characters_before_chunking(tmp_path, monkeypatch):
    import ingest.prepare as prep

    path = tmp_path / "big.txt"
    path.write_text("Ein Satz über Arbeitsvermittlung. " * 2_000, encoding="utf-8")
    monkeypatch.setattr(prep, "chunk_blocks", lambda *a, **k: pytest.fail("chunked"))
    job = PrepareJob(str(path), "big.txt", "big", {}, 350, 50, 512, False, max_chars=10_000)
    with pytest.raises(LimitError, match=r"6\d,\d{3} characters.*10,000 \(ingest.max_chars\)") as e:
        prepare(job)
    assert e.value.limit == "max_chars"


class SlowEmbeddings(CountingEmbeddings):
    def embed_documents(self, texts):
        time.sleep(0.3)
        return super().embed_documents(texts)


def test_embedding_time_limit_fails_that_file_and_keeps_the_rest(kb, corpus, monkeypatch):
    import ingest.writing as writing

    monkeypatch.setattr(writing, "EMBED_BATCH", 4)
    kb.embedder = SlowEmbeddings()
    kb.settings.ingest.max_embed_s = 0.5
    (corpus / "ok.md").write_text(SMALL, encoding="utf-8")
    (corpus / "slow.md").write_text(long_markdown(120), encoding="utf-8")
    report = run_ingest(kb, corpus)
    error = failed(report)["slow.md"]
    assert "embedding took longer than the limit of 0.5 s (ingest.max_embed_s)" in error
    assert (
        set(kb.snapshot().store.documents()) == {"ok"}
        and kb.snapshot().store.chunk_count("slow") == 0
    )


def test_a_limit_failure_is_not_retried_until_the_file_changes(ckb, corpus, settings):
    ckb.settings.ingest.max_chars = 5_000
    (corpus / "ok.md").write_text(SMALL, encoding="utf-8")
    (corpus / "huge.md").write_text(long_markdown(100), encoding="utf-8")
    first = failed(run_ingest(ckb, corpus))["huge.md"]

    again = run_ingest(ckb, corpus)
    error = failed(again)["huge.md"]
    assert error.startswith(first) and "not retried until the file or the limits change" in error
    assert again.summary()["unchanged"] == 1 and again.generation == ""  # nothing processed
    [remembered] = status_data(settings)["not_retried"]
    assert remembered["path"] == "huge.md" and "ingest.max_chars" in remembered["error"]

    # A new version of the file is tried again, and its success clears the failure.
    (corpus / "huge.md").write_text(long_markdown(5), encoding="utf-8")
    report = run_ingest(ckb, corpus)
    assert report.summary()["added"] == 1 and report.exit_code == 0
    assert status_data(settings)["not_retried"] == []
    assert ckb.snapshot().store.failures() == {}


def test_a_raised_limit_retries_and_a_removed_file_forgets_its_failure(ckb, corpus, settings):
    ckb.settings.ingest.max_chars = 5_000
    (corpus / "huge.md").write_text(long_markdown(100), encoding="utf-8")
    run_ingest(ckb, corpus)
    ckb.settings.ingest.max_chars = 1_000_000
    assert run_ingest(ckb, corpus).summary()["added"] == 1

    ckb.settings.ingest.max_chunks = 3
    (corpus / "huge.md").write_text(long_markdown(90), encoding="utf-8")
    assert "ingest.max_chunks" in failed(run_ingest(ckb, corpus))["huge.md"]
    assert set(ckb.snapshot().store.failures()) == {"huge"}
    # The previous version stays searchable while the new one is refused.
    assert (
        set(ckb.snapshot().store.documents()) == {"huge"}
        and ckb.snapshot().store.chunk_count("huge") > 3
    )
    (corpus / "huge.md").unlink()
    report = run_ingest(ckb, corpus)
    assert report.summary()["removed"] == 1 and ckb.snapshot().store.failures() == {}


def test_extraction_limits_are_limit_failures(tmp_path):
    from ingest.sandbox import Extractor

    with Extractor(workers=1, timeout_s=1.0) as extractor:
        future = extractor._pool.schedule(time.sleep, args=(30,), timeout=1.0)
        with pytest.raises(LimitError, match=r"1 s \(ingest.extract_timeout_s\)") as e:
            extractor.outcome(future)
    assert e.value.limit == "extract_timeout_s"


# --- the batch run stays inside the corpus ------------------------------------------


def test_symlinks_out_of_the_corpus_are_refused_per_file(ckb, corpus, tmp_path):
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    secret = "Geheime Zugangsdaten des Servers stehen in dieser Datei."
    (outside / "secret.txt").write_text(secret, encoding="utf-8")
    (outside / "sub/other.md").write_text(f"# Intern\n\n{secret}\n", encoding="utf-8")
    (corpus / "sub").mkdir()
    (corpus / "ok.md").write_text(SMALL, encoding="utf-8")
    (corpus / "sub/passwd.txt").symlink_to(outside / "secret.txt")
    (corpus / "linked").symlink_to(outside / "sub")
    (corpus / "dangling.md").symlink_to(outside / "gone.md")
    report = run_ingest(ckb, corpus)
    errors = failed(report)
    assert errors["sub/passwd.txt"].endswith("a file outside the corpus folder: refused")
    assert errors["linked"].endswith("a folder outside the corpus folder: refused")
    assert "outside the corpus" in errors["dangling.md"]
    assert set(ckb.snapshot().store.documents()) == {"ok"}
    assert not [t for t in ckb.embedder.texts if "Zugangsdaten" in t]


def test_links_inside_the_corpus_are_taken_once(ckb, corpus):
    (corpus / "real").mkdir()
    (corpus / "real/doc.md").write_text(SMALL, encoding="utf-8")
    (corpus / "alias.md").symlink_to(corpus / "real/doc.md")
    (corpus / "loop").symlink_to(corpus)  # a folder link inside: not walked, no cycle
    report = run_ingest(ckb, corpus)
    assert report.exit_code == 0
    assert set(ckb.snapshot().store.documents()) == {"real/doc", "alias"}


def test_file_names_are_printed_escaped(ckb, corpus, tmp_path):
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    name = "evil\n  FAILED  forged.pdf: ok\u202etxt.exe\x1b[2J.txt"
    (corpus / name).symlink_to(tmp_path / "x.txt")
    lines = run_ingest(ckb, corpus).render().splitlines()
    [line] = [ln for ln in lines if "FAILED" in ln]
    assert "evil\\n  FAILED  forged.pdf: ok\\u202etxt.exe\\x1b[2J.txt" in line
    assert not any(ch in "\n".join(lines) for ch in "\u202e\x1b")
