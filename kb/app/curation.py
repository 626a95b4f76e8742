"""Curation, as the Secretariat's page uses it: the corpus's catalogue and vocabulary,
and the actions of ``ingest.curation`` (each one serialised with the other writers)."""

from __future__ import annotations

from ingest.catalogue import Catalogue, load_catalogue
from ingest.curation import (
    CurationError,
    add_document,
    busy,
    reingest_all,
    remove_document,
    replace_document,
    update_metadata,
)
from ingest.pipeline import catalogue_path
from ingest.report import RunReport
from kb.core.settings import Settings
from kb.core.vocabulary import DEFAULT_VOCABULARY

__all__ = [
    "CurationError",
    "RunReport",
    "add_document",
    "busy",
    "corpus_catalogue",
    "reingest_all",
    "remove_document",
    "replace_document",
    "update_metadata",
]


def corpus_catalogue(settings: Settings) -> tuple[Catalogue, dict[str, list[str]]]:
    """The corpus's catalogue, and the vocabulary its entries are checked against."""
    catalogue = load_catalogue(catalogue_path(settings, settings.ingest.corpus_dir))
    return catalogue, catalogue.vocabulary or DEFAULT_VOCABULARY
