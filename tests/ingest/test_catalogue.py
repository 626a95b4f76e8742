import pytest

from ingest.catalogue import CatalogueError, entry_hash, load_catalogue

GOOD = """
documents:
  samples/at.pdf:
    title: Jugendgarantie
    country: at
    organisation: AMS
    year: 2023
    language: DE
    topics: [youth-guarantee]
    target_groups: [young-people]
    practice_type: case-study
    source_url: https://example.org/at
    licence: CC BY 4.0
  samples/no-metadata.md:
"""


def _write(tmp_path, text):
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_entries_are_normalised(tmp_path):
    cat = load_catalogue(_write(tmp_path, GOOD))
    entry = cat.entries["samples/at.pdf"]
    assert (entry.country, entry.language, entry.year) == ("AT", "de", 2023)
    assert cat.entries["samples/no-metadata.md"].title is None
    assert not cat.errors


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("country", "Austria", "documents['samples/x.pdf'].country: 'Austria' is not an ISO"),
        ("language", "german", "documents['samples/x.pdf'].language: 'german' is not an ISO 639-1"),
        ("year", "1850", "documents['samples/x.pdf'].year: 1850 is not a plausible"),
        ("year", "soon", "documents['samples/x.pdf'].year: Input should be a valid integer"),
        (
            "topics",
            "[youth]",
            "documents['samples/x.pdf'].topics: 'youth' is not in the vocabulary",
        ),
        ("practice_type", "blog", "documents['samples/x.pdf'].practice_type: 'blog' is not one of"),
        (
            "source_url",
            "example.org",
            "documents['samples/x.pdf'].source_url: 'example.org' is not",
        ),
        ("colour", "blue", "documents['samples/x.pdf'].colour: unknown field"),
    ],
)
def test_bad_entry_names_file_and_field(tmp_path, field, value, message):
    cat = load_catalogue(_write(tmp_path, f"documents:\n  samples/x.pdf:\n    {field}: {value}\n"))
    assert "samples/x.pdf" not in cat.entries
    assert any(message in m and m.startswith("catalogue.yaml") for m in cat.errors["samples/x.pdf"])


def test_eu_and_international_are_valid_countries(tmp_path):
    cat = load_catalogue(
        _write(tmp_path, "documents:\n  a.pdf: {country: EU}\n  b.pdf: {country: INT}\n")
    )
    assert [e.country for e in cat.entries.values()] == ["EU", "INT"]


def test_vocabulary_can_be_extended_in_the_file(tmp_path):
    text = "vocabulary:\n  topics: [green-jobs]\ndocuments:\n  a.pdf: {topics: [green-jobs]}\n"
    assert load_catalogue(_write(tmp_path, text)).entries["a.pdf"].topics == ["green-jobs"]


@pytest.mark.parametrize(
    "text", ["documents: [a, b]\n", "documents:\n  a.pdf: {title: [\n", "docs: {}\n"]
)
def test_unusable_file_raises(tmp_path, text):
    with pytest.raises(CatalogueError, match="catalogue.yaml"):
        load_catalogue(_write(tmp_path, text))


def test_missing_file_is_an_empty_catalogue(tmp_path):
    cat = load_catalogue(tmp_path / "catalogue.yaml")
    assert not cat.exists and cat.entries == {}


def test_entry_hash_changes_with_any_field(tmp_path):
    cat = load_catalogue(_write(tmp_path, GOOD))
    entry = cat.entries["samples/at.pdf"]
    assert entry_hash(entry) != entry_hash(entry.model_copy(update={"year": 2024}))
