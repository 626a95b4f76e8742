"""Sources by document id: PDFs as their bytes (inside the corpus, really PDFs), other
formats as the indexed text; nothing else is reachable."""

from __future__ import annotations

import pytest

from ingest.pipeline import run_ingest
from kb.app.sources import SourceError, load_source, source_query
from tests.factories import make_pdf

PARAS = [
    f"Paragraph {i}: the illustrative Vauclair office invites jobseekers to workshop {i}. "
    + " ".join(f"Sentence {i}.{j} adds detail {j} about the individual plan." for j in range(8))
    for i in range(12)
]


def test_text_documents_come_back_as_their_indexed_text(kb, corpus) -> None:
    (corpus / "notes.md").write_text(
        "# Notes <b>x</b>\n\n"
        + "\n\n".join(PARAS[:6])
        + "\n\n## Second part\n\n"
        + "\n\n".join(PARAS[6:])
        + "\n"
    )
    run_ingest(kb, corpus)
    source = load_source(kb, "notes")
    assert not source.is_pdf and not source.pdf
    for para in PARAS:  # every paragraph once: chunk overlaps removed
        assert source.text.count(para) == 1, para[:20]
    assert "Second part" in source.text
    assert load_source(kb, "notes", max_chars=1000).truncated


def test_pdfs_come_back_as_bytes_and_only_from_the_corpus(kb, corpus, tmp_path) -> None:
    make_pdf(corpus / "report.pdf", [[("title", "Report"), ("para", PARAS[0])]])
    run_ingest(kb, corpus)
    source = load_source(kb, "report")
    assert source.is_pdf and source.pdf == (corpus / "report.pdf").read_bytes()
    # The file is swapped for a link out of the corpus, or for HTML: refused.
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(source.pdf)
    (corpus / "report.pdf").unlink()
    (corpus / "report.pdf").symlink_to(outside)
    with pytest.raises(SourceError, match="outside the corpus"):
        load_source(kb, "report")
    (corpus / "report.pdf").unlink()
    (corpus / "report.pdf").write_text("<html><script>alert(1)</script></html>")
    with pytest.raises(SourceError, match="not a PDF"):
        load_source(kb, "report")


@pytest.mark.parametrize("doc_id", ["catalogue", "catalogue.yaml", "../etc/passwd", ""])
def test_only_indexed_documents_are_reachable(kb, corpus, doc_id: str) -> None:
    (corpus / "catalogue.yaml").write_text("documents: {}\n")
    with pytest.raises(SourceError, match="no document"):
        load_source(kb, doc_id)


def test_source_query_keeps_slashes_and_the_page() -> None:
    assert source_query("samples/a b", 3) == "doc=samples/a+b&page=3"
    assert source_query("x") == "doc=x"
