"""Every kind of broken file fails alone, with a reason, and leaves the index as it was."""

from __future__ import annotations

import time

import pytest

from ingest.loaders import ExtractionError
from ingest.pipeline import run_ingest
from ingest.prepare import PrepareJob
from ingest.sandbox import Extractor
from tests import factories as f
from tests.ingest.test_pipeline import write_corpus

EXPECTED_REASON = {
    "encrypted": "encrypted PDF (password protected)",
    "truncated": "corrupted or truncated PDF",
    "garbage": "content does not match the extension .pdf: the file is binary data",
    "empty": "empty file (0 bytes)",
    "html_renamed": "content does not match the extension .pdf: the file is an HTML page",
    "zip_renamed": "content does not match the extension .pdf: the file is a ZIP archive",
    "image_only": "no text layer, needs OCR",
    "decompression_bomb": "decompression limit (possible decompression bomb)",
    "cyclic_page_tree": "corrupted or truncated PDF",
}


def test_every_bad_kind_is_reported_by_name_and_reason_and_the_rest_is_ingested(kb, corpus):
    write_corpus(corpus)
    for kind, maker in f.BAD_PDF_MAKERS.items():
        maker(corpus / "bad" / f"{kind}.pdf")
    report = run_ingest(kb, corpus)
    failed = {r.path: r.error for r in report.failures}
    assert set(failed) == {f"bad/{kind}.pdf" for kind in f.BAD_PDF_MAKERS}
    for kind, reason in EXPECTED_REASON.items():
        assert reason in failed[f"bad/{kind}.pdf"], (kind, failed[f"bad/{kind}.pdf"])
    assert report.summary()["added"] == 3 and report.exit_code == 1
    assert not any(d.startswith("bad/") for d in kb.snapshot().store.documents())
    assert "FAILED  bad/encrypted.pdf: encrypted PDF" in report.render()


def test_broken_new_version_keeps_the_indexed_one(kb, corpus):
    write_corpus(corpus)
    run_ingest(kb, corpus)
    before = kb.snapshot().store.fingerprint()
    f.make_truncated_pdf(corpus / "at/youth.pdf")
    report = run_ingest(kb, corpus)
    assert [r.path for r in report.failures] == ["at/youth.pdf"]
    assert kb.snapshot().store.fingerprint() == before
    assert report.summary()["removed"] == 0


def test_pages_without_text_are_a_warning_when_others_have_text(kb, corpus, tmp_path):
    from pypdf import PdfWriter

    pages = [
        [("para", f"Seite {n}: die Beratung von Arbeitsuchenden in der Region {n}.")]
        for n in ("eins", "zwei")
    ]
    good = f.make_pdf(tmp_path / "good.pdf", pages)
    scan = f.make_image_only_pdf(tmp_path / "scan.pdf", pages=1)
    writer = PdfWriter()
    writer.append(str(good))
    writer.append(str(scan))
    with open(corpus / "mixed.pdf", "wb") as fh:
        writer.write(fh)
    report = run_ingest(kb, corpus)
    [item] = report.files
    assert item.action == "added"
    # The page is noise: OCR (when installed) finds no text in it, and says so.
    from ingest import ocr

    if ocr.available():
        assert item.warnings == ["page(s) 3: no text (OCR found none)"]
    else:
        assert item.warnings == ["page(s) 3: no text layer, needs OCR"]


def test_extraction_time_limit_stops_a_hanging_file(tmp_path, monkeypatch):
    path = tmp_path / "slow.txt"
    path.write_text("Some text.\n")
    job = PrepareJob(str(path), "slow.txt", "slow", {}, 100, 0, 512, False)
    with Extractor(workers=1, timeout_s=1.0) as extractor:
        future = extractor._pool.schedule(time.sleep, args=(30,), timeout=1.0)
        started = time.monotonic()
        with pytest.raises(ExtractionError, match="longer than the limit of 1 s"):
            extractor.outcome(future)
        assert time.monotonic() - started < 10
        # The pool replaced the killed worker and goes on with the next file.
        assert extractor.outcome(extractor.submit(job)).doc_id == "slow"


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def test_extraction_memory_limit_holds(tmp_path):
    with Extractor(workers=1, timeout_s=30, memory_mb=600) as extractor:
        future = extractor._pool.schedule(_allocate, args=(2000,), timeout=30)
        with pytest.raises(MemoryError):
            future.result()
        assert extractor._pool.schedule(_allocate, args=(10,)).result() == 10 * 1024 * 1024
