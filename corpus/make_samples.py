#!/usr/bin/env python
"""Generate the illustrative sample corpus for the PES knowledge-base project.

Usage (from the repository root, with the project venv active):

    python corpus/make_samples.py                   # (re)write corpus/samples/*
    python corpus/make_samples.py --check-eval      # verify corpus/eval/questions.jsonl
    python corpus/make_samples.py --check-catalogue # verify corpus/catalogue.yaml
    python corpus/make_samples.py --check           # both checks

The documents are illustrative samples written for this project; they are not
official documents of any public employment service (see corpus/README.md).
The output is deterministic: re-running the script produces byte-identical
files (fixed PDF creation date/producer, fixed DOCX zip timestamps).
"""

from __future__ import annotations

import argparse
import html
import io
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from check_samples import CORPUS_DIR, EXT, SAMPLES_DIR, check_catalogue, check_eval  # noqa: E402
from sample_texts import DOCS, EN_DISCLAIMER  # noqa: E402

FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)
PRODUCER = "PES knowledge-base sample generator (fpdf2)"
AUTHOR = "PES knowledge-base project (illustrative sample)"
DEFAULT_HEADER = "PES Network - Illustrative sample practice"

FOOTER = {
    "en": "Page {page} of {nb}",
    "de": "Seite {page} von {nb}",
    "fr": "Page {page} sur {nb}",
    "es": "Página {page} de {nb}",
    "it": "Pagina {page} di {nb}",
    "pt": "Página {page} de {nb}",
    "sv": "Sida {page} av {nb}",
    "nl": "Pagina {page} van {nb}",
}


