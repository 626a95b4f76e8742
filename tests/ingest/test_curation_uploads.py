"""Curation's file names and upload checks (nothing is ingested)."""

from __future__ import annotations

import pytest

import ingest.curation as curation
from ingest.curation import (
    CurationError,
    check_upload,
    safe_filename,
)
from ingest.filetypes import sniff, sniff_bytes
from tests import factories as f
from tests.ingest.test_curation import YOUTH_PAGES, pdf_bytes

# --- names and uploads (no ingestion) --------------------------------------------


@pytest.mark.parametrize(
    "name,expected",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.txt", "win.ini.txt"),
        ("C:\\x\\y.pdf", "y.pdf"),
        ("C:y.PDF", "y.pdf"),
        ("/srv/uploads/Report Final.PDF", "Report_Final.pdf"),
        ("Évaluation été 2023.docx", "Evaluation_ete_2023.docx"),
        ("Straße Øresund Łódź.md", "Strasse_Oresund_Lodz.md"),
        (".hidden.pdf", "hidden.pdf"),
        ("...htaccess.html", "htaccess.html"),
        ("a\x00b\x07\nc.txt", "abc.txt"),
        ("report (final) v2!.html", "report_final_v2.html"),
        ("x.pdf. ", "x.pdf"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_safe_filename_limits_the_length_and_keeps_the_extension():
    name = safe_filename("ä" * 50 + "b" * 300 + ".PDF")
    assert len(name) <= curation.MAX_NAME and name.endswith("b.pdf") and name.startswith("a")


@pytest.mark.parametrize(
    "name", ["notes.exe", "report.pdf.exe", "README", ".pdf", "..pdf", "Доклад.pdf", "??.md"]
)
def test_safe_filename_refuses_unusable_names(name):
    with pytest.raises(CurationError):
        safe_filename(name)


def test_safe_filename_uses_the_configured_extensions():
    assert safe_filename("a.rtf", extensions=(".rtf",)) == "a.rtf"
    with pytest.raises(CurationError, match="not a supported document type"):
        safe_filename("a.pdf", extensions=(".md",))


def test_check_upload_accepts_a_good_file_and_returns_its_safe_name(settings, tmp_path):
    assert check_upload("../Bericht 2023.PDF", pdf_bytes(tmp_path), settings) == "Bericht_2023.pdf"
    docx = f.make_docx(tmp_path / "d.docx", f.SAMPLE_BLOCKS).read_bytes()
    assert check_upload("d.docx", docx, settings) == "d.docx"


@pytest.mark.parametrize(
    "maker,name,message",
    [
        (f.make_html_renamed_pdf, "login.pdf", "the file is an HTML page"),
        (f.make_zip_renamed_pdf, "archive.pdf", "the file is a ZIP archive"),
        (f.make_garbage_pdf, "noise.pdf", "binary data"),
        (f.make_empty_file, "empty.pdf", "empty"),
    ],
)
def test_check_upload_refuses_content_that_does_not_match(settings, tmp_path, maker, name, message):
    data = maker(tmp_path / "x.pdf").read_bytes()
    with pytest.raises(CurationError, match=message):
        check_upload(name, data, settings)


def test_check_upload_refuses_a_pdf_named_docx(settings, tmp_path):
    with pytest.raises(CurationError, match="extension .docx: the file is a PDF"):
        check_upload("report.docx", pdf_bytes(tmp_path), settings)


def test_check_upload_enforces_the_size_limit(settings):
    settings.ingest.max_file_mb = 1
    text = b"Arbeitsmarkt " * 100
    assert check_upload("ok.txt", text.ljust(1024 * 1024, b" "), settings) == "ok.txt"
    with pytest.raises(CurationError, match="over the 1 MB limit"):
        check_upload("big.txt", text.ljust(1024 * 1024 + 1, b" "), settings)


def test_sniff_bytes_agrees_with_sniff(tmp_path):
    made = [
        f.make_pdf(tmp_path / "a.pdf", YOUTH_PAGES),
        f.make_docx(tmp_path / "b.docx", f.SAMPLE_BLOCKS),
        f.make_html(tmp_path / "c.html", f.SAMPLE_BLOCKS),
        f.make_markdown(tmp_path / "d.md", f.SAMPLE_BLOCKS),
        f.make_zip_renamed_pdf(tmp_path / "e.pdf"),
        f.make_garbage_pdf(tmp_path / "f.pdf"),
        f.make_empty_file(tmp_path / "g.pdf"),
    ]
    kinds = [sniff(p) for p in made]
    assert kinds == ["pdf", "docx", "html", "text", "zip", "binary", "empty"]
    assert [sniff_bytes(p.read_bytes()) for p in made] == kinds
