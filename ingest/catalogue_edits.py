"""Editing the catalogue file for curation: an entry validated with the catalogue's
own model and vocabulary, written or dropped with the rest of the file kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ingest.catalogue import (
    FIELDS,
    CatalogueEntry,
    CatalogueError,
    _validate_entry,
    load_catalogue,
)
from ingest.corpus_files import CurationError, write_atomic
from ingest.pipeline import catalogue_path
from kb.core.settings import Settings


def _clean_entry(entry: dict[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (entry or {}).items() if v is not None and v != "" and v != []}


def validate_entry(corpus_dir: Path, rel: str, entry: dict[str, Any], settings: Settings) -> dict:
    """The entry as it will be written (normalised, empty fields omitted).

    Uses the catalogue's own model and vocabulary (including terms the catalogue
    file adds). Raises CurationError naming every bad field.
    """
    cat_file = catalogue_path(settings, corpus_dir)
    try:
        vocabulary = load_catalogue(cat_file).vocabulary
    except CatalogueError as exc:
        raise CurationError(f"the catalogue cannot be used, fix it first: {exc}") from exc
    checked = _validate_entry(cat_file, rel, _clean_entry(entry), vocabulary)
    if not isinstance(checked, CatalogueEntry):
        prefix = f"{cat_file.name}: documents[{rel!r}]."
        problems = [p.removeprefix(prefix) for p in checked]
        raise CurationError(
            f"the catalogue entry for {rel} was not saved: " + "; ".join(problems), problems
        )
    dumped = _clean_entry(checked.as_metadata())
    return {k: dumped[k] for k in FIELDS if k in dumped}


def _read_catalogue(cat_file: Path) -> tuple[list[str], dict[str, Any]]:
    """The leading comment lines and the raw mapping of the catalogue file."""
    if not cat_file.exists():
        return [], {"documents": {}}
    text = cat_file.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#") and line.strip():
            break
        header.append(line)
    while header and not header[-1].strip():
        header.pop()
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise CurationError(f"the catalogue is not valid YAML, fix it first: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("documents") or {}, dict):
        raise CurationError("the catalogue has no 'documents:' mapping, fix it first")
    raw["documents"] = raw.get("documents") or {}
    return header, raw


def set_entry(cat_file: Path, rel: str, entry: dict[str, Any] | None) -> None:
    """Write (or, with None/empty, drop) one entry; the rest of the file is kept."""
    header, raw = _read_catalogue(cat_file)
    documents = {str(k): v for k, v in raw["documents"].items()}
    if entry:
        documents[rel] = entry
    else:
        documents.pop(rel, None)
    raw["documents"] = dict(sorted(documents.items()))
    body = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100)
    text = "\n".join(header) + "\n\n" + body if header else body
    write_atomic(cat_file, text.encode("utf-8"))


def has_entry(cat_file: Path, rel: str) -> bool:
    return cat_file.exists() and rel in {str(k) for k in _read_catalogue(cat_file)[1]["documents"]}
