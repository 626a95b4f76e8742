import pytest

from ingest.loaders import LOADERS, NoTextError, load_html, load_markdown, load_pdf
from tests import factories as f


def _headings(doc):
    return [b.text for b in doc.blocks if b.kind == "heading"]


def _paras(doc):
    return [b.text for b in doc.blocks if b.kind == "para"]


def test_pdf_keeps_page_numbers_headings_and_drops_running_lines(tmp_path):
    path = f.make_pdf(
        tmp_path / "a.pdf",
        f.SAMPLE_PAGES,
        title="Watershed pilot",
        header="PES Network - running header",
    )
    doc = load_pdf(path)
    assert doc.title == "Watershed pilot"
    assert doc.page_count == 2
    assert _headings(doc) == [
        "Payment for Watershed Services: Pilot Review",
        "1. Background",
        "2. Design of the scheme",
        "3. Results",
        "4. Lessons",
    ]
    pages = {b.text.split()[0]: b.page for b in doc.blocks if b.kind == "para"}
    assert pages == {"Upstream": 1, "Payments": 1, "Sediment": 2, "Clear": 2}
    all_text = " ".join(b.text for b in doc.blocks)
    assert "running header" not in all_text
    assert "Page 1 of 2" not in all_text and "Page 2 of 2" not in all_text
    # Wrapped lines are joined into one paragraph.
    assert "riparian strips under permanent cover in exchange" in all_text


def test_pdf_dehyphenates_line_breaks(tmp_path):
    long = (
        "Die Vermittlungsfachkräfte begleiten die Teilnehmenden über zwölf Monate. " * 3
        + "Ein wichtiges Ergebnis war die Vermittlung in sozialversicherungs-"
        + "pflichtige Beschäftigung."
    )
    path = f.make_pdf(tmp_path / "h.pdf", [[("title", "Test"), ("para", long)]])
    text = " ".join(_paras(load_pdf(path)))
    assert "Vermittlungsfachkräfte" in text
    assert "Beschäftigung" in text


def test_pdf_title_missing_from_properties_is_none(tmp_path):
    doc = load_pdf(f.make_pdf(tmp_path / "a.pdf", f.SAMPLE_PAGES))
    assert doc.title is None


@pytest.mark.parametrize("ext,maker", [(".docx", f.make_docx), (".html", f.make_html)])
def test_structured_formats_keep_heading_hierarchy(tmp_path, ext, maker):
    doc = LOADERS[ext](maker(tmp_path / f"a{ext}", f.SAMPLE_BLOCKS, title="Doc title"))
    assert doc.title == "Doc title"
    levels = {b.text: b.level for b in doc.blocks if b.kind == "heading"}
    assert levels["Eligibility"] > levels["Introduction"]
    assert _paras(doc)[0].startswith("Smallholders who plant shade trees")
    assert all(b.page == 0 for b in doc.blocks)


def test_html_drops_navigation_footer_and_scripts(tmp_path):
    doc = load_html(f.make_html(tmp_path / "a.html", f.SAMPLE_BLOCKS))
    text = " ".join(b.text for b in doc.blocks)
    for value in f.HTML_BOILERPLATE.values():
        for boilerplate in [value] if isinstance(value, str) else value:
            assert boilerplate not in text


def test_markdown_headings_and_inline_markup(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "# Titel\n\nText mit **fett** und [Link](http://x).\n\n## Ergebnis\n\n"
        "- erster Punkt\n- zweiter Punkt\n",
        encoding="utf-8",
    )
    doc = load_markdown(path)
    assert [(b.level, b.text) for b in doc.blocks if b.kind == "heading"] == [
        (1, "Titel"),
        (2, "Ergebnis"),
    ]
    assert _paras(doc) == ["Text mit fett und Link.", "erster Punkt", "zweiter Punkt"]


def test_plain_text_paragraphs_and_cp1252_fallback(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(
        "Résumé du projet\n\nLes conseillers ont accompagné\nles jeunes.\n".encode("cp1252")
    )
    doc = LOADERS[".txt"](path)
    assert _headings(doc) == ["Résumé du projet"]
    assert _paras(doc) == ["Les conseillers ont accompagné les jeunes."]


def test_markdown_and_text_roundtrip_factories(tmp_path):
    for ext, maker in ((".md", f.make_markdown), (".txt", f.make_text)):
        doc = LOADERS[ext](maker(tmp_path / f"a{ext}", f.SAMPLE_BLOCKS))
        assert "Transaction costs remain the main barrier to entry." in _paras(doc)
        assert "Eligibility" in _headings(doc)


def test_image_only_pdf_needs_ocr(tmp_path):
    with pytest.raises(NoTextError, match="no text layer, needs OCR"):
        load_pdf(f.make_image_only_pdf(tmp_path / "scan.pdf"))


def test_pdf_page_tree_repeating_one_page_object_is_read_once(tmp_path):
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, NumberObject

    src = f.make_pdf(tmp_path / "src.pdf", f.SAMPLE_PAGES[:1])
    writer = PdfWriter(clone_from=PdfReader(src))
    kids = writer._root_object["/Pages"]["/Kids"]
    for _ in range(500):
        kids.append(kids[0])
    writer._root_object["/Pages"][NameObject("/Count")] = NumberObject(len(kids))
    with (tmp_path / "flood.pdf").open("wb") as fh:
        writer.write(fh)
    once, flood = load_pdf(src), load_pdf(tmp_path / "flood.pdf")
    assert flood.blocks == once.blocks
    assert flood.page_count == 501
    assert flood.warnings == ["page(s) 2-501 repeat an earlier page: skipped"]
