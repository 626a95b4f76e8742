#!/usr/bin/env python
"""Build an evaluation corpus and its index from a folder of ``../shared``.

    python benchmarks/eval_corpus.py realdocs [--shared DIR] [--name NAME] [--no-ingest]
    python benchmarks/eval_corpus.py realpdfs [--full] [--batches 5]

Copies the documents (never symlinks: the index records paths and hashes of real
files) to ``data/eval/<name>/corpus/`` at the corpus root, so a document's
``doc_id`` is its file stem, as question files with locators expect; writes a
``catalogue.yaml`` beside them; then ingests with the project's own pipeline::

    python -m ingest --corpus data/eval/<name>/corpus --index data/eval/<name>/index run

``data/`` is git-ignored: nothing of the real documents enters the repository.

Catalogues:

* ``realdocs``: text files with ``<id>.meta.json``: title, language (the first of
  ``sv+en``), year; country from the id prefix (de/se/fr/eu/intl -> DE/SE/FR/EU/INT);
  organisation from the publisher, without the provenance notes (parenthetical
  remarks with a ``;``, ", page text from ...").
* ``realpdfs``: PDFs; language from ``realpdfs.md``; organisation from the file-name
  prefix (BA, AF, Eurofound, Eurostat); country the document is about, from a table
  below (the UK is written ``GB``: the catalogue takes ISO 3166-1 codes only).
  Titles are left to ingestion (the PDF's properties or first heading).

Run ``benchmarks/eval_all.py`` next to evaluate a question set against the index.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml
from common import REPO_ROOT, ingest_command

DEFAULT_SHARED = REPO_ROOT.parent / "shared"
EVAL_DATA = REPO_ROOT / "data" / "eval"

REALDOCS_COUNTRY = {"de": "DE", "se": "SE", "fr": "FR", "eu": "EU", "intl": "INT"}
REALPDFS_ORGANISATION = {
    "BA": "Bundesagentur für Arbeit (BA)",
    "AF": "Arbetsförmedlingen",
    "Eurofound": "Eurofound",
    "Eurostat": "Eurostat",
}
# The country each PDF is about (by its content, not its publisher's seat).
REALPDFS_COUNTRY = {
    "de_BA_merkblatt-3-foerderleistungen": "DE",
    "de_BA_merkblatt-6-weiterbildung": "DE",
    "de_BA_merkblatt-8b-kurzarbeitergeld": "DE",
    "de_BA_merkblatt-buergergeld": "DE",
    "de_BA_merkblatt-fuer-arbeitslose": "DE",
    "en_AF_occupations_skills_Sweden": "SE",
    "en_Eurofound_EMCC_MG_Rover_task_force": "GB",
    "en_Eurofound_ERM_AT_employer_support_redundant": "AT",
    "en_Eurofound_PolicyWatch_AT_online_unemployment_benefit": "AT",
    "en_Eurofound_PolicyWatch_AT_short_time_work": "AT",
    "en_Eurofound_employee_sharing_Finland": "FI",
    "en_Eurostat_KS-TC-24-001_LLMs_statistical_offices": "EU",
    "sv_AF_SSYK_och_ESCO": "SE",
    "sv_AF_uppdatering_vardeforradskomponenter": "SE",
    "sv_AF_vardeforradskomponenter_genom_aren": "SE",
}


def organisation_from_publisher(publisher: str) -> str:
    """The publisher without provenance notes about how the text was obtained."""
    text = re.sub(r"\s*\([^()]*;[^()]*\)", "", publisher)
    text = re.sub(r",\s*page text from .*$", "", text)
    return text.strip()


def realdocs_catalogue(source: Path) -> dict[str, dict[str, Any]]:
    """file name -> catalogue entry, from the ``*.meta.json`` files."""
    entries: dict[str, dict[str, Any]] = {}
    for meta_file in sorted(source.glob("*.meta.json")):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        name = meta.get("text_file") or meta_file.name.replace(".meta.json", ".txt")
        prefix = meta["id"].split("_", 1)[0]
        if prefix not in REALDOCS_COUNTRY:
            raise SystemExit(f"{meta_file}: unknown id prefix {prefix!r}")
        entries[name] = {
            "title": meta["title"],
            "language": str(meta["language"]).split("+")[0],
            "year": int(meta["year"]),
            "country": REALDOCS_COUNTRY[prefix],
            "organisation": organisation_from_publisher(meta.get("publisher", "")),
        }
    return entries


def realpdfs_languages(listing: Path) -> dict[str, str]:
    """file name -> language, from the tab-separated lines of ``realpdfs.md``."""
    languages: dict[str, str] = {}
    for line in listing.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 2 and cells[0].endswith(".pdf") and not line.startswith("#"):
            languages[cells[0]] = cells[1]
    return languages


def realpdfs_catalogue(source: Path) -> dict[str, dict[str, Any]]:
    languages = realpdfs_languages(source.parent / "realpdfs.md")
    entries: dict[str, dict[str, Any]] = {}
    for pdf in sorted(source.glob("*.pdf")):
        prefix, org_key = pdf.stem.split("_")[:2]
        if pdf.stem not in REALPDFS_COUNTRY or org_key not in REALPDFS_ORGANISATION:
            raise SystemExit(f"{pdf}: not in this script's catalogue table")
        entries[pdf.name] = {
            "language": languages.get(pdf.name, prefix),
            "country": REALPDFS_COUNTRY[pdf.stem],
            "organisation": REALPDFS_ORGANISATION[org_key],
        }
    return entries


CATALOGUES = {"realdocs": realdocs_catalogue, "realpdfs": realpdfs_catalogue}


def build_corpus(kind: str, shared: Path, name: str, limit: int | None = None) -> Path:
    """Copy the documents (the first ``limit`` of them, by name) and write the
    catalogue; returns the corpus folder."""
    source = shared / kind
    if not source.is_dir():
        raise SystemExit(f"no folder {source}")
    entries = CATALOGUES[kind](source)
    if limit is not None:
        entries = dict(sorted(entries.items())[:limit])
    corpus = EVAL_DATA / name / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for existing in corpus.iterdir():
        if existing.is_symlink() or (existing.name not in entries and existing.is_file()):
            existing.unlink()
    for file_name in entries:
        src, dst = source / file_name, corpus / file_name
        if not dst.exists() or dst.read_bytes() != src.read_bytes():
            shutil.copyfile(src, dst)  # a copy, never a link
    header = (
        f"# Evaluation corpus built by benchmarks/eval_corpus.py from {source}.\n"
        "# Not part of the repository (data/ is git-ignored).\n"
    )
    body = yaml.safe_dump({"documents": entries}, allow_unicode=True, sort_keys=True)
    (corpus / "catalogue.yaml").write_text(header + body, encoding="utf-8")
    return corpus


def ingest(corpus: Path, index: Path, full: bool) -> int:
    cmd = ingest_command(corpus, index, "run")
    if full:
        cmd.append("--full")
    print("$ " + " ".join(cmd), flush=True)
    started = time.perf_counter()
    code = subprocess.call(cmd, cwd=REPO_ROOT)
    print(f"ingestion exit code {code} after {time.perf_counter() - started:.0f} s", flush=True)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=sorted(CATALOGUES))
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--name", help="folder under data/eval (default: the kind)")
    parser.add_argument("--no-ingest", action="store_true", help="only copy and catalogue")
    parser.add_argument("--full", action="store_true", help="rebuild the index from scratch")
    parser.add_argument(
        "--batches",
        type=int,
        default=1,
        help="add the documents in this many incremental runs, each published: a long "
        "build interrupted keeps what earlier runs embedded (the end state is the same)",
    )
    args = parser.parse_args(argv)
    name = args.name or args.kind
    shared = args.shared.resolve()
    total = len(CATALOGUES[args.kind](shared / args.kind))
    batches = max(1, min(args.batches, total))
    corpus = EVAL_DATA / name / "corpus"
    present = len(list(corpus.glob("*.*"))) - 1 if (corpus / "catalogue.yaml").exists() else 0
    for batch in range(1, batches + 1):
        limit = None if batch == batches else -(-total * batch // batches)
        if limit is not None and limit < present:
            continue  # a resumed build never removes documents it already has
        corpus = build_corpus(args.kind, shared, name, limit)
        count = sum(1 for p in corpus.iterdir() if p.name != "catalogue.yaml")
        print(f"{count} documents in {corpus}", flush=True)
        if args.no_ingest:
            continue
        code = ingest(corpus, EVAL_DATA / name / "index", args.full and batch == 1)
        if code != 0:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
