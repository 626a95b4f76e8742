"""Test-fixture factories: small, deterministic documents written to disk.

Every factory is a plain function ``(path, ...) -> path``: it creates the
parent directory if needed, writes one file and returns ``path``.  All output
is deterministic (fixed dates, seeded randomness), so the same call always
yields byte-identical files -- except ``make_encrypted_pdf``, for which pypdf
draws random keys -- and every factory finishes well under a second.

Block vocabulary
----------------
Good documents are described as a list of ``(kind, text)`` blocks:

* PDF (``make_pdf``): kinds ``"title"`` (18pt bold), ``"heading"`` (13pt
  bold) and ``"para"`` (11pt regular, wrapped).  ``"heading1"`` and
  ``"heading2"`` are accepted as aliases of ``"heading"`` so the same blocks
  can be fed to every factory.
* DOCX / HTML / Markdown / text: kinds ``"title"``, ``"heading1"``,
  ``"heading2"`` and ``"para"``; ``"heading"`` is an alias of ``"heading1"``.

Heading levels per format (the title counts as level 1):

==========  ===============  ============  ============  =========
kind        DOCX style       HTML          Markdown      plain text
==========  ===============  ============  ============  =========
title       Title            <h1 class=    ``# text``    own line
                             "title">
heading1    Heading 1        <h1>          ``# text``    own line
heading2    Heading 2        <h2>          ``## text``   own line
para        Normal           <p>           paragraph     paragraph
==========  ===============  ============  ============  =========

Bad PDFs
--------
``BAD_PDF_MAKERS`` maps a kind name to a one-argument factory.  What pypdf
7.1.1 does with each (checked by ``tests/test_factories.py``):

==================  ==========================================================
kind                pypdf 7.1.1 behaviour
==================  ==========================================================
encrypted           ``FileNotDecryptedError`` when pages are read
truncated           ``PdfStreamError`` from ``PdfReader()``
garbage             ``PdfStreamError`` from ``PdfReader()``
empty               ``EmptyFileError`` from ``PdfReader()``
html_renamed        ``PdfStreamError`` from ``PdfReader()``
zip_renamed         ``PdfStreamError`` from ``PdfReader()``
image_only          opens fine; ``page.extract_text()`` returns ``""``
decompression_bomb  opens fine; ``LimitReachedError`` from ``extract_text()``
cyclic_page_tree    ``PdfReadError`` when pages are read
==================  ==========================================================
All of these exceptions are subclasses of ``pypdf.errors.PdfReadError``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from html import escape as _html_escape
from pathlib import Path

__all__ = [
    "FIXED_DATE",
    "make_pdf",
    "make_docx",
    "make_html",
    "make_markdown",
    "make_text",
    "make_encrypted_pdf",
    "make_truncated_pdf",
    "make_garbage_pdf",
    "make_empty_file",
    "make_html_renamed_pdf",
    "make_zip_renamed_pdf",
    "make_image_only_pdf",
    "make_decompression_bomb_pdf",
    "make_cyclic_pagetree_pdf",
    "BAD_PDF_MAKERS",
    "SAMPLE_PAGES",
    "SAMPLE_BLOCKS",
    "HTML_BOILERPLATE",
    "PageOverflowError",
]

#: Creation/modification date stamped into every generated document.
FIXED_DATE = _dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=_dt.UTC)
_ZIP_DATE = (2024, 1, 2, 3, 4, 6)  # zip timestamps have 2 s resolution

Block = tuple[str, str]


def _prepare(path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


# ---------------------------------------------------------------------------
# Sample content (written for these fixtures)
# ---------------------------------------------------------------------------

#: A small two-page document for ``make_pdf``; every item fits on its page.
SAMPLE_PAGES: list[list[Block]] = [
    [
        ("title", "Payment for Watershed Services: Pilot Review"),
        ("heading", "1. Background"),
        (
            "para",
            "Upstream farmers in the pilot catchment agreed to keep riparian "
            "strips under permanent cover in exchange for annual payments "
            "funded by the downstream water utility.",
        ),
        ("heading", "2. Design of the scheme"),
        (
            "para",
            "Payments were conditional on verified land use, checked twice a "
            "year by field visits and satellite imagery.",
        ),
    ],
    [
        ("heading", "3. Results"),
        (
            "para",
            "Sediment loads at the intake fell by roughly a fifth over three "
            "seasons, while participation stayed above eighty percent.",
        ),
        ("heading", "4. Lessons"),
        (
            "para",
            "Clear baselines and a trusted intermediary mattered more than "
            "the exact payment level.",
        ),
    ],
]

#: Blocks for the non-PDF factories (docx/html/markdown/text).
SAMPLE_BLOCKS: list[Block] = [
    ("title", "Carbon Credits from Smallholder Agroforestry"),
    ("heading1", "Introduction"),
    (
        "para",
        "Smallholders who plant shade trees among their crops can earn "
        "credits for the carbon those trees store.",
    ),
    ("heading2", "Eligibility"),
    (
        "para",
        "Plots must be mapped, and tree counts must be audited by an "
        "independent verifier every five years.",
    ),
    ("heading1", "Conclusion"),
    ("para", "Transaction costs remain the main barrier to entry."),
]


# ---------------------------------------------------------------------------
# Good PDF
# ---------------------------------------------------------------------------

_PDF_STYLES = {
    # kind: (style, size pt, line height mm, space after mm)
    "title": ("B", 18, 9.0, 4.0),
    "heading": ("B", 13, 6.5, 2.0),
    "para": ("", 11, 5.0, 3.0),
}
_PDF_KIND_ALIASES = {"heading1": "heading", "heading2": "heading"}


class PageOverflowError(ValueError):
    """The items given for one page did not fit on that page.

    ``page_index`` (0-based) and ``item_index`` say which item overflowed.
    """

    def __init__(self, message: str, page_index: int, item_index: int) -> None:
        super().__init__(message)
        self.page_index = page_index
        self.item_index = item_index


@functools.cache
def _fpdf_class():
    from fpdf import FPDF

    class _FixturePDF(FPDF):
        running_header: str | None = None
        running_footer: str | None = None

        def header(self) -> None:  # noqa: D401 - fpdf hook
            if self.running_header:
                self.set_font("Helvetica", "I", 9)
                self.cell(
                    0,
                    5,
                    self._running(self.running_header),
                    align="C",
                    new_x="LMARGIN",
                    new_y="NEXT",
                )
                self.ln(4)

        def footer(self) -> None:  # noqa: D401 - fpdf hook
            if self.running_footer:
                self.set_y(-15)
                self.set_font("Helvetica", "I", 9)
                self.cell(0, 5, self._running(self.running_footer), align="C")

        def _running(self, template: str) -> str:
            # {total} becomes fpdf's page-count alias, substituted on output.
            return template.format(n=self.page_no(), total=self.str_alias_nb_pages)

    return _FixturePDF


def make_pdf(
    path: Path,
    pages: Sequence[Sequence[Block]],
    title: str | None = None,
    header: str | None = None,
    footer: str | None = "Page {n} of {total}",
) -> Path:
    """Write a real text PDF (fpdf2, core font Helvetica, A4 portrait).

    ``pages`` is one list of ``(kind, text)`` items per page; kinds are
    ``"title"`` (18pt bold), ``"heading"`` (13pt bold) and ``"para"`` (11pt,
    word-wrapped, left-aligned).  Each given page starts on a new PDF page.

    Page guarantee: the items of ``pages[i]`` are always on PDF page ``i``.
    If they would not fit (fpdf2 would break onto a new page),
    ``PageOverflowError`` is raised instead of silently shifting content.
    Roughly 450 words of body text plus a few headings fit on one page.

    ``header``/``footer`` are running lines on every page, formatted with
    ``str.format(n=<page number>, total=<page count>)`` (so literal braces
    must be doubled); pass ``None`` to omit one.  ``title`` sets the
    document-information /Title.  Text must be encodable in latin-1
    (fpdf2 raises ``FPDFUnicodeEncodingException`` otherwise).

    Note on extraction: pypdf returns wrapped paragraphs with line breaks
    where fpdf2 wrapped them, so compare text after collapsing whitespace.
    """
    path = _prepare(path)
    pdf = _render_pdf(pages, title=title, header=header, footer=footer)
    path.write_bytes(pdf)
    return path


def _render_pdf(
    pages: Sequence[Sequence[Block]],
    title: str | None = None,
    header: str | None = None,
    footer: str | None = "Page {n} of {total}",
) -> bytes:
    cls = _fpdf_class()
    pdf = cls(orientation="P", unit="mm", format="A4")
    pdf.running_header = header
    pdf.running_footer = footer
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("tests.factories")
    pdf.set_creator("tests.factories")
    if title is not None:
        pdf.set_title(title)
    pdf.set_margins(left=18, top=16, right=18)
    pdf.set_auto_page_break(auto=True, margin=20)
    if not pages:
        pages = [[]]
    for index, items in enumerate(pages):
        pdf.add_page()
        expected_page = pdf.page
        for item_index, (kind, text) in enumerate(items):
            kind = _PDF_KIND_ALIASES.get(kind, kind)
            if kind not in _PDF_STYLES:
                raise ValueError(f"unknown PDF block kind {kind!r}")
            style, size, line_h, after = _PDF_STYLES[kind]
            pdf.set_font("Helvetica", style, size)
            for line in _wrap(pdf, text, pdf.epw - 2 * pdf.c_margin):
                pdf.cell(0, line_h, line, new_x="LMARGIN", new_y="NEXT")
                if pdf.page != expected_page:
                    break
            if pdf.page != expected_page:
                raise PageOverflowError(
                    f"content of page {index + 1} does not fit on one PDF page "
                    f"(overflowed while writing item {item_index}, a {kind!r}); shorten it",
                    page_index=index,
                    item_index=item_index,
                )
            pdf.ln(after)
    return bytes(pdf.output())


def _wrap(pdf, text: str, width: float) -> list[str]:
    """Greedy word wrap for the current font (left-aligned lines).

    Used instead of ``FPDF.multi_cell`` because fpdf2 2.8's line breaker
    re-measures the growing line for every character, which made a
    400-word page cost ~70 ms; measuring each word once is ~10x faster.
    Explicit newlines in ``text`` are kept as line breaks; a word wider than
    the line is split by characters.
    """
    widths: dict[str, float] = {}

    def w(s: str) -> float:
        if s not in widths:
            widths[s] = pdf.get_string_width(s)
        return widths[s]

    space = w(" ")
    lines: list[str] = []
    for raw_line in text.split("\n"):
        current: list[str] = []
        current_w = 0.0
        for word in raw_line.split():
            while w(word) > width:  # overlong token: hard-split it
                cut = len(word) - 1
                while cut > 1 and w(word[:cut]) > width:
                    cut -= 1
                if current:
                    lines.append(" ".join(current))
                    current, current_w = [], 0.0
                lines.append(word[:cut])
                word = word[cut:]
            extra = w(word) + (space if current else 0.0)
            if current and current_w + extra > width:
                lines.append(" ".join(current))
                current, current_w = [word], w(word)
            else:
                current.append(word)
                current_w += extra
        lines.append(" ".join(current))
    return lines


# ---------------------------------------------------------------------------
# Other good formats
# ---------------------------------------------------------------------------

_DOCX_STYLES = {
    "title": "Title",
    "heading1": "Heading 1",
    "heading": "Heading 1",
    "heading2": "Heading 2",
    "para": None,  # the document's default ("Normal") style
}


def _check_kinds(blocks: Iterable[Block], allowed: Iterable[str]) -> None:
    allowed = set(allowed)
    for kind, _ in blocks:
        if kind not in allowed:
            raise ValueError(f"unknown block kind {kind!r}; expected one of {sorted(allowed)}")


def make_docx(path: Path, blocks: Sequence[Block], title: str | None = None) -> Path:
    """Write a .docx with python-docx.

    Kinds map to styles: ``"title"`` -> 'Title', ``"heading1"`` ->
    'Heading 1', ``"heading2"`` -> 'Heading 2', ``"para"`` -> 'Normal'.
    ``core_properties.title`` is set when ``title`` is given.  Dates and zip
    timestamps are fixed, so the file is byte-for-byte reproducible.
    """
    import docx

    _check_kinds(blocks, _DOCX_STYLES)
    path = _prepare(path)
    document = docx.Document()
    for kind, text in blocks:
        style = _DOCX_STYLES[kind]
        if style is None:
            document.add_paragraph(text)
        else:
            document.add_paragraph(text, style=style)
    props = document.core_properties
    props.title = title or ""
    props.author = "tests.factories"
    props.last_modified_by = "tests.factories"
    props.revision = 1
    naive = FIXED_DATE.replace(tzinfo=None)
    props.created = naive
    props.modified = naive
    props.last_printed = naive
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_normalise_zip(buffer.getvalue()))
    return path


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps (same member order and content)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


_HTML_TAGS = {
    "title": ('<h1 class="title">', "</h1>"),
    "heading1": ("<h1>", "</h1>"),
    "heading": ("<h1>", "</h1>"),
    "heading2": ("<h2>", "</h2>"),
    "para": ("<p>", "</p>"),
}

#: Boilerplate strings in ``make_html`` output that a loader should drop.
HTML_BOILERPLATE = {
    "nav": ["Home", "Publications", "Contact us"],
    "footer": "Copyright 2024 Example Institute. All rights reserved.",
    "script": "BOILERPLATE_SCRIPT_MARKER",
}


def make_html(path: Path, blocks: Sequence[Block], title: str | None = None) -> Path:
    """Write an HTML page: <title>, body blocks as <h1>/<h2>/<p>, and boilerplate.

    ``"title"`` -> ``<h1 class="title">``, ``"heading1"`` -> ``<h1>``,
    ``"heading2"`` -> ``<h2>``, ``"para"`` -> ``<p>``; content sits in
    ``<main>``.  Around it are a ``<nav>`` menu, a ``<footer>`` and
    ``<script>``/``<style>`` tags whose text (see ``HTML_BOILERPLATE``)
    must not survive a good loader.
    """
    _check_kinds(blocks, _HTML_TAGS)
    path = _prepare(path)
    nav = "\n".join(
        f'      <li><a href="/{item.lower().replace(" ", "-")}">{item}</a></li>'
        for item in HTML_BOILERPLATE["nav"]
    )
    body = "\n".join(
        f"    {_HTML_TAGS[kind][0]}{_html_escape(text)}{_HTML_TAGS[kind][1]}"
        for kind, text in blocks
    )
    head_title = f"  <title>{_html_escape(title)}</title>\n" if title is not None else ""
    html = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n'
        '  <meta charset="utf-8">\n'
        f"{head_title}"
        "  <style>body { font-family: sans-serif; } .hidden { display: none; }</style>\n"
        "  <script>\n"
        f'    window.analytics = {{ id: "{HTML_BOILERPLATE["script"]}" }};\n'
        "  </script>\n"
        "</head>\n<body>\n"
        '  <nav class="menu">\n    <ul>\n'
        f"{nav}\n"
        "    </ul>\n  </nav>\n"
        "  <main>\n"
        f"{body}\n"
        "  </main>\n"
        f"  <footer><p>{HTML_BOILERPLATE['footer']}</p></footer>\n"
        f'  <script src="/static/app.js"></script>\n'
        "</body>\n</html>\n"
    )
    path.write_text(html, encoding="utf-8")
    return path


_MD_PREFIX = {"title": "# ", "heading1": "# ", "heading": "# ", "heading2": "## ", "para": ""}


def make_markdown(path: Path, blocks: Sequence[Block]) -> Path:
    """Write Markdown: ``"title"``/``"heading1"`` -> ``# ``, ``"heading2"`` -> ``## ``.

    Blocks are separated by one blank line; paragraphs are single lines.
    """
    _check_kinds(blocks, _MD_PREFIX)
    path = _prepare(path)
    text = "\n\n".join(_MD_PREFIX[kind] + body for kind, body in blocks) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def make_text(path: Path, blocks: Sequence[Block]) -> Path:
    """Write plain UTF-8 text: each heading on its own line, blocks separated by
    a blank line, each paragraph a single (unwrapped) line."""
    _check_kinds(blocks, _MD_PREFIX)
    path = _prepare(path)
    text = "\n\n".join(body for _, body in blocks) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# Bad PDFs
# ---------------------------------------------------------------------------


def make_encrypted_pdf(path: Path, aes: bool = True) -> Path:
    """A PDF encrypted with user password ``"secret"`` (AES-256 or RC4-128).

    pypdf: opening works, reading ``reader.pages`` raises
    ``FileNotDecryptedError``.  AES needs ``cryptography`` (both to write
    and, after ``reader.decrypt("secret")``, to read).
    """
    from pypdf import PdfReader, PdfWriter

    path = _prepare(path)
    plain = _render_pdf(SAMPLE_PAGES, title="Encrypted fixture")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    writer.encrypt(
        user_password="secret",
        owner_password="owner-secret",
        algorithm="AES-256" if aes else "RC4-128",
    )
    # pypdf draws a random /ID and random keys; the file content differs per
    # call but the behaviour does not.
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def make_truncated_pdf(path: Path) -> Path:
    """A valid multi-page PDF cut to 40% of its bytes (no xref, no %%EOF).

    pypdf 7.1.1: ``PdfReader()`` raises ``PdfStreamError`` (a ``PdfReadError``).
    """
    path = _prepare(path)
    pages = SAMPLE_PAGES * 3
    data = _render_pdf(pages, title="Truncated fixture")
    path.write_bytes(data[: int(len(data) * 0.4)])
    return path


def make_garbage_pdf(path: Path, size: int = 4096, seed: int = 1234) -> Path:
    """Seeded random bytes named .pdf. pypdf: ``PdfStreamError`` from ``PdfReader()``."""
    path = _prepare(path)
    data = random.Random(seed).randbytes(size)
    if b"%PDF" in data:  # astronomically unlikely; keep the fixture honest
        data = data.replace(b"%PDF", b"%PDX")
    path.write_bytes(data)
    return path


def make_empty_file(path: Path) -> Path:
    """A zero-byte file. pypdf: ``EmptyFileError`` from ``PdfReader()``."""
    path = _prepare(path)
    path.write_bytes(b"")
    return path


def make_html_renamed_pdf(path: Path) -> Path:
    """An HTML page (like a login/error page a crawler saved) named .pdf.

    pypdf: ``PdfStreamError`` from ``PdfReader()``.
    """
    path = _prepare(path)
    html = (
        "<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>\n"
        "<body><h1>Access denied</h1>\n"
        "<p>You need to sign in to download this report.</p>\n"
        "</body></html>\n"
    )
    path.write_bytes(html.encode("utf-8"))
    return path


def make_zip_renamed_pdf(path: Path) -> Path:
    """A zip archive (with a text member) named .pdf.

    pypdf: ``PdfStreamError`` from ``PdfReader()``.
    """
    path = _prepare(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("report/summary.txt", date_time=_ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, "This archive was mistakenly saved with a .pdf extension.\n" * 20)
    path.write_bytes(out.getvalue())
    return path


def _png_bytes(width: int, height: int, seed: int = 7) -> bytes:
    """A greyscale 8-bit PNG resembling a scanned page (noise + dark 'lines').

    Written by hand with zlib; no imaging library needed.
    """
    rng = random.Random(seed)
    rows = []
    for y in range(height):
        inked = (y // 6) % 3 == 1 and 8 <= y < height - 8  # bands like text lines
        row = bytearray(b"\x00")  # filter type 0 (None)
        for x in range(width):
            base = 60 if inked and 8 <= x < width - 8 and rng.random() < 0.6 else 235
            row.append(max(0, min(255, base + rng.randint(-15, 15))))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(tag: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(tag + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + tag + payload + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def make_image_only_pdf(path: Path, pages: int = 2) -> Path:
    """A 'scanned' PDF: every page is an embedded image plus drawn shapes.

    There is no text layer (no font resources, no text operators), so pypdf
    opens it fine and ``page.extract_text()`` returns ``""`` silently.
    """
    from fpdf import FPDF

    path = _prepare(path)
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("tests.factories")
    pdf.set_auto_page_break(False)
    for page_no in range(max(1, pages)):
        pdf.add_page()
        png = _png_bytes(160, 200, seed=page_no)
        pdf.image(io.BytesIO(png), x=15, y=20, w=180, h=225)
        # scanner artefacts: a border and a punched-hole shadow
        pdf.set_draw_color(90, 90, 90)
        pdf.rect(10, 12, 190, 272)
        pdf.set_fill_color(40, 40, 40)
        pdf.ellipse(5, 140, 4, 4, style="F")
    path.write_bytes(bytes(pdf.output()))
    return path


def _raw_pdf(objects: Sequence[bytes], root: int = 1) -> bytes:
    """Assemble a PDF from object bodies (object i+1 = objects[i]) with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


