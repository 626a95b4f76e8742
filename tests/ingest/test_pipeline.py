"""Incremental ingestion on a real Chroma in a temp dir (fake embedder: pipeline logic only)."""

from __future__ import annotations

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings

from ingest.pipeline import run_ingest
from kb.index.factory import build_knowledge_base
from kb.index.store import KnowledgeStore
from tests import factories as f
from tests.conftest import make_settings

CATALOGUE = """\
documents:
  at/youth.pdf:
    title: Youth guarantee in Austria
    country: AT
    year: 2023
    topics: [youth-guarantee]
    target_groups: [young-people]
    practice_type: case-study
  fr/employeurs.docx:
    country: FR
    topics: [employer-services]
"""

YOUTH_PAGES = [
    [
        ("title", "Ausbildungsgarantie bis 25"),
        ("heading", "Ausgangslage"),
        (
            "para",
            "Die regionale Geschäftsstelle begleitet junge Menschen unter 25 Jahren, "
            "die keine Ausbildung abgeschlossen haben, mit einem persönlichen Coaching.",
        ),
    ],
    [
        ("heading", "Ergebnisse"),
        (
            "para",
            "Nach zwölf Monaten hatten zwei Drittel der Teilnehmenden eine Lehrstelle "
            "oder eine schulische Ausbildung begonnen.",
        ),
    ],
]
EMPLOYER_BLOCKS = [
    ("title", "Services aux employeurs"),
    ("heading1", "Contexte"),
    (
        "para",
        "Les conseillers entreprises rendent visite aux petites entreprises pour "
        "comprendre leurs besoins de recrutement avant de proposer des candidats.",
    ),
    ("heading1", "Résultats"),
    ("para", "Le délai moyen de recrutement a baissé de trois semaines dans les agences pilotes."),
]


class CountingEmbeddings(Embeddings):
    def __init__(self) -> None:
        self.inner = DeterministicFakeEmbedding(size=384)
        self.texts: list[str] = []

    def embed_documents(self, texts):
        self.texts.extend(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)


def write_corpus(corpus, catalogue=CATALOGUE):
    f.make_pdf(corpus / "at/youth.pdf", YOUTH_PAGES, header="PES Network - sample")
    f.make_docx(corpus / "fr/employeurs.docx", EMPLOYER_BLOCKS)
    (corpus / "es").mkdir(exist_ok=True)
    (corpus / "es/digital.md").write_text(
        "# Servicios digitales\n\nEl portal permite a las personas demandantes de empleo "
        "actualizar su currículum y reservar citas con su orientador en línea.\n",
        encoding="utf-8",
    )
    if catalogue is not None:
        (corpus / "catalogue.yaml").write_text(catalogue, encoding="utf-8")


@pytest.fixture
def counting_kb(kb):
    kb.embedder = CountingEmbeddings()
    return kb


def chunks_of(kb, doc_id):
    got = kb.snapshot().store.chunks.get(
        where={"doc_id": doc_id}, include=["metadatas", "documents"]
    )
    return sorted(
        zip(got["metadatas"], got["documents"], strict=True), key=lambda x: x[0]["chunk_index"]
    )


def test_first_run_ingests_everything_with_full_chunk_metadata(counting_kb, corpus):
    write_corpus(corpus)
    report = run_ingest(counting_kb, corpus)
    assert report.summary()["added"] == 3 and report.exit_code == 0
    youth = chunks_of(counting_kb, "at/youth")
    md, text = youth[-1]
    assert md["title"] == "Youth guarantee in Austria" and md["title_source"] == "catalogue"
    assert md["country"] == "AT" and md["year"] == 2023 and md["topics"] == ["youth-guarantee"]
    assert md["language"] == "de" and md["language_source"] == "detected"
    assert md["page_start"] == md["page_end"] == 2
    assert md["heading_path"] == "Ausbildungsgarantie bis 25 > Ergebnisse"
    assert text.startswith("Nach zwölf Monaten")
    assert md["char_end"] - md["char_start"] == len(text)
    assert md["path"] == "at/youth.pdf" and md["format"] == "pdf"
    assert "PES Network - sample" not in " ".join(t for _, t in youth)
    assert (
        report.chunks_embedded
        == report.chunks_written
        == counting_kb.snapshot().store.chunk_count()
    )


