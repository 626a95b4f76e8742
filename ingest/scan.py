"""Which files a run takes from the corpus folder, hashed; and what it refuses there.

The run stays inside the corpus folder: a symbolic link (to a file or a folder) whose
target lies outside it is refused with a per-file error and never opened. A link to a
folder inside the corpus is not followed (its files are taken at their real place, so
nothing is ingested twice and no cycle is walked); a link to a file inside is taken.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ingest.report import FileReport
from kb.core.settings import Settings

IGNORED = ("README.md", "readme.md", "eval/*", ".*", "*/.*")
OUTSIDE_FILE = "is a symbolic link to a file outside the corpus folder: refused"
OUTSIDE_FOLDER = "is a symbolic link to a folder outside the corpus folder: refused"


@dataclass
class SourceFile:
    path: Path
    rel_path: str
    doc_id: str
    file_hash: str
    size: int


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _ignored(rel: str) -> bool:
    return any(fnmatch.fnmatch(rel, pattern) for pattern in IGNORED)


def walk_corpus(corpus_dir: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files under ``corpus_dir`` without following links out of it (sorted), and the
    links refused with their reason. Unreadable folders are skipped."""
    root = corpus_dir.resolve()
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    stack = [corpus_dir]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                target = path.resolve()
                inside = target.is_relative_to(root)
                if target.is_dir():
                    if not inside:
                        refused.append((path, OUTSIDE_FOLDER))
                elif not inside:
                    refused.append((path, OUTSIDE_FILE))
                elif target.is_file():
                    files.append(path)
            elif entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif entry.is_file(follow_symlinks=False):
                files.append(path)
    return sorted(files), sorted(refused)


def scan_corpus(corpus_dir: Path, settings: Settings) -> tuple[list[SourceFile], list[FileReport]]:
    """Every ingestible file under the corpus folder, hashed; files that can't be taken."""
    sources: list[SourceFile] = []
    rejected: list[FileReport] = []
    by_doc_id: dict[str, str] = {}
    max_bytes = settings.ingest.max_file_mb * 1024 * 1024
    files, refused = walk_corpus(corpus_dir)
    for path, reason in refused:
        rel = path.relative_to(corpus_dir).as_posix()
        is_file = reason == OUTSIDE_FILE
        if _ignored(rel) or (is_file and path.suffix.lower() not in settings.ingest.extensions):
            continue
        doc_id = rel.rsplit(".", 1)[0] if is_file else rel
        rejected.append(FileReport(rel, doc_id, "failed", error=reason))
    for path in files:
        rel = path.relative_to(corpus_dir).as_posix()
        if path.suffix.lower() not in settings.ingest.extensions or _ignored(rel):
            continue
        doc_id = rel.rsplit(".", 1)[0]
        if doc_id in by_doc_id:
            rejected.append(
                FileReport(
                    rel,
                    doc_id,
                    "failed",
                    error=f"same document id as {by_doc_id[doc_id]}; rename one",
                )
            )
            continue
        size = path.stat().st_size
        if size > max_bytes:
            rejected.append(
                FileReport(
                    rel,
                    doc_id,
                    "failed",
                    error=f"file is {size / 2**20:.0f} MB, over the "
                    f"{settings.ingest.max_file_mb} MB limit",
                )
            )
            continue
        by_doc_id[doc_id] = rel
        sources.append(SourceFile(path, rel, doc_id, file_hash(path), size))
    return sources, rejected
