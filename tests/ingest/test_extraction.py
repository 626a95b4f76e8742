"""Typeset-PDF extraction (issue 11): hyphens, ligatures, running lines, headings, page
labels, OCR. The fixture PDFs are written here with fpdf2, line by line, so each test
decides where a line ends; their text is illustrative, written for these tests."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from ingest import ocr
from ingest.cleaning import Vocabulary, join_lines
from ingest.loaders import load_pdf
from ingest.prepare import PrepareJob, prepare
from ingest.repair import fix_glyphs, glyph_leaks, is_print_mark

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

# Filler in the document's language, so its vocabulary knows its words and conjunctions.
DE_FILLER = [
    "Die Agentur berät Sie und Ihre Familie aus der Region und hilft bei der Suche",
    "nach Arbeit und Ausbildung. Langzeitarbeitslose und Berufsrückkehrer erhalten",
    "Beratung und Unterstützung, und die Unterbrechung der Leistung wird vermieden.",
    "Der Antrag auf Arbeitslosengeld ist rechtzeitig zu stellen und die Unterlagen",
    "sind vollständig einzureichen, auch wenn Sie eine Arbeit aus eigener Kraft",
    "finden. Die Beratung ist kostenlos und die Agentur ist für Sie da.",
]
SV_FILLER = [
    "Arbetsförmedlingen stödjer arbetssökande och arbetsgivare i hela landet och",
    "arbetar med matchning och vägledning. Arbetsförmedlingen har kontor i varje",
    "region och erbjuder stöd och service till alla som söker arbete och utbildning.",
]


def _pdf(
    path: Path,
    pages: list[list],
    labels: dict[int, tuple[str, int]] | None = None,
    footer=None,
    header=None,
) -> Path:
    """Each page a list of lines: a string (10 pt body) or (text, size, bold).

    ``labels``: page index -> (style, start) for PDF page labels; ``header``/``footer``:
    a function of the page index giving that page's running line (or None)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.add_font("DejaVu", "B", str(DEJAVU_BOLD))
    for index, lines in enumerate(pages):
        pdf.add_page()
        if labels and index in labels:
            style, start = labels[index]
            pdf.set_page_label(label_style=style, label_start=start)
        pdf.set_font("DejaVu", "", 8)
        if header and header(index):
            pdf.text(50, 40, header(index))
        if footer and footer(index):
            pdf.text(290, 810, footer(index))
        y = 80.0
        for line in lines:
            text, size, bold = (line, 10, False) if isinstance(line, str) else line
            pdf.set_font("DejaVu", "B" if bold else "", size)
            if isinstance(text, tuple):  # separate fragments on one line: "2.4", "Pflichten"
                x = 50.0
                for part in text:
                    pdf.text(x, y, part)
                    x += pdf.get_string_width(part) + size * 0.6
            else:
                pdf.text(50, y, text)
            y += size * 1.45
    pdf.output(str(path))
    return path


def _text(doc) -> str:
    return "\n".join(b.text for b in doc.blocks)


def test_soft_and_line_end_hyphens_in_german_join_by_the_documents_vocabulary(tmp_path):
    lines = [
        *DE_FILLER,
        "Bei einer Unterbre\u00ad",
        "chung melden Sie sich. Langzeit-",
        "arbeitslose erhalten Aus-",
        "und Weiterbildung. Der Arbeitslosengeld-",
        "Antrag ist online als e-",
        "services Angebot verfügbar. Die Arbeitsauf\u00ad",
        "nahme wird gefördert, auch für Berufs-",
        "rückkehrer aus der Region.",
    ]
    repairs: Counter[str] = Counter()
    doc = load_pdf(_pdf(tmp_path / "de.pdf", [lines]))
    text = _text(doc)
    for word in ("Unterbrechung melden", "Langzeitarbeitslose erhalten", "Arbeitsaufnahme wird"):
        assert word in text
    assert "Berufsrückkehrer aus" in text  # joined: the document uses the word elsewhere
    assert "Aus- und Weiterbildung" in text  # a suspended hyphen stays
    assert "Arbeitslosengeld-Antrag" in text  # a capital after the hyphen: a compound
    assert "e-services" in text
    assert doc.repairs["soft_hyphen_joins"] == 2
    assert doc.repairs["hyphen_joins"] >= 2 and doc.repairs["hyphens_kept"] >= 3
    assert repairs == Counter()  # (the loader keeps its own counts)