def test_metadata_is_derived_when_not_curated(counting_kb, corpus):
    write_corpus(corpus)
    run_ingest(counting_kb, corpus)
    md, _ = chunks_of(counting_kb, "fr/employeurs")[0]
    assert md["title"] == "Services aux employeurs" and md["title_source"] == "first-heading"
    assert md["language"] == "fr" and md["country"] == "FR"
    md, _ = chunks_of(counting_kb, "es/digital")[0]
    assert md["language"] == "es" and "country" not in md and md["page_start"] == 0


def test_corpus_without_catalogue_still_ingests(counting_kb, corpus):
    write_corpus(corpus, catalogue=None)
    report = run_ingest(counting_kb, corpus)
    assert report.summary()["added"] == 3 and report.exit_code == 0


def test_unchanged_rerun_embeds_nothing_and_writes_nothing(counting_kb, corpus):
    write_corpus(corpus)
    run_ingest(counting_kb, corpus)
    before = counting_kb.snapshot().store.fingerprint()
    counting_kb.embedder.texts.clear()
    report = run_ingest(counting_kb, corpus)
    assert report.summary()["unchanged"] == 3 and report.chunks_written == 0
    assert counting_kb.embedder.texts == []
    assert counting_kb.snapshot().store.fingerprint() == before


def test_changed_document_is_replaced_and_only_new_text_embedded(counting_kb, corpus):
    counting_kb.settings.chunking.window_sentences = 3  # windows are an option
    write_corpus(corpus)
    run_ingest(counting_kb, corpus)
    old_ids = {m["text_hash"] for m, _ in chunks_of(counting_kb, "at/youth")}
    pages = [
        YOUTH_PAGES[0],
        [("heading", "Ergebnisse"), ("para", "Nach einem Jahr war die Hälfte in Ausbildung.")],
    ]
    f.make_pdf(corpus / "at/youth.pdf", pages, header="PES Network - sample")
    counting_kb.embedder.texts.clear()
    report = run_ingest(counting_kb, corpus)
    s = report.summary()
    assert (s["changed"], s["unchanged"]) == (1, 2)
    # Only the new page's chunk and its one window are embedded: the unchanged first
    # page reused the vectors of its chunk and of its windows.
    assert (s["chunks_embedded"], s["windows_embedded"]) == (1, 1)
    assert s["windows_written"] > 1
    assert len(counting_kb.embedder.texts) == 2
    assert all("Hälfte" in t for t in counting_kb.embedder.texts)
    texts = [t for _, t in chunks_of(counting_kb, "at/youth")]
    assert texts[-1] == "Nach einem Jahr war die Hälfte in Ausbildung."
    assert not any("zwei Drittel" in t for t in texts)
    assert len({m["text_hash"] for m, _ in chunks_of(counting_kb, "at/youth")} & old_ids) == 1


def test_catalogue_change_updates_metadata_without_stale_keys(counting_kb, corpus):
    write_corpus(corpus)
    run_ingest(counting_kb, corpus)
    write_corpus(corpus, CATALOGUE.replace("    year: 2023\n", "").replace("AT", "DE"))
    counting_kb.embedder.texts.clear()
    report = run_ingest(counting_kb, corpus)
    assert report.summary()["changed"] == 1
    assert counting_kb.embedder.texts == []  # title unchanged: every vector reused
    for md, _ in chunks_of(counting_kb, "at/youth"):
        assert md["country"] == "DE" and "year" not in md


def test_deleted_document_loses_its_chunks_and_record(counting_kb, corpus):
    write_corpus(corpus)
    run_ingest(counting_kb, corpus)
    (corpus / "es/digital.md").unlink()
    report = run_ingest(counting_kb, corpus)
    assert report.summary()["removed"] == 1 and report.chunks_removed == 1
    assert chunks_of(counting_kb, "es/digital") == []
    assert "es/digital" not in counting_kb.snapshot().store.documents()


