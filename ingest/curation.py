"""What the Secretariat's curation page does: change the corpus folder, then re-ingest.

Every action edits the corpus folder (the document and/or its catalogue entry) and
then brings the index in line by running the same ingestion as the batch CLI in a
worker process (``ingest.worker``: the app's server never parses or embeds a
document, and the worker's memory is bounded), returning its ``RunReport``, so
the page shows the same report as ``python -m ingest run`` (added, changed,
removed, failed with per-file errors). The corpus folder stays the single source of
truth: whatever the page does, a later batch run agrees with it.

Input is checked before anything is written: the file name is made safe, the
upload's size and content type are checked against its extension, and the
catalogue entry is validated with the catalogue's own model and vocabulary. Files
and the catalogue are written atomically (temp file + ``os.replace``). File names,
uploads and paths are checked in ``ingest.corpus_files``, catalogue entries edited in
``ingest.catalogue_edits``.

Concurrency: every action holds the knowledge base's single-writer lock
(``kb.writing()``, across threads, processes and, in server mode, machines) from
its first change to the folder until its run has published, so a batch run or a
second curator never interleaves with it. A second action waits up to
``app.curation_wait_s`` and is then refused with a CurationError naming who is
writing (``busy(kb)`` tells the page beforehand). Readers keep answering from the
published generation meanwhile.

The catalogue is edited as a round trip, changing only the entry concerned, and
saved files get the corpus's usual mode (``ingest.catalogue_edits``, ``ingest.corpus_files``).

Limitations: a file that passes the checks
but cannot be extracted (e.g. an encrypted PDF) is kept in the folder and reported
as failed, exactly as in a batch run; the rest of the index is untouched and, for a
replacement, the previous version stays searchable until the file is fixed or removed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, Concatenate, ParamSpec, TypeVar

from ingest.catalogue import CatalogueError
from ingest.catalogue_edits import has_entry, set_entry, validate_entry
from ingest.corpus_files import (
    MAX_NAME,
    CurationError,
    check_content,
    check_upload,
    corpus_folder,
    corpus_subfolder,
    resolve_in_corpus,
    safe_filename,
)
from ingest.pipeline import Progress, catalogue_path
from ingest.report import RunReport
from ingest.worker import WorkerError, ingest_in_worker
from kb.core.files import write_atomic
from kb.index.factory import KnowledgeBase
from kb.index.locks import IndexBusyError
from kb.index.store import EmbedderMismatchError

__all__ = [
    "MAX_NAME",
    "CurationError",
    "add_document",
    "busy",
    "check_upload",
    "reingest_all",
    "remove_document",
    "replace_document",
    "safe_filename",
    "update_metadata",
    "validate_entry",
]

P = ParamSpec("P")
R = TypeVar("R")


def _serialised(
    fn: Callable[Concatenate[KnowledgeBase, P], R],
) -> Callable[Concatenate[KnowledgeBase, P], R]:
    @functools.wraps(fn)
    def wrapper(kb: KnowledgeBase, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with kb.writing(kb.settings.app.curation_wait_s):
                return fn(kb, *args, **kwargs)
        except IndexBusyError as exc:
            raise CurationError(f"{exc}. Nothing was changed.") from exc

    return wrapper


def busy(kb: KnowledgeBase) -> str | None:
    """Who is updating the index now (a batch run or a curator), or None."""
    return kb.busy()


# --- running the ingestion ------------------------------------------------------


def _ingest(
    kb: KnowledgeBase, corpus_dir: Path, *, full: bool = False, progress: Progress | None
) -> RunReport:
    try:
        # A curator waits for this write: it never compacts the index's segments below
        # the hard bound; the scheduled run and `python -m ingest compact` do.
        return ingest_in_worker(kb, corpus_dir, full=full, progress=progress, compact="defer")
    except CatalogueError as exc:
        raise CurationError(f"the catalogue cannot be used, fix it first: {exc}") from exc
    except EmbedderMismatchError as exc:
        raise CurationError(
            f"the index cannot take the change: {exc}. The corpus folder keeps the change; "
            "the index is untouched and a full re-ingestion brings it in."
        ) from exc
    except WorkerError as exc:
        raise CurationError(f"{exc}. The corpus folder keeps the change.") from exc


def _same_document_id(path: Path) -> list[Path]:
    """Other files that would get the same document id (same path, another extension)."""
    if not path.parent.is_dir():
        return []
    stem = path.name.rsplit(".", 1)[0]
    return [
        p
        for p in path.parent.iterdir()
        if p != path
        and p.is_file()
        and p.name.rsplit(".", 1)[0] == stem
        and not p.name.startswith(".")
    ]


# --- the actions ----------------------------------------------------------------


@_serialised
def add_document(
    kb: KnowledgeBase,
    corpus_dir: Path,
    filename: str,
    data: bytes,
    entry: dict[str, Any],
    *,
    folder: str = "uploads",
    overwrite: bool = False,
    progress: Progress | None = None,
) -> tuple[str, RunReport]:
    """Save an upload as ``corpus_dir/folder/<safe name>`` with its catalogue entry; ingest.

    Returns the corpus-relative path and the run's report. Raises CurationError
    (nothing written) for a bad entry, a bad upload, or an existing file when
    ``overwrite`` is False.
    """
    settings = kb.settings
    corpus_dir = corpus_folder(corpus_dir)
    name = safe_filename(filename, settings.ingest.extensions)
    path, rel = resolve_in_corpus(
        corpus_dir, (corpus_subfolder(folder) / name).as_posix(), settings
    )
    clean = validate_entry(corpus_dir, rel, entry, settings)
    check_content(name, data, settings)
    if path.exists() and not overwrite:
        raise CurationError(f"{rel} exists; confirm to replace it")
    if twins := _same_document_id(path):
        raise CurationError(
            f"{rel}: {twins[0].relative_to(corpus_dir).as_posix()} has the same name with "
            "another extension; replace or remove that one, or rename the upload"
        )
    previous = path.read_bytes() if path.exists() else None
    write_atomic(path, data)
    try:
        set_entry(catalogue_path(settings, corpus_dir), rel, clean)
    except BaseException:
        if previous is None:
            path.unlink(missing_ok=True)
        else:
            write_atomic(path, previous)
        raise
    return rel, _ingest(kb, corpus_dir, progress=progress)


@_serialised
def replace_document(
    kb: KnowledgeBase,
    corpus_dir: Path,
    rel_path: str,
    data: bytes,
    *,
    filename: str | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Replace an existing document's file with a new version (same path); ingest.

    The catalogue entry is kept. ``filename`` (the upload's name), when given, must
    have the existing file's extension. Raises CurationError, nothing written,
    when the document does not exist or the new content is unsuitable.
    """
    settings = kb.settings
    corpus_dir = corpus_folder(corpus_dir)
    path, rel = resolve_in_corpus(corpus_dir, rel_path, settings)
    if not path.is_file():
        raise CurationError(f"{rel} does not exist; add it instead")
    if filename is not None:
        new_ext = PurePosixPath(safe_filename(filename, settings.ingest.extensions)).suffix
        if new_ext != path.suffix.lower():
            raise CurationError(
                f"{rel}: the new version is a {new_ext} file, the document is {path.suffix}; "
                "remove it and add the new file instead"
            )
    check_content(path.name, data, settings)
    write_atomic(path, data)
    return _ingest(kb, corpus_dir, progress=progress)


