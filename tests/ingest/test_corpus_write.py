"""Writing into the corpus: the catalogue as a round trip, files with the corpus's mode,
and byte-identical copies reported by the batch run. The catalogue below is illustrative,
written for these tests."""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest

from ingest.catalogue_edits import has_entry, set_entry
from ingest.corpus_files import CurationError
from kb.core.files import write_atomic
from tests.ingest.test_cli import cli
from tests.ingest.test_pipeline import write_corpus

# A custom order (not alphabetical), comments in several places, quoted and plain
# scalars, flow lists, a blank line between entries.
CATALOGUE = """\
# Illustrative catalogue for the round-trip tests (written for this project).
# The Secretariat keeps its own order and comments.
documents:
  # Zeta comes first on purpose.
  notes/zeta.md:
    title: "Zeta: an invented note"   # quoted on purpose
    country: FR
    year: 2021
    topics: [activation, profiling]

  # Alpha second.
  notes/alpha.md:
    title: Alpha invented note
    country: DE
    language: de
    year: 2020
  notes/mid.md:
    title: Mid invented note
    country: AT  # Austria
vocabulary:
  topics: [invented-topic]
"""


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines a ``git diff`` would show removed and added."""
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    body = [d for d in diff if not d.startswith(("---", "+++", "@@"))]
    return [d[1:] for d in body if d.startswith("-")], [d[1:] for d in body if d.startswith("+")]


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue.yaml"
    path.write_text(CATALOGUE, encoding="utf-8")
    return path


def test_adding_an_entry_appends_only_its_lines(catalogue: Path) -> None:
    entry = {"title": "New: invented", "country": "BE", "year": 2024, "topics": ["youth-guarantee"]}
    set_entry(catalogue, "uploads/new.md", entry)
    after = catalogue.read_text(encoding="utf-8")
    removed, added = changed_lines(CATALOGUE, after)
    assert removed == []
    assert added == [
        "  uploads/new.md:",
        "    title: 'New: invented'",
        "    country: BE",
        "    year: 2024",
        "    topics: [youth-guarantee]",
    ]
    # Added at the end of the documents, before the vocabulary section.
    assert after.index("uploads/new.md") < after.index("vocabulary:")


def test_editing_an_entry_changes_only_its_changed_fields(catalogue: Path) -> None:
    set_entry(
        catalogue,
        "notes/alpha.md",
        {"title": "Alpha invented note", "country": "AT", "organisation": "AMS", "year": 2020},
    )
    removed, added = changed_lines(CATALOGUE, catalogue.read_text(encoding="utf-8"))
    assert removed == ["    country: DE", "    language: de"]
    assert added == ["    country: AT", "    organisation: AMS"]  # in the catalogue's field order
    # An unchanged quoted title keeps its quotes and comment.
    set_entry(
        catalogue,
        "notes/zeta.md",
        {"title": "Zeta: an invented note", "country": "FR", "year": 2022,
         "topics": ["activation", "profiling"]},
    )  # fmt: skip
    text = catalogue.read_text(encoding="utf-8")
    assert '    title: "Zeta: an invented note"   # quoted on purpose' in text
    assert "    year: 2022" in text and "    topics: [activation, profiling]" in text


ENTRY_LINES = {
    "notes/zeta.md": 5,
    "notes/alpha.md": 5,
    "notes/mid.md": 3,
}


@pytest.mark.parametrize("rel", sorted(ENTRY_LINES))
def test_removing_an_entry_removes_only_its_lines(catalogue: Path, rel: str) -> None:
    set_entry(catalogue, rel, None)
    after = catalogue.read_text(encoding="utf-8")
    removed, added = changed_lines(CATALOGUE, after)
    assert added == []
    lines = CATALOGUE.splitlines()
    start = lines.index(f"  {rel}:")
    own = lines[start : start + ENTRY_LINES[rel]]
    # The entry's lines, and at most the comment (and blank line) written just above it.
    assert removed[-len(own) :] == own
    lead = removed[: -len(own)]
    assert lead == lines[start - len(lead) : start]
    assert all(not line.strip() or line.strip().startswith("#") for line in lead), lead
    assert "# Zeta comes first on purpose." in after  # above the mapping, not an entry's
    assert "# Illustrative catalogue" in after and "vocabulary:" in after
    assert not has_entry(catalogue, rel)
    assert all(has_entry(catalogue, other) for other in ENTRY_LINES if other != rel)
    set_entry(catalogue, rel, None)  # removing what is not there changes nothing
    assert catalogue.read_text(encoding="utf-8") == after


def test_a_new_catalogue_and_a_broken_one(tmp_path: Path) -> None:
    fresh = tmp_path / "new" / "catalogue.yaml"
    set_entry(fresh, "a.md", {"title": "A", "country": "FR"})
    expected = "documents:\n  a.md:\n    title: A\n    country: FR\n"
    assert fresh.read_text(encoding="utf-8") == expected
    broken = tmp_path / "broken.yaml"
    broken.write_text("documents:\n  a.md: [unclosed\n", encoding="utf-8")
    with pytest.raises(CurationError, match="not valid YAML"):
        set_entry(broken, "b.md", {"title": "B"})
    assert broken.read_text(encoding="utf-8") == "documents:\n  a.md: [unclosed\n"


def test_files_get_the_corpus_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "uploads" / "a.md", b"# A\n")
        assert (tmp_path / "uploads" / "a.md").stat().st_mode & 0o777 == 0o644
        os.umask(0o027)  # a stricter umask is respected
        write_atomic(tmp_path / "b.md", b"# B\n")
        assert (tmp_path / "b.md").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)
    # A replaced file keeps the mode it had.
    (tmp_path / "c.md").write_bytes(b"old")
    (tmp_path / "c.md").chmod(0o664)
    write_atomic(tmp_path / "c.md", b"new")
    assert (tmp_path / "c.md").stat().st_mode & 0o777 == 0o664
    assert (tmp_path / "c.md").read_bytes() == b"new"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left


def test_the_batch_run_warns_about_a_byte_identical_copy(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_corpus(corpus)
    first = cli("--corpus", str(corpus), "--index", str(index), "run")
    assert first.returncode == 0, first.stderr
    assert "warning" not in first.stdout
    shutil.copy(corpus / "es/digital.md", corpus / "es/digital-copy.md")
    second = cli("--corpus", str(corpus), "--index", str(index), "run", "--json")
    assert second.returncode == 0, second.stderr
    files = {f["path"]: f for f in json.loads(second.stdout)["files"]}
    assert files["es/digital-copy.md"]["action"] == "added"
    (warning,) = files["es/digital-copy.md"]["warnings"]
    assert "byte-identical copy of es/digital.md" in warning and "sha256" in warning
    # The text report names it too; the original is not warned about.
    (corpus / "es/digital-copy.md").write_bytes(b"# Otro\n\nUn texto distinto, inventado.\n")
    shutil.copy(corpus / "at/youth.pdf", corpus / "youth-again.pdf")
    third = cli("--corpus", str(corpus), "--index", str(index), "run")
    assert third.returncode == 0, third.stderr
    assert "warning youth-again.pdf: a byte-identical copy of at/youth.pdf" in third.stdout
    assert "warning es/digital-copy.md" not in third.stdout