def test_changed_chunking_settings_rebuild_every_document(tmp_path):
    (tmp_path / "corpus").mkdir()
    settings = make_settings(tmp_path)
    write_corpus(settings.ingest.corpus_dir)
    run_ingest(build_knowledge_base(settings), settings.ingest.corpus_dir)
    settings.chunking.chunk_tokens = 120
    report = run_ingest(build_knowledge_base(settings), settings.ingest.corpus_dir)
    assert report.summary()["changed"] == 3


def test_dry_run_reports_and_writes_nothing(counting_kb, corpus):
    write_corpus(corpus)
    report = run_ingest(counting_kb, corpus, dry_run=True)
    assert report.summary()["added"] == 3
    assert (
        counting_kb.snapshot().store.chunk_count() == 0
        and counting_kb.snapshot().store.documents() == {}
    )


def test_chunk_ids_are_deterministic_across_indexes(tmp_path):
    prints = []
    for name in ("one", "two"):
        (tmp_path / name / "corpus").mkdir(parents=True)
        settings = make_settings(tmp_path / name)
        write_corpus(settings.ingest.corpus_dir)
        kb = build_knowledge_base(settings)
        run_ingest(kb, settings.ingest.corpus_dir)
        prints.append(kb.snapshot().store.fingerprint())
    assert prints[0] == prints[1] and len(prints[0]) >= 5


def test_invalid_catalogue_entry_fails_that_file_only(counting_kb, corpus):
    write_corpus(corpus, CATALOGUE.replace("country: AT", "country: Austria"))
    report = run_ingest(counting_kb, corpus)
    [failed] = report.failures
    assert failed.path == "at/youth.pdf" and "country: 'Austria'" in failed.error
    assert report.summary()["added"] == 2 and report.exit_code == 1


class Crash(BaseException):
    """Stands in for a kill: not an Exception, so nothing in the pipeline catches it."""


# The interrupted run changes two documents and removes one: 5 record writes,
# 3 chunk deletions, 2 chunk additions, 1 record deletion. Each is a crash point.
CRASH_POINTS = (
    [("put_record", n) for n in range(1, 6)]
    + [("delete_chunks", n) for n in range(1, 4)]
    + [("add_chunks", 1), ("add_chunks", 2), ("delete_record", 1)]
)


