"""Broken and hostile PDFs (and files renamed to .pdf), one factory per kind."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from tests.factories.base import _ZIP_DATE, FIXED_DATE, SAMPLE_PAGES, _prepare
from tests.factories.pdf import _render_pdf


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
