"""Editing the catalogue file for curation: an entry validated with the catalogue's
own model and vocabulary, written or dropped as a round trip (``ruamel.yaml``): only the
entry concerned changes; the other entries, their order, comments, quoting and layout
stay as the Secretariat wrote them, so ``git diff`` shows just that entry."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML, YAMLError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ingest.catalogue import (
    FIELDS,
    CatalogueEntry,
    CatalogueError,
    _validate_entry,
    load_catalogue,
)
from ingest.corpus_files import CurationError
from ingest.pipeline import catalogue_path
from kb.core.files import write_atomic
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


def _yaml() -> YAML:
    rt = YAML()  # round trip: keeps comments, order, quoting and flow/block style
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap a long title the Secretariat wrote on one line
    return rt


def _read_catalogue(cat_file: Path) -> CommentedMap:
    """The catalogue file as a round-trip mapping (a new one when there is no file)."""
    if not cat_file.exists():
        return CommentedMap(documents=CommentedMap())
    try:
        raw = _yaml().load(cat_file.read_text(encoding="utf-8"))
    except YAMLError as exc:
        raise CurationError(f"the catalogue is not valid YAML, fix it first: {exc}") from exc
    raw = CommentedMap() if raw is None else raw
    if not isinstance(raw, dict) or not isinstance(raw.get("documents") or {}, dict):
        raise CurationError("the catalogue has no 'documents:' mapping, fix it first")
    if not raw.get("documents"):
        raw["documents"] = CommentedMap()
    return raw


def _yaml_value(value: Any) -> Any:
    if isinstance(value, list):  # lists as the catalogue writes them: [a, b]
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    return value


def _merge_entry(current: CommentedMap, entry: dict[str, Any]) -> None:
    """Change ``current`` in place into ``entry``: equal values keep their formatting,
    fields that went are dropped, new fields take their place in ``FIELDS`` order."""
    for key in [k for k in current if k not in entry]:
        del current[key]
    for key, value in entry.items():
        if key in current:
            if current[key] != value:
                current[key] = _yaml_value(value)
            continue
        order = list(FIELDS)
        before = [k for k in current if k in order and order.index(k) < order.index(key)]
        position = list(current).index(before[-1]) + 1 if before else 0
        current.insert(position, key, _yaml_value(value))


def set_entry(cat_file: Path, rel: str, entry: dict[str, Any] | None) -> None:
    """Write (or, with None/empty, drop) one entry; every other line of the file is kept."""
    raw = _read_catalogue(cat_file)
    documents = raw["documents"]
    key = next((k for k in documents if str(k) == rel), None)
    if not entry:
        if key is None:
            return
        del documents[key]
    elif key is None or not isinstance(documents[key], dict):
        fresh = CommentedMap()
        _merge_entry(fresh, entry)
        documents[key if key is not None else rel] = fresh  # new entries go last
    else:
        _merge_entry(documents[key], entry)
    out = io.StringIO()
    _yaml().dump(raw, out)
    write_atomic(cat_file, out.getvalue().encode("utf-8"))


def has_entry(cat_file: Path, rel: str) -> bool:
    return cat_file.exists() and rel in {str(k) for k in _read_catalogue(cat_file)["documents"]}