def test_swedish_line_end_hyphens(tmp_path):
    lines = [
        *SV_FILLER,
        "Service-, omsorgs-",
        "och vårdpersonal söker stöd hos Arbets-",
        "förmedlingen i regionen och utbild\u00ad",
        "ning ges.",
    ]
    text = _text(load_pdf(_pdf(tmp_path / "sv.pdf", [lines])))
    assert "Service-, omsorgs- och vårdpersonal" in text
    assert "hos Arbetsförmedlingen i" in text
    assert "utbildning ges." in text


def test_soft_hyphen_drawn_as_a_word_space_becomes_a_space(tmp_path):
    lines = [
        *DE_FILLER,
        ("2.4\u00ad\u00adPflichten", 12, True),
        "Die\u00adBeratung\u00adfür\u00adBerufs\u00adrückkehrer\u00adist kostenlos.",
        "Die Arbeitslosigkeit beginnt mit der Meldung und\u00ad",
        "Unterlagen sind mitzubringen.",
    ]
    doc = load_pdf(_pdf(tmp_path / "space.pdf", [lines]))
    text = _text(doc)
    assert "2.4 Pflichten" in [b.text for b in doc.blocks if b.kind == "heading"]
    assert "Die Beratung für Berufsrückkehrer ist kostenlos." in text
    assert "Meldung und Unterlagen sind" in text


def test_word_broken_at_the_foot_of_a_page_joins_the_next_page(tmp_path):
    first = [*DE_FILLER, "Die Leistungen werden nach der Unterbre\u00ad"]
    second = ["chung wieder gezahlt.", *DE_FILLER]
    doc = load_pdf(_pdf(tmp_path / "pp.pdf", [first, second]))
    paras = [b for b in doc.blocks if b.kind == "para"]
    assert any(b.text.endswith("nach der Unterbrechung") and b.page == 1 for b in paras)
    assert any(b.text.startswith("wieder gezahlt.") and b.page == 2 for b in paras)


def test_ligatures_glyph_names_and_print_marks(tmp_path):
    lines = [
        "job_4711_leaflet.indd 1 10.02.2015 13:20:58",
        "Die \ufb01nanzielle Hilfe und der Ein\ufb02uss der Beratung.",
        *DE_FILLER,
    ]
    doc = load_pdf(_pdf(tmp_path / "lig.pdf", [lines]))
    text = _text(doc)
    assert "finanzielle Hilfe und der Einfluss" in text
    assert ".indd" not in text and "13:20:58" not in text
    assert doc.repairs["print_marks"] == 1 and doc.repairs["ligatures"] == 2
    assert glyph_leaks(text) == 0
    # pypdf writes glyph names where a font maps a glyph to no character
    counts: Counter[str] = Counter()
    assert fix_glyphs("m./f_l. och /uniFB01n", counts) == "m.fl. och ﬁn"
    assert fix_glyphs("/square6 its output", counts) == "• its output"
    assert fix_glyphs("und/oder km/h www.x.de/eservices /Jobcenter", counts) == (
        "und/oder km/h www.x.de/eservices /Jobcenter"
    )
    assert counts["glyph_names"] == 3
    assert not is_print_mark("Am 10.02.2015 um 13:20:58 Uhr wurde der Antrag gestellt, "
                             "und die Agentur hat ihn am selben Tag bearbeitet.")  # fmt: skip


def _page(i: int) -> list[str]:
    """A page of filler between lines of its own, as body text is on real pages."""
    return [
        f"Auf Seite {i} geht es um das Thema Nummer {i}.",
        *DE_FILLER,
        f"Am Ende von Seite {i} steht ein Hinweis Nummer {i}.",
        f"Der letzte Satz von Seite {i} schließt den Abschnitt {i}.",
    ]


