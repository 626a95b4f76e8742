"""Good DOCX, HTML, Markdown and plain-text documents."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from html import escape as _html_escape
from pathlib import Path

from tests.factories.base import _ZIP_DATE, FIXED_DATE, Block, _prepare

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
