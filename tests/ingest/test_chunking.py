from ingest.chunking import chunk_blocks, embed_text, layout
from ingest.loaders import Block
from kb.core.offline import count_tokens


def _long_section(pages=(1, 2, 3), sentences_per_para=6):
    blocks = [
        Block("heading", "Report", 1, 1),
        Block("para", "A short introduction.", 1),
        Block("heading", "Results", 1, 2),
    ]
    n = 0
    for page in pages:
        for _ in range(2):
            text = " ".join(
                f"In district {n + i} the counsellors met {10 + n + i} long-term unemployed people."
                for i in range(sentences_per_para)
            )
            n += sentences_per_para
            blocks.append(Block("para", text, page))
    blocks.append(Block("heading", "Lessons", 3, 2))
    blocks.append(Block("para", "Early contact mattered most.", 3))
    return blocks


def test_chunks_are_spans_of_the_document_text_with_offsets():
    blocks = _long_section()
    full, _ = layout(blocks)
    chunks = chunk_blocks(blocks, "Report", chunk_tokens=80, overlap_tokens=20)
    assert len(chunks) > 4
    for chunk in chunks:
        assert full[chunk.char_start : chunk.char_end] == chunk.text
        assert count_tokens(chunk.text) <= 80 + 5  # separators between units


def test_chunks_never_cross_headings_and_carry_the_heading_path():
    chunks = chunk_blocks(_long_section(), "Report", chunk_tokens=80, overlap_tokens=20)
    assert chunks[0].heading_path == ["Report"] and chunks[0].text == "A short introduction."
    assert chunks[-1].heading_path == ["Report", "Lessons"]
    assert chunks[-1].text == "Early contact mattered most."
    middle = chunks[1:-1]
    assert all(c.heading_path == ["Report", "Results"] for c in middle)
    assert not any("Lessons" in c.text or "introduction" in c.text for c in middle)


def test_chunks_end_on_sentence_boundaries_and_overlap_by_sentences():
    chunks = chunk_blocks(_long_section(), "Report", chunk_tokens=80, overlap_tokens=20)
    middle = chunks[1:-1]
    for chunk in middle:
        assert chunk.text.endswith("people.")
        assert chunk.text.startswith("In district")
    overlaps = [a.char_end > b.char_start for a, b in zip(middle, middle[1:], strict=False)]
    assert all(overlaps)
    assert [c.index for c in chunks] == list(range(len(chunks)))


def test_page_range_of_each_chunk():
    chunks = chunk_blocks(_long_section(), "Report", chunk_tokens=80, overlap_tokens=0)
    assert chunks[0].page_start == chunks[0].page_end == 1
    assert chunks[-1].page_start == 3
    for chunk in chunks[1:-1]:
        first_district = int(chunk.text.split()[2])
        assert chunk.page_start == 1 + first_district // 12
    assert {c.page_start for c in chunks} == {1, 2, 3}


def test_paragraphs_stay_whole_when_they_fit():
    blocks = [Block("heading", "T", 1, 1)] + [
        Block("para", f"Paragraph {i} has one sentence about youth guarantees.", 1)
        for i in range(6)
    ]
    chunks = chunk_blocks(blocks, "T", chunk_tokens=30, overlap_tokens=0)
    for chunk in chunks:
        assert chunk.text.startswith("Paragraph") and chunk.text.endswith("guarantees.")


def test_a_single_huge_sentence_is_split_by_tokens():
    blocks = [Block("para", "word " * 900, 1)]
    chunks = chunk_blocks(blocks, "T", chunk_tokens=100, overlap_tokens=0)
    assert len(chunks) >= 9
    assert all(count_tokens(c.text) <= 100 for c in chunks)


def test_chunks_too_long_for_the_model_are_split_again():
    blocks = _long_section(pages=(1,), sentences_per_para=10)
    limit = 40

    def fits(text: str) -> bool:
        return len(text.split()) <= limit

    chunks = chunk_blocks(blocks, "Report", chunk_tokens=300, overlap_tokens=0, fits=fits)
    for chunk in chunks:
        assert len(embed_text("Report", chunk.heading_path, chunk.text).split()) <= limit


def test_embed_text_puts_the_passage_in_context():
    text = embed_text("Youth Guarantee", ["Youth Guarantee", "Results"], "Placement rose.")
    assert text == "Youth Guarantee\nResults\nPlacement rose."