@pytest.mark.parametrize("method,nth", CRASH_POINTS)
def test_run_interrupted_at_any_write_is_repaired_by_the_next(tmp_path, method, nth, monkeypatch):
    clean_dir, crash_dir = tmp_path / "clean", tmp_path / "crash"
    fingerprints = {}
    for where in (clean_dir, crash_dir):
        (where / "corpus").mkdir(parents=True)
        write_corpus(where / "corpus")
    clean = build_knowledge_base(make_settings(clean_dir))
    run_ingest(clean, clean_dir / "corpus")

    crashed = build_knowledge_base(make_settings(crash_dir))
    # A previous state to change and delete from, so removals and replacements are covered.
    (crash_dir / "corpus/old.md").write_text("# Old\n\nA document that will be removed.\n")
    f.make_pdf(crash_dir / "corpus/at/youth.pdf", [YOUTH_PAGES[1]])
    (crash_dir / "corpus/es/digital.md").write_text("# Servicios\n\nVersión anterior.\n")
    run_ingest(crashed, crash_dir / "corpus")
    before = (crashed.published(), crashed.snapshot().store.fingerprint())
    write_corpus(crash_dir / "corpus")
    (crash_dir / "corpus/old.md").unlink()

    real = getattr(KnowledgeStore, method)
    calls = {"n": 0}

    def crash_on_nth(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == nth:
            raise Crash
        return real(*args, **kwargs)

    monkeypatch.setattr(KnowledgeStore, method, crash_on_nth)
    with pytest.raises(Crash):
        run_ingest(crashed, crash_dir / "corpus")
    monkeypatch.setattr(KnowledgeStore, method, real)
    # Readers never saw the interrupted run: the published generation is the one before.
    assert (crashed.published(), crashed.snapshot().store.fingerprint()) == before

    reopened = build_knowledge_base(make_settings(crash_dir))
    report = run_ingest(reopened, crash_dir / "corpus")
    assert report.exit_code == 0
    fingerprints = (clean.snapshot().store.fingerprint(), reopened.snapshot().store.fingerprint())
    assert fingerprints[0] == fingerprints[1]
    assert set(reopened.snapshot().store.documents()) == set(clean.snapshot().store.documents())
    assert run_ingest(reopened, crash_dir / "corpus").summary()["unchanged"] == 3


def windows_of(kb, doc_id):
    got = kb.snapshot().store.windows.get(
        where={"doc_id": doc_id}, include=["metadatas", "documents"]
    )
    return dict(zip(got["ids"], zip(got["metadatas"], got["documents"], strict=True), strict=True))


def test_every_chunk_gets_its_passage_windows_with_its_metadata(counting_kb, corpus):
    counting_kb.settings.chunking.window_sentences = 3  # windows are an option
    write_corpus(corpus)
    report = run_ingest(counting_kb, corpus)
    store = counting_kb.snapshot().store
    assert report.windows_written == report.windows_embedded == store.windows.count()
    for doc_id in ("at/youth", "fr/employeurs", "es/digital"):
        windows = windows_of(counting_kb, doc_id)
        got = store.chunks.get(where={"doc_id": doc_id}, include=["metadatas"])
        expected = {
            f"{cid}-w{n}": cid
            for cid, md in zip(got["ids"], got["metadatas"], strict=True)
            for n in range(md["windows"])
        }
        assert set(windows) == set(expected) and windows
        for window_id, (md, text) in windows.items():
            chunk_id = expected[window_id]
            assert md["chunk_id"] == chunk_id and md["doc_id"] == doc_id
            chunk_text = counting_kb.snapshot().store.chunks.get(ids=[chunk_id])["documents"][0]
            assert text in chunk_text.replace("\n", " ") or text == chunk_text
    (md, _), *_ = windows_of(counting_kb, "at/youth").values()
    assert set(md) == {"doc_id", "chunk_id", "window", "embed_hash"}  # no catalogue copies


def test_windows_follow_their_document_through_changes_and_removal(counting_kb, corpus):
    counting_kb.settings.chunking.window_sentences = 3  # windows are an option
    write_corpus(corpus)
    run_ingest(counting_kb, corpus)
    employer_windows = windows_of(counting_kb, "fr/employeurs")
    f.make_pdf(
        corpus / "at/youth.pdf",
        [YOUTH_PAGES[0], [("heading", "Ergebnisse"), ("para", "Die Hälfte fand Arbeit.")]],
        header="PES Network - sample",
    )
    (corpus / "es/digital.md").unlink()
    report = run_ingest(counting_kb, corpus)
    assert report.windows_embedded == 1  # only the new page's one window
    assert windows_of(counting_kb, "fr/employeurs") == employer_windows  # carried over
    assert windows_of(counting_kb, "es/digital") == {}
    youth = windows_of(counting_kb, "at/youth").values()
    assert any("Hälfte" in text for _, text in youth)
    assert not any("zwei Drittel" in text for _, text in youth)


def test_without_windows_the_index_has_none_and_search_still_works(tmp_path):
    (tmp_path / "corpus").mkdir()
    settings = make_settings(tmp_path)
    settings.chunking.window_sentences = 0
    kb = build_knowledge_base(settings)
    write_corpus(settings.ingest.corpus_dir)
    report = run_ingest(kb, settings.ingest.corpus_dir)
    assert report.exit_code == 0 and report.windows_written == 0
    assert kb.snapshot().store.windows is None
    from kb.answer.retrieval import Retriever

    assert Retriever(kb).search("Ausbildungsgarantie Coaching").passages
