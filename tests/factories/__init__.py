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

from collections.abc import Callable
from pathlib import Path

from tests.factories.bad_pdfs import (
    make_cyclic_pagetree_pdf,
    make_decompression_bomb_pdf,
    make_empty_file,
    make_encrypted_pdf,
    make_garbage_pdf,
    make_html_renamed_pdf,
    make_image_only_pdf,
    make_truncated_pdf,
    make_zip_renamed_pdf,
)
from tests.factories.base import FIXED_DATE, SAMPLE_BLOCKS, SAMPLE_PAGES
from tests.factories.documents import (
    HTML_BOILERPLATE,
    make_docx,
    make_html,
    make_markdown,
    make_text,
)
from tests.factories.pdf import PageOverflowError, make_pdf

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
