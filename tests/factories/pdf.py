"""Good PDFs (fpdf2): titles, headings and paragraphs placed page by page."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from tests.factories.base import FIXED_DATE, Block, _prepare

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