_BOMB_CACHE: dict[int, bytes] = {}


def _bomb_stream(inflated_mb: int) -> bytes:
    """zlib data inflating to ``inflated_mb`` MiB of repeated path operators.

    Built fast: one 1 MiB chunk is compressed with a full flush (which resets
    the compressor's history), so its compressed form can simply be repeated;
    the adler-32 checksum is computed with the incremental API.
    """
    if inflated_mb in _BOMB_CACHE:
        return _BOMB_CACHE[inflated_mb]
    unit = b"0 0 m\n"
    chunk = unit * ((1 << 20) // len(unit))  # 1,048,572 bytes, whole operators
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush(zlib.Z_FINISH)  # final empty block
    adler = 1
    for _ in range(inflated_mb):
        adler = zlib.adler32(chunk, adler)
    data = b"\x78\xda" + block * inflated_mb + tail + struct.pack(">I", adler)
    _BOMB_CACHE[inflated_mb] = data
    return data


def make_decompression_bomb_pdf(path: Path, inflated_mb: int = 400) -> Path:
    """A ~0.4 MB one-page PDF whose FlateDecode content stream inflates to
    ``inflated_mb`` MiB (default 400, i.e. ~420 MB) of ``0 0 m`` operators.

    pypdf 7.1.1 opens it fine; ``page.extract_text()`` raises
    ``LimitReachedError`` (its zlib output limit is 75 MB).  The stream is
    a valid zlib stream, so a decoder without limits would really inflate it.
    """
    path = _prepare(path)
    stream = _bomb_stream(inflated_mb)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        # A font resource matters: pypdf's extract_text() returns "" without
        # reading the content stream when a page has no resources at all.
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(_raw_pdf(objects))
    return path


def make_cyclic_pagetree_pdf(path: Path) -> Path:
    """A hand-written PDF whose /Pages node lists itself among its /Kids.

    Objects: 1 Catalog -> 2 Pages /Kids [3 0 R 2 0 R]; 3 is a real page with
    a text content stream.  pypdf 7.1.1 raises ``PdfReadError`` ("Detected
    cyclic page references.") when ``reader.pages`` is used.
    """
    path = _prepare(path)
    content = b"BT /F1 12 Tf 72 720 Td (Cyclic page tree fixture) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(_raw_pdf(objects))
    return path


BAD_PDF_MAKERS: dict[str, Callable[[Path], Path]] = {
    "encrypted": make_encrypted_pdf,
    "truncated": make_truncated_pdf,
    "garbage": make_garbage_pdf,
    "empty": make_empty_file,
    "html_renamed": make_html_renamed_pdf,
    "zip_renamed": make_zip_renamed_pdf,
    "image_only": make_image_only_pdf,
    "decompression_bomb": make_decompression_bomb_pdf,
    "cyclic_page_tree": make_cyclic_pagetree_pdf,
}