def test_chapter_header_on_three_pages_is_kept_once_as_a_heading(tmp_path):
    chapter = "2. Was ist bei Arbeitslosigkeit zu tun?"
    pdf = _pdf(
        tmp_path / "run.pdf",
        [_page(i) for i in range(8)],
        header=lambda i: chapter if 1 <= i <= 3 else None,
        footer=lambda i: str(i + 1),
    )
    job = PrepareJob(str(pdf), "run.pdf", "run", {}, 120, 20, 512, False, 0, ocr=False)
    prepared = prepare(job)
    assert all(chapter not in c.text for c in prepared.chunks)
    doc = load_pdf(pdf)
    assert [(b.text, b.page) for b in doc.blocks if b.kind == "heading"] == [(chapter, 2)]
    assert doc.repairs["running_lines"] == 3 + 8  # the header on 3 pages, 8 page numbers
    pages_of = {
        c.metadata["page_start"] for c in prepared.chunks if c.metadata["heading_path"] == chapter
    }
    assert pages_of >= {2, 3, 4}  # the chapter is the section of its pages' chunks


def test_two_line_heading_and_numbered_heading(tmp_path):
    lines = [
        ("Ihre Agentur für Arbeit hält viele", 10, True),
        ("Informationen für Sie bereit.", 10, True),
        *DE_FILLER,
        (("2.4", "Pflichten"), 10, True),
        *DE_FILLER,
    ]
    doc = load_pdf(_pdf(tmp_path / "h.pdf", [lines]))
    assert [b.text for b in doc.blocks if b.kind == "heading"] == [
        "Ihre Agentur für Arbeit hält viele Informationen für Sie bereit.",
        "2.4 Pflichten",
    ]


def test_page_labels_from_the_pdf_reach_chunks_and_citations(tmp_path):
    from kb.answer.citations import _citation
    from kb.core.types import Passage

    pages = [_page(i) for i in range(4)]
    pdf = _pdf(tmp_path / "labels.pdf", pages, labels={0: ("r", 4), 2: ("D", 1)})
    doc = load_pdf(pdf)
    assert doc.page_labels == ["iv", "v", "1", "2"] and doc.label_source == "pdf"
    job = PrepareJob(str(pdf), "labels.pdf", "labels", {}, 80, 0, 512, False, 0, ocr=False)
    chunks = prepare(job).chunks
    by_page = {c.metadata["page_start"]: c.metadata["page_label"] for c in chunks}
    assert by_page == {1: "iv", 2: "v", 3: "1", 4: "2"}
    last = chunks[-1]
    citation = _citation(1, Passage(last.id, "labels", last.text, last.metadata), "", "de")
    assert citation.page == 4 and citation.page_display == "2"
    assert citation.link.endswith("#page=4")  # the link opens the PDF's own page index


def test_printed_page_numbers_without_pdf_labels(tmp_path):
    pages = [_page(i) for i in range(5)]
    # a cover without a number, then pages numbered from 3 (the printed page 2 is a flap)
    pdf = _pdf(tmp_path / "printed.pdf", pages, footer=lambda i: str(i + 2) if i else None)
    doc = load_pdf(pdf)
    assert doc.label_source == "printed"
    assert doc.page_labels == ["", "3", "4", "5", "6"]


def _image_pdf(path: Path, lines: list[str]) -> Path:
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(DEJAVU), 40)
    for i, line in enumerate(lines):
        draw.text((150, 200 + i * 70), line, fill=0, font=font)
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10)
    for i, line in enumerate(DE_FILLER):
        pdf.text(50, 80 + 14 * i, line)
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=595, h=842)
    pdf.output(str(path))
    return path


@pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr / poppler-utils not installed")
def test_image_only_page_is_read_by_ocr_and_marked(tmp_path):
    scanned = [
        "Die Vermittlung in Arbeit beginnt mit einem",
        "Gespräch über Ihre Erfahrungen und Ziele.",
        "Bringen Sie Ihren Lebenslauf und Zeugnisse mit.",
        "Die Beratung ist freiwillig und kostenlos.",
    ]
    pdf = _image_pdf(tmp_path / "scan.pdf", scanned)
    job = PrepareJob(str(pdf), "scan.pdf", "scan", {"language": "de"}, 350, 0, 512, False, 0)
    prepared = prepare(job)
    assert prepared.extraction["ocr_pages"] == [2]
    ocr_chunks = [c for c in prepared.chunks if c.metadata["ocr"]]
    assert ocr_chunks and all(c.metadata["page_end"] == 2 for c in ocr_chunks)
    read = " ".join(c.text for c in ocr_chunks).split()
    expected = " ".join(scanned).split()
    found = sum(1 for word in expected if word in read)
    assert found / len(expected) >= 0.9, (found, len(expected), read)
    assert not prepared.warnings