# --------------------------------------------------------------------------- PDF
class SamplePDF(FPDF):
    def __init__(self, header_text: str, footer_fmt: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.header_text = header_text
        self.footer_fmt = footer_fmt
        self.set_margins(left=25, top=24, right=25)
        self.set_auto_page_break(auto=True, margin=22)

    def header(self):
        self.set_y(10)
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(100, 100, 100)
        self.cell(0, 5, self.header_text, align="L")
        self.set_draw_color(170, 170, 170)
        self.line(self.l_margin, 16, self.w - self.r_margin, 16)
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(100, 100, 100)
        text = self.footer_fmt.format(page=self.page_no(), nb=self.alias_nb_pages_str)
        self.cell(0, 5, text, align="C")
        self.set_text_color(0, 0, 0)

    @property
    def alias_nb_pages_str(self) -> str:
        return self.str_alias_nb_pages


def _check_latin1(doc: dict) -> None:
    for text in _all_strings(doc):
        try:
            text.encode("latin-1")
        except UnicodeEncodeError as exc:  # pragma: no cover - guard for editors
            raise SystemExit(f"{doc['id']}: non latin-1 character in {text[:60]!r}: {exc}") from exc


def _all_strings(doc: dict):
    yield doc["title"]
    yield doc["org_line"]
    yield doc["disclaimer"]
    for heading, paras in doc["sections"]:
        yield heading
        yield from paras


def write_pdf(doc: dict, path: Path) -> None:
    _check_latin1(doc)
    pdf = SamplePDF(doc.get("header", DEFAULT_HEADER), FOOTER[doc["lang"]])
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer(PRODUCER)
    pdf.set_creator(PRODUCER)
    pdf.set_author(AUTHOR)
    pdf.set_lang(doc["lang"])
    if doc.get("set_title", True):
        pdf.set_title(doc["title"])
    pdf.add_page()

    # Title block
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 8.5, doc["title"], align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 10)
    pdf.set_text_color(60, 60, 60)
    pdf.multi_cell(0, 5, doc["org_line"], align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    pdf.set_font("Helvetica", "I", 9)
    disclaimer = doc["disclaimer"]
    if doc["lang"] != "en":
        disclaimer += " (" + EN_DISCLAIMER + ")"
    pdf.multi_cell(0, 4.6, disclaimer, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(3)

    for heading, paras in doc["sections"]:
        # keep a heading together with the start of its first paragraph
        if pdf.get_y() > pdf.page_break_trigger - 28:
            pdf.add_page()
        pdf.ln(2.5)
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 7, heading, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        pdf.set_font("Helvetica", "", 10.5)
        for para in paras:
            pdf.multi_cell(0, 5.6, para, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.4)

    pdf.output(str(path))


# --------------------------------------------------------------------------- Markdown
def write_md(doc: dict, path: Path) -> None:
    lines = [
        f"# {doc['title']}",
        "",
        f"*{doc['org_line']}*",
        "",
        f"> {doc['disclaimer']}",
        ">",
        f"> {EN_DISCLAIMER}",
        "",
    ]
    for heading, paras in doc["sections"]:
        lines += [f"## {heading}", ""]
        for para in paras:
            lines += [para, ""]
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


# --------------------------------------------------------------------------- HTML
def write_html(doc: dict, path: Path) -> None:
    def e(text: str) -> str:
        return html.escape(text, quote=False)

    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{doc["lang"]}">',
        "<head>",
        '  <meta charset="utf-8">',
        f"  <title>{e(doc['title'])} | PES knowledge base (sample site)</title>",
        '  <meta name="description" content="Illustrative sample practice note for the PES knowledge-base project.">',
        "</head>",
        "<body>",
        '  <nav class="site-nav" aria-label="Main">',
        "    <ul>",
        '      <li><a href="/">Home</a></li>',
        '      <li><a href="/practices/">Practices</a></li>',
        '      <li><a href="/reports/">Reports</a></li>',
        '      <li><a href="/news/">News</a></li>',
        '      <li><a href="/contact/">Contact</a></li>',
        "    </ul>",
        '    <form role="search" action="/search"><input type="search" name="q" placeholder="Search the site"><button>Search</button></form>',
        "  </nav>",
        "  <main>",
        "    <article>",
        f"      <h1>{e(doc['title'])}</h1>",
        f'      <p class="meta">{e(doc["org_line"])}</p>',
        f'      <p class="disclaimer"><em>{e(doc["disclaimer"])}</em></p>',
    ]
    for heading, paras in doc["sections"]:
        parts.append(f"      <h2>{e(heading)}</h2>")
        for para in paras:
            parts.append(f"      <p>{e(para)}</p>")
    parts += [
        "    </article>",
        "  </main>",
        '  <footer class="site-footer">',
        "    <p>PES knowledge base - sample site. This page is part of an illustrative sample corpus and is not an official publication.</p>",
        '    <p><a href="/privacy/">Privacy</a> | <a href="/cookies/">Cookie settings</a> | <a href="/accessibility/">Accessibility statement</a> | <a href="/sitemap/">Sitemap</a></p>',
        "    <p>Follow us: LinkedIn | YouTube | Newsletter</p>",
        "  </footer>",
        "</body>",
        "</html>",
        "",
    ]
    path.write_text("\n".join(parts), encoding="utf-8", newline="\n")


# --------------------------------------------------------------------------- DOCX
def write_docx(doc: dict, path: Path) -> None:
    import docx  # python-docx

    d = docx.Document()
    d.add_heading(doc["title"], level=0)  # 'Title' style
    d.add_paragraph(doc["org_line"])
    d.add_paragraph(doc["disclaimer"]).runs[0].italic = True
    for heading, paras in doc["sections"]:
        d.add_heading(heading, level=1)  # 'Heading 1' style
        for para in paras:
            d.add_paragraph(para)
    cp = d.core_properties
    cp.title = doc["title"]
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.comments = EN_DISCLAIMER
    cp.language = doc["lang"]
    cp.created = FIXED_DATE.replace(tzinfo=None)
    cp.modified = FIXED_DATE.replace(tzinfo=None)
    cp.last_printed = FIXED_DATE.replace(tzinfo=None)
    cp.revision = 1

    buf = io.BytesIO()
    d.save(buf)
    # Re-pack the zip with fixed timestamps and member order so output is reproducible.
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, zin.read(name))
    path.write_bytes(out.getvalue())


WRITERS = {"pdf": write_pdf, "md": write_md, "html": write_html, "docx": write_docx}


def generate() -> list[Path]:
    SAMPLES_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in DOCS:
        path = SAMPLES_DIR / (doc["id"] + EXT[doc["fmt"]])
        WRITERS[doc["fmt"]](doc, path)
        written.append(path)
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--check-eval",
        action="store_true",
        help="verify eval excerpts against the generated documents",
    )
    ap.add_argument(
        "--check-catalogue",
        action="store_true",
        help="verify catalogue.yaml against files and vocabularies",
    )
    ap.add_argument("--check", action="store_true", help="run both checks")
    args = ap.parse_args(argv)
    if args.check_eval or args.check_catalogue or args.check:
        rc = 0
        if args.check_eval or args.check:
            rc |= check_eval()
        if args.check_catalogue or args.check:
            rc |= check_catalogue()
        return rc
    for path in generate():
        print("wrote", path.relative_to(CORPUS_DIR))
    return 0


if __name__ == "__main__":
    sys.exit(main())
