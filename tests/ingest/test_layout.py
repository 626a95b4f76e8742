"""Reading order and tables of typeset PDF pages (issue 11, items 4-5). The fixture PDFs
are written here with fpdf2, fragment by fragment and in a deliberately bad content-stream
order (columns interleaved line by line, tables column after column), so the loader has
to use the positions; their text is illustrative, written for these tests. Also: a page
whose text layer is garbage (a font without a usable character map) is read by OCR."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import ocr
from ingest.layout import CELL_SEPARATOR
from ingest.loaders import load_pdf
from ingest.prepare import PrepareJob, prepare
from ingest.repair import garbled_share

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

LEFT = [
    "The first column opens with a sentence",
    "that runs over three lines and ends",
    "here in the left column of the page.",
    "A second sentence of the left column",
    "goes on at the top of the right one",
]
RIGHT = [
    "and finishes in the second column.",
    "The right column then has a sentence",
    "of its own that closes the section.",
    "Nothing in it belongs to the left side",
    "of the page at all, as a reader sees.",
]


def _fpdf():
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.add_font("DejaVu", "B", str(DEJAVU_BOLD))
    pdf.add_page()
    return pdf


def _text(path: Path) -> str:
    return "\n\n".join(block.text for block in load_pdf(path).blocks)


def _in_order(text: str, parts: list[str]) -> None:
    positions = [text.find(part) for part in parts]
    missing = [part for part, p in zip(parts, positions, strict=True) if p < 0]
    assert not missing, missing
    assert positions == sorted(positions), positions


def test_two_columns_are_read_one_after_the_other(tmp_path):
    pdf = _fpdf()
    pdf.set_font("DejaVu", "B", 16)
    pdf.text(50, 70, "Two columns on one page")
    pdf.set_font("DejaVu", "", 10)
    y = 110.0
    for left, right in zip(LEFT, RIGHT, strict=True):  # interleaved in the content stream
        pdf.text(50, y, left)
        pdf.text(310, y, right)
        y += 14.5
    pdf.text(
        50, y + 30, "A closing paragraph spans the whole width of the page below both of them."
    )
    path = tmp_path / "columns.pdf"
    pdf.output(str(path))

    text = _text(path)
    _in_order(
        text,
        [
            "Two columns on one page",
            "The first column opens with a sentence that runs over three lines and ends "
            "here in the left column of the page.",
            "A second sentence of the left column goes on at the top of the right one "
            "and finishes in the second column.",
            "The right column then has a sentence of its own that closes the section.",
            "Nothing in it belongs to the left side of the page at all, as a reader sees.",
            "A closing paragraph spans the whole width",
        ],
    )
    assert CELL_SEPARATOR not in text


def test_a_side_box_is_read_apart_from_the_main_text(tmp_path):
    main = [
        "The main text of this page is one long column on the left and",
        "it tells a story that must not be broken by the box beside it.",
        "Its second sentence is also kept whole from the start to the end",
        "of the column, whatever the box on the right of the page says.",
    ]
    box = [
        "Note: the box on the side",
        "holds a short remark that",
        "a reader reads on its own.",
        "It ends with this sentence.",
    ]
    pdf = _fpdf()
    y = 100.0
    for text_line, box_line in zip(main, box, strict=True):
        pdf.set_font("DejaVu", "", 10)
        pdf.text(50, y, text_line)
        pdf.set_font("DejaVu", "", 8)
        pdf.text(410, y - 2, box_line)
        y += 14.5
    path = tmp_path / "box.pdf"
    pdf.output(str(path))

    text = _text(path)
    _in_order(
        text,
        [
            "The main text of this page is one long column on the left and it tells a story "
            "that must not be broken by the box beside it.",
            "Its second sentence is also kept whole from the start to the end of the column, "
            "whatever the box on the right of the page says.",
            "Note: the box on the side holds a short remark that a reader reads on its own.",
            "It ends with this sentence.",
        ],
    )


def test_table_rows_are_lines_of_cells_even_when_drawn_column_by_column(tmp_path):
    rows = [
        ("Benefit", "Weeks", "Amount"),
        ("Job seeker allowance", "52", "60 %"),
        ("Training grant", "26", "450 EUR"),
        ("Mobility aid", "4", "300 EUR"),
    ]
    pdf = _fpdf()
    pdf.set_font("DejaVu", "", 10)
    pdf.text(50, 80, "The table below lists three benefits of the illustrative scheme.")
    for column, x in enumerate((50, 230, 330)):  # the stream holds the table column-major
        for i, row in enumerate(rows):
            pdf.text(x, 110 + i * 16, row[column])
    pdf.text(50, 200, "A sentence after the table closes the page.")
    path = tmp_path / "table.pdf"
    pdf.output(str(path))

    doc = load_pdf(path)
    text = "\n\n".join(block.text for block in doc.blocks)
    lines = text.splitlines()
    for row in rows:
        assert CELL_SEPARATOR.join(row) in lines, (row, lines)
    _in_order(text, ["three benefits", "Benefit | Weeks", "Mobility aid", "closes the page"])
    assert doc.repairs.get("table_rows") == len(rows)


def test_single_column_page_reads_as_before(tmp_path):
    lines = [
        "A single column of text is read from the top of the page to its",
        "bottom, line after line, with nothing moved and nothing split apart.",
        "Even a line drawn word by word keeps its words in their order.",
    ]
    pdf = _fpdf()
    pdf.set_font("DejaVu", "B", 14)
    pdf.text(50, 60, "One column")
    pdf.set_font("DejaVu", "", 10)
    for i, line in enumerate(lines[:2]):
        pdf.text(50, 90 + i * 14.5, line)
    x = 50.0
    for word in lines[2].split():  # justified: each word placed on its own, wide spaces
        pdf.text(x, 90 + 2 * 14.5, word)
        x += pdf.get_string_width(word) + 9
    path = tmp_path / "single.pdf"
    pdf.output(str(path))

    blocks = load_pdf(path).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "One column"),
        ("para", " ".join(lines)),
    ]


SCANNED = [
    "Die Vermittlung in Arbeit beginnt mit einem",
    "Gespräch über Ihre Erfahrungen und Ziele.",
    "Bringen Sie Ihren Lebenslauf und Zeugnisse mit.",
    "Die Beratung ist freiwillig und kostenlos.",
]
SOUND = [
    "Die Agentur berät Sie und Ihre Familie aus der Region und hilft bei der Suche",
    "nach Arbeit und Ausbildung. Die Beratung ist kostenlos und freiwillig.",
]


def _scramble(line: str) -> str:
    """What a font without a usable character map gives: letters, but the wrong ones."""
    return " ".join(
        "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(word))
        for word in line.split()
    )


def _broken_layer_pdf(path: Path) -> Path:
    from fpdf import FPDF
    from fpdf.enums import TextMode
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(DEJAVU), 40)
    for i, line in enumerate(SCANNED):
        draw.text((150, 200 + i * 70), line, fill=0, font=font)
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", "", 10)
    pdf.add_page()
    for i, line in enumerate(SOUND):
        pdf.text(50, 80 + 14 * i, line)
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=595, h=842)
    pdf.text_mode = TextMode.INVISIBLE  # the text layer over the picture, as scanners make
    for i, line in enumerate(SCANNED):
        pdf.text(54, 86 + i * 25.2, _scramble(line))
    pdf.output(str(path))
    return path


def test_garbled_share_tells_a_broken_text_layer_from_sound_text():
    sound = [
        *SOUND,
        *SCANNED,
        "Arbetsförmedlingen stödjer arbetssökande i hela landet.",
        "The McDonald's case study of the EU-level PES network (iPhone app).",
    ]
    for text in sound:
        assert garbled_share(text) < 0.05, text
    assert garbled_share(" ".join(_scramble(line) for line in SCANNED)) > 0.5
    assert garbled_share("Ant\u00b4rag \u00b4stel\u00b4lung zur Sache") > 0.3  # symbols in words


@pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr / poppler-utils not installed")
def test_a_page_with_a_broken_text_layer_is_read_by_ocr(tmp_path):
    pdf = _broken_layer_pdf(tmp_path / "broken.pdf")
    job = PrepareJob(str(pdf), "broken.pdf", "broken", {"language": "de"}, 350, 0, 512, False, 0)
    prepared = prepare(job)
    assert prepared.extraction["ocr_pages"] == [2]
    assert prepared.extraction["repairs"]["broken_pages_ocr"] == 1
    read = " ".join(c.text for c in prepared.chunks if c.metadata["ocr"]).split()
    expected = " ".join(SCANNED).split()
    assert sum(word in read for word in expected) / len(expected) >= 0.9, read
    assert not any(_scramble(SCANNED[0]).split()[1] in c.text for c in prepared.chunks)
    assert "Die Agentur berät Sie" in " ".join(c.text for c in prepared.chunks)  # page 1


def test_without_ocr_a_broken_text_layer_is_kept_and_flagged(tmp_path):
    pdf = _broken_layer_pdf(tmp_path / "broken.pdf")
    job = PrepareJob(str(pdf), "broken.pdf", "broken", {}, 350, 0, 512, False, 0, ocr=False)
    prepared = prepare(job)
    assert prepared.warnings == ["page(s) 2: text layer looks broken, needs OCR"]
    assert prepared.extraction["ocr_pages"] == []
    assert _scramble(SCANNED[0]).split()[1] in " ".join(c.text for c in prepared.chunks)
