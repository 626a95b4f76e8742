"""Curation actions on a real Chroma in a temp dir with a fake (counting) embedder."""

from __future__ import annotations

import threading
import time

import pytest
import yaml

import ingest.curation as curation
from ingest.curation import (
    CurationError,
    add_document,
    reingest_all,
    remove_document,
    replace_document,
    update_metadata,
)
from tests import factories as f
from tests.ingest.test_pipeline import CountingEmbeddings

YOUTH_PAGES = [
    [
        ("title", "Ausbildungsgarantie bis 25"),
        ("heading", "Ausgangslage"),
        (
            "para",
            "Die regionale Geschaeftsstelle begleitet junge Menschen unter 25 Jahren, "
            "die keine Ausbildung abgeschlossen haben, mit einem persoenlichen Coaching.",
        ),
    ],
    [
        ("heading", "Ergebnisse"),
        ("para", "Nach zwoelf Monaten hatten zwei Drittel eine Lehrstelle begonnen."),
    ],
]
YOUTH_ENTRY = {
    "title": "Youth guarantee in Austria",
    "country": "at",
    "year": 2023,
    "organisation": "",  # empty fields are omitted, not written
    "topics": ["youth-guarantee"],
    "target_groups": [],
    "practice_type": "case-study",
}
CATALOGUE = """\
# PES Network catalogue: one entry per document.
# Edited by the Secretariat.

vocabulary:
  topics: [green-transition]
documents:
  zz/other.md:
    title: Another document
    topics: [green-transition]
"""
OTHER_MD = "# Digitale Dienste\n\nDas Portal erlaubt Terminbuchungen bei der Beratung online.\n"


@pytest.fixture
def ckb(kb):
    kb.embedder = CountingEmbeddings()
    return kb


@pytest.fixture
def seeded(corpus):
    """A corpus with one other document and a catalogue with a header comment."""
    (corpus / "zz").mkdir()
    (corpus / "zz/other.md").write_text(OTHER_MD, encoding="utf-8")
    (corpus / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    return corpus


def pdf_bytes(tmp_path, pages=YOUTH_PAGES) -> bytes:
    return f.make_pdf(tmp_path / "src" / "doc.pdf", pages).read_bytes()


def chunks_of(kb, doc_id):
    got = kb.snapshot().store.chunks.get(
        where={"doc_id": doc_id}, include=["metadatas", "documents"]
    )
    return sorted(
        zip(got["metadatas"], got["documents"], strict=True), key=lambda x: x[0]["chunk_index"]
    )


def catalogue_of(corpus) -> dict:
    return yaml.safe_load((corpus / "catalogue.yaml").read_text(encoding="utf-8"))


def files_in(corpus) -> list[str]:
    return sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())


# --- refusals write nothing (no ingestion) ----------------------------------------


def test_bad_entry_is_refused_naming_the_field_and_nothing_is_written(ckb, seeded, tmp_path):
    before = (seeded / "catalogue.yaml").read_bytes()
    entry = {**YOUTH_ENTRY, "country": "Austria", "colour": "red"}
    with pytest.raises(CurationError) as err:
        add_document(ckb, seeded, "youth.pdf", pdf_bytes(tmp_path), entry)
    message = str(err.value)
    assert "country: 'Austria' is not an ISO 3166-1" in message
    assert "colour: unknown field" in message and len(err.value.problems) == 2
    entry = {**YOUTH_ENTRY, "topics": ["astrology"]}
    with pytest.raises(CurationError, match="topics: 'astrology' is not in the vocabulary"):
        add_document(ckb, seeded, "youth.pdf", pdf_bytes(tmp_path), entry)
    assert files_in(seeded) == ["catalogue.yaml", "zz/other.md"]
    assert (seeded / "catalogue.yaml").read_bytes() == before
    assert ckb.snapshot().store.documents() == {}


def test_bad_upload_is_refused_before_anything_is_written(ckb, seeded, tmp_path):
    html = f.make_html_renamed_pdf(tmp_path / "x.pdf").read_bytes()
    with pytest.raises(CurationError, match="HTML page"):
        add_document(ckb, seeded, "report.pdf", html, YOUTH_ENTRY)
    assert files_in(seeded) == ["catalogue.yaml", "zz/other.md"]


def test_existing_file_is_not_overwritten_without_confirmation(ckb, corpus, tmp_path):
    (corpus / "uploads").mkdir()
    (corpus / "uploads/youth.pdf").write_bytes(b"%PDF-1.4 old")
    with pytest.raises(CurationError, match="exists; confirm to replace"):
        add_document(ckb, corpus, "youth.pdf", pdf_bytes(tmp_path), YOUTH_ENTRY)
    assert (corpus / "uploads/youth.pdf").read_bytes() == b"%PDF-1.4 old"
    assert not (corpus / "catalogue.yaml").exists()