@_serialised
def update_metadata(
    kb: KnowledgeBase,
    corpus_dir: Path,
    rel_path: str,
    entry: dict[str, Any],
    *,
    progress: Progress | None = None,
) -> RunReport:
    """Replace a document's catalogue entry (an empty entry removes it); ingest.

    Only the catalogue changes. The run rewrites the document's chunk metadata and
    reuses its vectors; only a changed title costs re-embedding (the title is part
    of the embedded text). Raises CurationError naming the bad fields.
    """
    settings = kb.settings
    corpus_dir = corpus_folder(corpus_dir)
    path, rel = resolve_in_corpus(corpus_dir, rel_path, settings)
    if not path.is_file():
        raise CurationError(f"{rel} does not exist in the corpus folder")
    clean = validate_entry(corpus_dir, rel, entry, settings)
    set_entry(catalogue_path(settings, corpus_dir), rel, clean or None)
    return _ingest(kb, corpus_dir, progress=progress)


@_serialised
def remove_document(
    kb: KnowledgeBase, corpus_dir: Path, rel_path: str, *, progress: Progress | None = None
) -> RunReport:
    """Delete a document's file and catalogue entry; the run removes its chunks."""
    settings = kb.settings
    corpus_dir = corpus_folder(corpus_dir)
    path, rel = resolve_in_corpus(corpus_dir, rel_path, settings)
    cat_file = catalogue_path(settings, corpus_dir)
    indexed = any(r.path == rel for r in kb.snapshot().store.documents().values())
    had_entry = has_entry(cat_file, rel)
    if not (path.is_file() or had_entry or indexed):
        raise CurationError(f"{rel} is not in the corpus folder, the catalogue or the index")
    if had_entry:
        set_entry(cat_file, rel, None)
    path.unlink(missing_ok=True)
    return _ingest(kb, corpus_dir, progress=progress)


@_serialised
def reingest_all(
    kb: KnowledgeBase, corpus_dir: Path, *, full: bool = False, progress: Progress | None = None
) -> RunReport:
    """Bring the index in line with the folder; ``full`` drops the index and rebuilds it.

    With ``full`` every chunk is embedded again into a new generation (like ``python -m
    ingest run --full``); readers keep the current one until it is published.
    """
    return _ingest(kb, corpus_folder(corpus_dir), full=full, progress=progress)
