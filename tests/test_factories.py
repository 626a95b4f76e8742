"""Checks that each fixture factory produces what it claims (pypdf 7.1.1)."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import (
    EmptyFileError,
    FileNotDecryptedError,
    LimitReachedError,
    PdfReadError,
    PdfStreamError,
)

from tests.factories import (
    BAD_PDF_MAKERS,
    HTML_BOILERPLATE,
    SAMPLE_BLOCKS,
    SAMPLE_PAGES,
    PageOverflowError,
    make_cyclic_pagetree_pdf,
    make_decompression_bomb_pdf,
    make_docx,
    make_empty_file,
    make_encrypted_pdf,
    make_garbage_pdf,
    make_html,
    make_html_renamed_pdf,
    make_image_only_pdf,
    make_markdown,
    make_pdf,
    make_text,
    make_truncated_pdf,
    make_zip_renamed_pdf,
)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_texts(path: Path) -> list[str]:
    return [norm(page.extract_text()) for page in PdfReader(path).pages]


# --------------------------------------------------------------------------- good PDF


def test_pdf_items_on_their_pages_and_metadata(tmp_path):
    path = make_pdf(
        tmp_path / "doc.pdf", SAMPLE_PAGES, title="Watershed pilot", header="PES Review 2024"
    )
    reader = PdfReader(path)
    assert reader.metadata.title == "Watershed pilot"
    assert len(reader.pages) == len(SAMPLE_PAGES)
    texts = page_texts(path)
    for index, items in enumerate(SAMPLE_PAGES):
        for _, text in items:
            assert norm(text) in texts[index]
            for other in range(len(SAMPLE_PAGES)):
                if other != index:
                    assert norm(text) not in texts[other]


def test_pdf_running_header_and_footer(tmp_path):
    pages = [[("para", f"Body of page {i}.")] for i in range(1, 4)]
    path = make_pdf(
        tmp_path / "hf.pdf", pages, header="Annual report - page {n}", footer="Page {n} of {total}"
    )
    texts = page_texts(path)
    for n, text in enumerate(texts, start=1):
        assert f"Annual report - page {n}" in text
        assert f"Page {n} of 3" in text
        assert text.index("Annual report") < text.index(f"Body of page {n}") < text.index("Page ")


def test_pdf_without_header_footer_or_title(tmp_path):
    path = make_pdf(tmp_path / "bare.pdf", [[("para", "Only this.")]], footer=None)
    reader = PdfReader(path)
    assert norm(reader.pages[0].extract_text()) == "Only this."
    assert reader.metadata.title is None


def test_pdf_latin1_text_roundtrips(tmp_path):
    text = "Les paiements écosystémiques: Zahlungsströme, año, naïve, façade."
    path = make_pdf(tmp_path / "latin.pdf", [[("heading", "Résumé"), ("para", text)]])
    extracted = page_texts(path)[0]
    assert "Résumé" in extracted
    assert norm(text) in extracted


def test_pdf_is_deterministic(tmp_path):
    a = make_pdf(tmp_path / "a.pdf", SAMPLE_PAGES, title="Same").read_bytes()
    b = make_pdf(tmp_path / "b.pdf", SAMPLE_PAGES, title="Same").read_bytes()
    assert a == b


def test_pdf_overflowing_page_is_rejected(tmp_path):
    words = "lorem ipsum dolor sit amet " * 400  # ~2000 words: more than a page
    with pytest.raises(PageOverflowError):
        make_pdf(tmp_path / "long.pdf", [[("para", words)]])


def test_pdf_is_fast(tmp_path):
    make_pdf(tmp_path / "warm.pdf", SAMPLE_PAGES)  # import cost paid here
    start = time.perf_counter()
    make_pdf(tmp_path / "timed.pdf", SAMPLE_PAGES * 5, title="x", header="h")
    assert time.perf_counter() - start < 1.0


# --------------------------------------------------------------------------- other formats


def test_docx_styles_and_title(tmp_path):
    import docx

    path = make_docx(tmp_path / "doc.docx", SAMPLE_BLOCKS, title="Agroforestry credits")
    document = docx.Document(str(path))
    assert document.core_properties.title == "Agroforestry credits"
    got = [(p.style.name, p.text) for p in document.paragraphs]
    expected_style = {
        "title": "Title",
        "heading1": "Heading 1",
        "heading2": "Heading 2",
        "para": "Normal",
    }
    assert got == [(expected_style[k], t) for k, t in SAMPLE_BLOCKS]


def test_docx_is_deterministic(tmp_path):
    a = make_docx(tmp_path / "a.docx", SAMPLE_BLOCKS, title="t").read_bytes()
    b = make_docx(tmp_path / "b.docx", SAMPLE_BLOCKS, title="t").read_bytes()
    assert a == b


def test_html_structure_and_boilerplate(tmp_path):
    from html.parser import HTMLParser

    path = make_html(tmp_path / "page.html", SAMPLE_BLOCKS, title="Agroforestry credits")

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack: list[str] = []
            self.items: list[tuple[str, str]] = []

        def handle_starttag(self, tag, attrs):
            if tag not in {"meta", "link", "br", "img", "hr", "input"}:  # void elements
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack.pop() == tag

        def handle_data(self, data):
            if data.strip() and self.stack:
                self.items.append((tuple(self.stack), data.strip()))

    parser = Collector()
    parser.feed(path.read_text(encoding="utf-8"))
    items = parser.items
    assert any(stack[-1] == "title" and text == "Agroforestry credits" for stack, text in items)
    main = [(stack[-1], text) for stack, text in items if "main" in stack]
    tag = {"title": "h1", "heading1": "h1", "heading2": "h2", "para": "p"}
    assert main == [(tag[k], t) for k, t in SAMPLE_BLOCKS]
    assert any("nav" in stack for stack, _ in items)
    assert any("footer" in stack and text == HTML_BOILERPLATE["footer"] for stack, text in items)
    assert any(
        stack[-1] == "script" and HTML_BOILERPLATE["script"] in text for stack, text in items
    )


def test_markdown_and_text(tmp_path):
    md = make_markdown(tmp_path / "doc.md", SAMPLE_BLOCKS).read_text(encoding="utf-8")
    chunks = md.strip().split("\n\n")
    assert chunks[0] == "# " + SAMPLE_BLOCKS[0][1]
    assert chunks[1] == "# Introduction"
    assert chunks[3] == "## Eligibility"
    assert chunks[2] == SAMPLE_BLOCKS[2][1]

    txt = make_text(tmp_path / "doc.txt", SAMPLE_BLOCKS).read_text(encoding="utf-8")
    assert txt.strip().split("\n\n") == [t for _, t in SAMPLE_BLOCKS]
    assert "#" not in txt


def test_unknown_block_kind_rejected(tmp_path):
    with pytest.raises(ValueError):
        make_docx(tmp_path / "x.docx", [("subtitle", "nope")])
    with pytest.raises(ValueError):
        make_pdf(tmp_path / "x.pdf", [[("subtitle", "nope")]])


# --------------------------------------------------------------------------- bad PDFs


@pytest.mark.parametrize("aes", [True, False], ids=["AES-256", "RC4-128"])
def test_encrypted(tmp_path, aes):
    path = make_encrypted_pdf(tmp_path / "enc.pdf", aes=aes)
    reader = PdfReader(path)
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        len(reader.pages)
    # and it really is the sample document once decrypted
    reader = PdfReader(path)
    reader.decrypt("secret")
    assert norm(SAMPLE_PAGES[0][0][1]) in norm(reader.pages[0].extract_text())


@pytest.mark.parametrize(
    "maker", [make_truncated_pdf, make_garbage_pdf, make_html_renamed_pdf, make_zip_renamed_pdf]
)
def test_unparseable_raise_pdf_stream_error(tmp_path, maker):
    path = maker(tmp_path / "bad.pdf")
    assert path.stat().st_size > 0
    with pytest.raises(PdfStreamError):
        PdfReader(path)


def test_truncated_is_prefix_of_valid_pdf(tmp_path):
    data = make_truncated_pdf(tmp_path / "t.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"%%EOF" not in data and b"startxref" not in data


def test_renamed_files_have_foreign_magic(tmp_path):
    assert (
        make_html_renamed_pdf(tmp_path / "h.pdf")
        .read_bytes()
        .lstrip()
        .lower()
        .startswith(b"<!doctype html")
    )
    z = make_zip_renamed_pdf(tmp_path / "z.pdf")
    assert zipfile.is_zipfile(z)
    assert (
        make_garbage_pdf(tmp_path / "g.pdf").read_bytes()
        == make_garbage_pdf(tmp_path / "g2.pdf").read_bytes()
    )


def test_empty(tmp_path):
    path = make_empty_file(tmp_path / "empty.pdf")
    assert path.stat().st_size == 0
    with pytest.raises(EmptyFileError):
        PdfReader(path)


def test_image_only_has_no_text(tmp_path):
    path = make_image_only_pdf(tmp_path / "scan.pdf", pages=3)
    reader = PdfReader(path)
    assert len(reader.pages) == 3
    for page in reader.pages:
        assert page.extract_text() == ""
        assert len(page.images) == 1


def test_decompression_bomb(tmp_path):
    start = time.perf_counter()
    path = make_decompression_bomb_pdf(tmp_path / "bomb.pdf")
    assert time.perf_counter() - start < 1.0
    assert path.stat().st_size < 2_000_000
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    start = time.perf_counter()
    with pytest.raises(LimitReachedError):
        reader.pages[0].extract_text()
    assert time.perf_counter() - start < 5.0


def test_decompression_bomb_really_inflates(tmp_path):
    import zlib

    raw = make_decompression_bomb_pdf(tmp_path / "bomb.pdf").read_bytes()
    stream = raw[raw.index(b"stream\n") + 7 : raw.rindex(b"\nendstream")]
    d = zlib.decompressobj()
    total, buf = 0, stream
    while buf and total <= 300_000_000:
        total += len(d.decompress(buf, 1 << 24))
        buf = d.unconsumed_tail
    assert total > 300_000_000


def test_cyclic_page_tree(tmp_path):
    path = make_cyclic_pagetree_pdf(tmp_path / "cyclic.pdf")
    with pytest.raises((PdfReadError, RecursionError)):
        reader = PdfReader(path)
        [page.extract_text() for page in reader.pages]


EXPECTED = {
    "encrypted": FileNotDecryptedError,
    "truncated": PdfStreamError,
    "garbage": PdfStreamError,
    "empty": EmptyFileError,
    "html_renamed": PdfStreamError,
    "zip_renamed": PdfStreamError,
    "image_only": None,  # no exception, empty text
    "decompression_bomb": LimitReachedError,
    "cyclic_page_tree": PdfReadError,
}


def test_bad_pdf_makers_table(tmp_path):
    assert set(BAD_PDF_MAKERS) == set(EXPECTED)
    for name, maker in BAD_PDF_MAKERS.items():
        path = maker(tmp_path / f"{name}.pdf")
        assert path.suffix == ".pdf" and path.exists()

        def read_all(path=path):
            return [page.extract_text() for page in PdfReader(path).pages]

        if EXPECTED[name] is None:
            assert all(text == "" for text in read_all()), name
        else:
            with pytest.raises(EXPECTED[name]):
                read_all()