def test_same_name_with_another_extension_is_refused(ckb, corpus, tmp_path):
    (corpus / "uploads").mkdir()
    (corpus / "uploads/youth.md").write_text(OTHER_MD, encoding="utf-8")
    with pytest.raises(CurationError, match="same name with another extension"):
        add_document(ckb, corpus, "youth.pdf", pdf_bytes(tmp_path), {}, overwrite=True)
    assert files_in(corpus) == ["uploads/youth.md"]


@pytest.mark.parametrize(
    "rel", ["../outside.md", "/etc/passwd.md", "zz/../../outside.md", "C:/x.md", "", ".env.md"]
)
def test_paths_outside_the_corpus_are_refused(ckb, seeded, rel):
    (seeded.parent / "outside.md").write_text("not in the corpus", encoding="utf-8")
    for action in (
        lambda: remove_document(ckb, seeded, rel),
        lambda: update_metadata(ckb, seeded, rel, {"title": "x"}),
        lambda: replace_document(ckb, seeded, rel, b"# x\n\ny\n"),
    ):
        with pytest.raises(CurationError):
            action()
    assert (seeded.parent / "outside.md").exists()
    assert (seeded / "catalogue.yaml").read_text(encoding="utf-8") == CATALOGUE


def test_symlink_out_of_the_corpus_is_refused(ckb, corpus, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("keep me", encoding="utf-8")
    (corpus / "link").symlink_to(outside)
    with pytest.raises(CurationError, match="not a path inside the corpus"):
        remove_document(ckb, corpus, "link/secret.md")
    with pytest.raises(CurationError, match="not a folder inside the corpus|not a path inside"):
        add_document(ckb, corpus, "x.md", OTHER_MD.encode(), {}, folder="link")
    assert (outside / "secret.md").read_text(encoding="utf-8") == "keep me"


def test_folder_traversal_and_ignored_places_are_refused(ckb, corpus):
    with pytest.raises(CurationError):
        add_document(ckb, corpus, "x.md", OTHER_MD.encode(), {}, folder="../up")
    with pytest.raises(CurationError, match="ignores"):
        add_document(ckb, corpus, "x.md", OTHER_MD.encode(), {}, folder="eval")
    with pytest.raises(CurationError, match="ignores"):
        add_document(ckb, corpus, "README.md", OTHER_MD.encode(), {}, folder="")
    assert files_in(corpus) == []


def test_replace_refuses_another_type_and_a_missing_document(ckb, seeded, tmp_path):
    with pytest.raises(CurationError, match="does not exist"):
        replace_document(ckb, seeded, "zz/missing.md", OTHER_MD.encode())
    with pytest.raises(CurationError, match="the new version is a .pdf file"):
        replace_document(ckb, seeded, "zz/other.md", pdf_bytes(tmp_path), filename="new.pdf")
    with pytest.raises(CurationError, match="extension .md: the file is a PDF"):
        replace_document(ckb, seeded, "zz/other.md", pdf_bytes(tmp_path))
    assert (seeded / "zz/other.md").read_text(encoding="utf-8") == OTHER_MD


# --- actions that ingest ---------------------------------------------------------


def test_add_ingests_with_catalogue_metadata_and_keeps_the_catalogue(ckb, seeded, tmp_path):
    seen = []
    rel, report = add_document(
        ckb,
        seeded,
        "../Youth Guarantee.PDF",
        pdf_bytes(tmp_path),
        YOUTH_ENTRY,
        folder="at",
        progress=lambda done, total, item: seen.append((done, total, item.path)),
    )
    assert rel == "at/Youth_Guarantee.pdf" and (seeded / rel).is_file()
    assert report.summary()["added"] == 2 and report.exit_code == 0
    assert (len(seen), seen[-1][:2]) == (2, (2, 2))
    md, _ = chunks_of(ckb, "at/Youth_Guarantee")[0]
    assert md["title"] == "Youth guarantee in Austria" and md["title_source"] == "catalogue"
    assert (md["country"], md["year"], md["topics"]) == ("AT", 2023, ["youth-guarantee"])
    assert md["practice_type"] == "case-study" and "organisation" not in md

    text = (seeded / "catalogue.yaml").read_text(encoding="utf-8")
    assert text.startswith("# PES Network catalogue: one entry per document.\n# Edited by")
    cat = catalogue_of(seeded)
    assert cat["vocabulary"] == {"topics": ["green-transition"]}
    # The catalogue's own order is kept: the new entry goes last, the rest is untouched.
    assert list(cat["documents"]) == ["zz/other.md", "at/Youth_Guarantee.pdf"]
    assert text.startswith(CATALOGUE)
    assert cat["documents"]["at/Youth_Guarantee.pdf"] == {
        "title": "Youth guarantee in Austria",
        "country": "AT",
        "year": 2023,
        "topics": ["youth-guarantee"],
        "practice_type": "case-study",
    }
    assert not [p for p in files_in(seeded) if ".tmp" in p]


def test_add_with_overwrite_replaces_the_document(ckb, corpus, tmp_path):
    add_document(ckb, corpus, "youth.pdf", pdf_bytes(tmp_path), YOUTH_ENTRY)
    new = [[("title", "Neue Fassung"), ("para", "Die Haelfte war nach einem Jahr in Ausbildung.")]]
    with pytest.raises(CurationError, match="exists; confirm"):
        add_document(ckb, corpus, "youth.pdf", pdf_bytes(tmp_path, new), YOUTH_ENTRY)
    rel, report = add_document(
        ckb, corpus, "youth.pdf", pdf_bytes(tmp_path, new), {"country": "DE"}, overwrite=True
    )
    assert rel == "uploads/youth.pdf" and report.summary()["changed"] == 1
    texts = " ".join(t for _, t in chunks_of(ckb, "uploads/youth"))
    assert "Haelfte" in texts and "zwei Drittel" not in texts
    assert catalogue_of(corpus)["documents"] == {"uploads/youth.pdf": {"country": "DE"}}


def test_update_metadata_changes_chunk_metadata_without_re_embedding(ckb, seeded, tmp_path):
    rel, _ = add_document(ckb, seeded, "youth.pdf", pdf_bytes(tmp_path), YOUTH_ENTRY)
    before = ckb.snapshot().store.chunk_count()
    entry = {**YOUTH_ENTRY, "country": "DE", "year": None, "topics": ["green-transition"]}
    report = update_metadata(ckb, seeded, rel, entry)
    assert report.summary()["changed"] == 1 and report.summary()["unchanged"] == 1
    assert (report.chunks_embedded, report.windows_embedded) == (0, 0)
    assert ckb.snapshot().store.chunk_count() == before
    for md, _ in chunks_of(ckb, "uploads/youth"):
        assert md["country"] == "DE" and md["topics"] == ["green-transition"]
        assert "year" not in md and md["title"] == "Youth guarantee in Austria"
    assert catalogue_of(seeded)["documents"][rel]["country"] == "DE"
    assert (seeded / "catalogue.yaml").read_text(encoding="utf-8").startswith("# PES Network")


def test_update_metadata_refuses_a_bad_entry_and_keeps_the_old_one(ckb, seeded):
    with pytest.raises(CurationError, match="year: 1066 is not a plausible"):
        update_metadata(ckb, seeded, "zz/other.md", {"title": "x", "year": 1066})
    assert (seeded / "catalogue.yaml").read_text(encoding="utf-8") == CATALOGUE


def test_replace_makes_the_new_text_retrievable_and_the_old_gone(ckb, seeded):
    report = reingest_all(ckb, seeded)
    assert report.summary()["added"] == 1
    new = "# Digitale Dienste\n\nSeit 2024 gibt es Videoberatung fuer alle Kundinnen.\n"
    report = replace_document(ckb, seeded, "zz/other.md", new.encode(), filename="neu.MD")
    assert report.summary()["changed"] == 1 and report.exit_code == 0
    [(md, text)] = chunks_of(ckb, "zz/other")
    assert "Videoberatung" in text and "Terminbuchungen" not in text
    assert md["title"] == "Another document"  # the catalogue entry is kept
    hits = ckb.snapshot().store.chunks.get(where_document={"$contains": "Terminbuchungen"})
    assert hits["ids"] == []


def test_remove_deletes_file_entry_and_chunks_only(ckb, seeded, tmp_path):
    rel, _ = add_document(ckb, seeded, "youth.pdf", pdf_bytes(tmp_path), YOUTH_ENTRY)
    other = chunks_of(ckb, "zz/other")
    report = remove_document(ckb, seeded, rel)
    assert report.summary()["removed"] == 1 and report.chunks_removed > 0
    assert not (seeded / rel).exists()
    assert list(catalogue_of(seeded)["documents"]) == ["zz/other.md"]
    assert (
        chunks_of(ckb, "uploads/youth") == []
        and "uploads/youth" not in ckb.snapshot().store.documents()
    )
    assert chunks_of(ckb, "zz/other") == other
    with pytest.raises(CurationError, match="not in the corpus folder, the catalogue or the index"):
        remove_document(ckb, seeded, rel)


def test_broken_upload_is_reported_failed_and_the_rest_is_untouched(ckb, seeded, tmp_path):
    reingest_all(ckb, seeded)
    before = ckb.snapshot().store.fingerprint()
    encrypted = f.make_encrypted_pdf(tmp_path / "enc.pdf").read_bytes()
    rel, report = add_document(ckb, seeded, "locked.pdf", encrypted, {"country": "FR"})
    [failed] = report.failures
    assert failed.path == rel == "uploads/locked.pdf" and failed.error
    assert report.summary()["unchanged"] == 1 and report.exit_code == 1
    assert ckb.snapshot().store.fingerprint() == before
    assert "uploads/locked" not in ckb.snapshot().store.documents()


def test_full_reingest_rebuilds_the_index(ckb, seeded):
    ckb.settings.chunking.window_sentences = 3  # passage windows are an option
    reingest_all(ckb, seeded)
    before = ckb.snapshot().store.fingerprint()
    assert reingest_all(ckb, seeded).summary()["unchanged"] == 1
    report = reingest_all(ckb, seeded, full=True)
    s = report.summary()
    assert report.full and s["added"] == 1
    assert (s["chunks_embedded"], s["windows_embedded"]) == (1, 1)  # one chunk, its window
    assert ckb.snapshot().store.fingerprint() == before


def test_actions_are_serialised_within_a_process(ckb, corpus, monkeypatch):
    running, overlaps = [], []

    def slow_ingest(kb, corpus_dir, **kwargs):
        if running:
            overlaps.append(True)
        running.append(1)
        time.sleep(0.2)
        running.pop()
        return "report"

    monkeypatch.setattr(curation, "ingest_in_worker", slow_ingest)
    threads = [threading.Thread(target=reingest_all, args=(ckb, corpus)) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.05)
    assert "pid" in curation.busy(ckb)
    for t in threads:
        t.join()
    assert overlaps == [] and curation.busy(ckb) is None


# --- the ingestion runs in a bounded worker process --------------------------------


def test_curation_ingests_in_a_worker_process_not_in_the_app(ckb, seeded, tmp_path, monkeypatch):
    import ingest.pipeline as pipeline

    def in_this_process(*args, **kwargs):
        raise AssertionError("curation ingested inside the app's process")

    monkeypatch.setattr(pipeline, "_run", in_this_process)
    seen = []
    rel, report = add_document(
        ckb,
        seeded,
        "youth.pdf",
        pdf_bytes(tmp_path),
        YOUTH_ENTRY,
        progress=lambda done, total, item: seen.append((done, total, item.path, item.action)),
    )
    assert report.summary()["added"] == 2 and report.exit_code == 0
    assert sorted(s[2:] for s in seen) == [(rel, "added"), ("zz/other.md", "added")]
    assert len(chunks_of(ckb, "uploads/youth")) >= 1  # the app reads what the worker wrote


def test_a_worker_over_its_memory_bound_fails_the_action_and_publishes_nothing(
    ckb, seeded, tmp_path
):
    reingest_all(ckb, seeded)
    before = (ckb.published().generation, ckb.snapshot().store.fingerprint())
    ckb.settings.ingest.curation_memory_mb = 200  # too small to even load the store
    with pytest.raises(CurationError, match="memory limit of 200 MB") as err:
        add_document(ckb, seeded, "youth.pdf", pdf_bytes(tmp_path), YOUTH_ENTRY)
    assert "nothing was published" in str(err.value)
    assert (ckb.published().generation, ckb.snapshot().store.fingerprint()) == before
    assert curation.busy(ckb) is None  # the lock is released


def test_an_index_built_with_another_embedder_refuses_the_action_clearly(ckb, seeded, tmp_path):
    reingest_all(ckb, seeded)
    before = (ckb.published().generation, ckb.snapshot().store.fingerprint())
    ckb.settings.embedder.fake_dim = 8  # the worker now embeds with another embedder
    with pytest.raises(CurationError, match="full re-ingestion") as err:
        add_document(ckb, seeded, "youth.pdf", pdf_bytes(tmp_path), YOUTH_ENTRY)
    assert "dim" in str(err.value) and "corpus folder keeps the change" in str(err.value)
    assert (seeded / "uploads/youth.pdf").is_file()  # the folder stays the source of truth
    assert (ckb.published().generation, ckb.snapshot().store.fingerprint()) == before
    assert curation.busy(ckb) is None
