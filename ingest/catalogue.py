"""The Secretariat's catalogue: one human-edited YAML entry per document, keyed by path."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from kb.core.vocabulary import DEFAULT_VOCABULARY

NON_ISO_COUNTRIES = {"EU", "INT"}
FIELDS = (
    "title",
    "country",
    "organisation",
    "year",
    "language",
    "topics",
    "target_groups",
    "practice_type",
    "source_url",
    "licence",
)


class CatalogueError(ValueError):
    """The catalogue file cannot be used at all (unreadable, not YAML, wrong shape)."""


class CatalogueEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str | None = None
    country: str | None = None
    organisation: str | None = None
    year: int | None = None
    language: str | None = None
    topics: list[str] = []
    target_groups: list[str] = []
    practice_type: str | None = None
    source_url: str | None = None
    licence: str | None = None

    @field_validator("country")
    @classmethod
    def _country(cls, v: str | None) -> str | None:
        if not v:
            return None
        code = v.upper()
        if code not in NON_ISO_COUNTRIES and pycountry.countries.get(alpha_2=code) is None:
            raise ValueError(f"{v!r} is not an ISO 3166-1 alpha-2 code (e.g. AT, FR) or EU/INT")
        return code

    @field_validator("language")
    @classmethod
    def _language(cls, v: str | None) -> str | None:
        if not v:
            return None
        code = v.lower()
        if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
            raise ValueError(f"{v!r} is not an ISO 639-1 language code (e.g. de, fr)")
        return code

    @field_validator("year")
    @classmethod
    def _year(cls, v: int | None) -> int | None:
        if v is not None and not 1900 <= v <= 2100:
            raise ValueError(f"{v} is not a plausible publication year")
        return v

    @field_validator("source_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if v and not v.startswith(("http://", "https://")):
            raise ValueError(f"{v!r} is not an http(s) URL")
        return v or None

    def as_metadata(self) -> dict[str, Any]:
        return self.model_dump()


@dataclass
class Catalogue:
    path: Path
    entries: dict[str, CatalogueEntry] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)  # rel path -> messages
    vocabulary: dict[str, list[str]] = field(default_factory=lambda: dict(DEFAULT_VOCABULARY))
    exists: bool = False

    def entry(self, rel_path: str) -> CatalogueEntry:
        return self.entries.get(rel_path, CatalogueEntry())

    def all_messages(self) -> list[str]:
        return [m for msgs in self.errors.values() for m in msgs]


def load_catalogue(path: Path) -> Catalogue:
    """Read and validate the catalogue; per-entry problems are collected, not raised.

    Raises CatalogueError only when the file as a whole is unusable.
    """
    cat = Catalogue(path=path)
    if not path.exists():
        return cat
    cat.exists = True
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("documents", {}), dict):
        raise CatalogueError(f"{path}: expected a mapping with a 'documents:' mapping inside")
    unknown = set(raw) - {"documents", "vocabulary"}
    if unknown:
        raise CatalogueError(f"{path}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    for key, values in (raw.get("vocabulary") or {}).items():
        if key not in DEFAULT_VOCABULARY or not isinstance(values, list):
            raise CatalogueError(
                f"{path}: vocabulary.{key}: expected one of "
                f"{sorted(DEFAULT_VOCABULARY)} with a list of terms"
            )
        cat.vocabulary[key] = sorted(set(cat.vocabulary[key]) | {str(v) for v in values})
    for rel, body in (raw.get("documents") or {}).items():
        rel = str(rel)
        problems = _validate_entry(path, rel, body, cat.vocabulary)
        if isinstance(problems, CatalogueEntry):
            cat.entries[rel] = problems
        else:
            cat.errors[rel] = problems
    return cat


def _validate_entry(
    path: Path, rel: str, body: Any, vocabulary: dict[str, list[str]]
) -> CatalogueEntry | list[str]:
    where = f"{path.name}: documents[{rel!r}]"
    if body is None:
        body = {}
    if not isinstance(body, dict):
        return [f"{where}: expected a mapping of fields, got {type(body).__name__}"]
    try:
        entry = CatalogueEntry.model_validate(body)
    except ValidationError as exc:
        return [
            f"{where}.{'.'.join(str(p) for p in err['loc'])}: {_message(err)}"
            for err in exc.errors()
        ]
    problems = []
    for fld in ("topics", "target_groups"):
        for term in getattr(entry, fld):
            if term not in vocabulary[fld]:
                problems.append(
                    f"{where}.{fld}: {term!r} is not in the vocabulary "
                    f"({', '.join(vocabulary[fld])})"
                )
    if entry.practice_type and entry.practice_type not in vocabulary["practice_type"]:
        problems.append(
            f"{where}.practice_type: {entry.practice_type!r} is not one of "
            f"{', '.join(vocabulary['practice_type'])}"
        )
    return problems or entry


def _message(err: Any) -> str:
    if err["type"] == "extra_forbidden":
        return f"unknown field (known: {', '.join(FIELDS)})"
    return str(err["msg"]).removeprefix("Value error, ")


def entry_hash(entry: CatalogueEntry) -> str:
    blob = json.dumps(entry.as_metadata(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]
