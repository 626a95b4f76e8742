"""A sentence cut at a chunk boundary of a real index is finished from the next chunk.

The document is an illustrative text written for this test; the index is real Chroma in a
temp dir built by the project's own ingestion (fake embedder at the edge)."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import run_ingest
from kb.answer.generators.base import GenerationRequest
from kb.answer.generators.evidence import corpus_view
from kb.answer.generators.extractive import ExtractiveGenerator
from kb.core.prose import ends_sentence, split_sentences
from kb.core.settings import load_settings
from kb.core.types import Passage
from kb.index.factory import build_knowledge_base
from tests.conftest import store_settings

LONG = (
    "Each participant meets the coach every week, agrees a plan with concrete steps, "
    "visits two employers in the region, joins a group workshop on job interviews, "
    "receives help with travel costs and childcare, and reports back to the office at the "
    "end of each month so that the coach can adjust the plan together with the participant."
)


def test_cut_sentence_is_finished_from_the_indexed_next_chunk(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "delta_pilot.md").write_text(
        "# Delta coaching pilot (illustrative)\n\n## Design\n\n"
        f"The pilot started in spring. {LONG}\n\n## Results\n\n"
        "Most participants found work within a year of joining the pilot.\n",
        encoding="utf-8",
    )
    settings = load_settings(
        embedder={"provider": "fake"},
        store=store_settings(tmp_path / "index"),
        ingest={"corpus_dir": corpus},
        chunking={"chunk_tokens": 50, "overlap_tokens": 0, "window_sentences": 0},
    )
    kb = build_knowledge_base(settings)
    assert run_ingest(kb, corpus).exit_code == 0
    lexical = kb.snapshot().lexical
    cut = [
        (text, md)
        for text, md in zip(lexical.texts, lexical.metadatas, strict=True)
        if not ends_sentence(split_sentences(text)[-1])
    ]
    assert cut, "the fixture must give a chunk that ends inside the long sentence"
    text, md = cut[0]
    passage = Passage("c", md["doc_id"], text, md)
    answer = ExtractiveGenerator().generate(
        GenerationRequest(
            "How often does each participant meet the coach?", "en", [passage],
            corpus=corpus_view(lexical),
        )
    )  # fmt: skip
    assert f"- {LONG} [1]" in answer
    # Without the index the cut sentence is left out rather than quoted cut.
    alone = ExtractiveGenerator().generate(
        GenerationRequest("How often does each participant meet the coach?", "en", [passage])
    )
    assert text.strip()[-20:] not in alone