def test_ocr_disabled_keeps_the_needs_ocr_warning(tmp_path):
    pdf = _image_pdf(tmp_path / "scan.pdf", ["Ein Satz auf einem Bild."])
    job = PrepareJob(str(pdf), "scan.pdf", "scan", {}, 350, 0, 512, False, 0, ocr=False)
    prepared = prepare(job)
    assert prepared.warnings == ["page(s) 2: no text layer, needs OCR"]
    assert prepared.extraction["ocr_pages"] == [] and prepared.extraction["empty_pages"] == [2]


def test_join_lines_is_linear_in_the_number_of_lines():
    lines = [
        f"Zeile {n} mit Text über Arbeits-" if n % 3 == 0 else "vermittlung und mehr"
        for n in range(100_000)
    ]
    started = time.perf_counter()
    text = join_lines(lines)
    assert time.perf_counter() - started < 10
    assert text.count("Arbeitsvermittlung") == 33_333  # the last line ends broken


def test_vocabulary_skips_fragments_at_line_breaks():
    vocab = Vocabulary.from_lines(["Die Unterbre\u00ad", "chung dauert an.", "Arbeits-", "markt"])
    assert "unterbre" not in vocab and "chung" not in vocab and "dauert" in vocab


def test_run_report_lists_pages_ocrd_pages_without_text_and_repairs():
    from ingest.report import FileReport, RunReport

    item = FileReport(
        "a.pdf",
        "a",
        "added",
        chunks=3,
        extraction={
            "pages": 12,
            "ocr_pages": [3, 4],
            "empty_pages": [9],
            "page_labels": "printed",
            "repairs": {"soft_hyphen_joins": 40, "glyph_names": 2, "print_marks": 0},
        },
    )
    report = RunReport("now", "corpus", "index", files=[item])
    line = "  extracted a.pdf: 12 pages; OCR'd: 2 (p. 3, 4); without text: 1 (p. 9); "
    assert line + "page numbers: printed; repairs: 2 glyph names, 40 soft hyphen joins" in (
        report.render()
    )
    assert report.to_dict()["files"][0]["extraction"]["ocr_pages"] == [3, 4]


def test_a_document_that_writes_hyphenated_compounds_keeps_them_at_line_ends():
    english = [
        "The long-term unemployed get part-time work and self-help groups, a well-known",
        "approach. Quality matters: the quality of advice is based on data based on",
        "follow-up visits and a one-stop shop for the low-skilled and the hard-to-place.",
    ]
    vocab = Vocabulary.from_lines([*english, "A quality-", "based approach"])
    assert vocab.hyphen_compounds
    assert join_lines(["A quality-", "based approach"], vocab) == "A quality-based approach"
    german = [
        "Die nach dem Gesetz folgenden Schritte werden nach der Meldung erklärt, und die",
        "folgenden Hinweise gelten für alle Arbeitsuchenden und ihre Familien in der Region.",
    ]
    vocab = Vocabulary.from_lines([*german, "Die nach-", "folgenden Regeln"])
    assert not vocab.hyphen_compounds
    assert join_lines(["Die nach-", "folgenden Regeln"], vocab) == "Die nachfolgenden Regeln"


def test_a_100000_line_markdown_or_text_file_loads_in_linear_time(tmp_path):
    from ingest.loaders import load_markdown, load_text

    path = tmp_path / "big.md"
    path.write_text(
        "\n".join(
            f"Zeile {n} über Arbeits-" if n % 3 == 0 else "vermittlung und mehr"
            for n in range(100_000)
        ),
        encoding="utf-8",
    )
    for load in (load_markdown, load_text):
        started = time.perf_counter()
        doc = load(path)
        # quadratic joining took 5.8 s for 4,000 lines: about an hour for these
        assert time.perf_counter() - started < 30, load.__name__
        assert doc.blocks[0].text.count("Arbeitsvermittlung") == 33_333
