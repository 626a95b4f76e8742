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
and the catalogue are written atomically (temp file + ``os.replace``).

Concurrency: every action holds the knowledge base's single-writer lock
(``kb.writing()``, across threads, processes and, in server mode, machines) from
its first change to the folder until its run has published, so a batch run or a
second curator never interleaves with it. A second action waits up to
``app.curation_wait_s`` and is then refused with a CurationError naming who is
writing (``busy(kb)`` tells the page beforehand). Readers keep answering from the
published generation meanwhile.

The catalogue is edited as a round trip, changing only the entry concerned, and
saved files get the corpus's usual mode (``ingest.corpus_write``).

Limitations: a file that passes the checks
but cannot be extracted (e.g. an encrypted PDF) is kept in the folder and reported
as failed, exactly as in a batch run; the rest of the index is untouched and, for a
replacement, the previous version stays searchable until the file is fixed or removed.
"""

from __future__ import annotations

import fnmatch
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any, Concatenate, ParamSpec, TypeVar

from ingest.catalogue import (
    FIELDS,
    CatalogueEntry,
    CatalogueError,
    _validate_entry,
    load_catalogue,
)
from ingest.corpus_write import CurationError, has_entry, set_entry, write_atomic
from ingest.filetypes import kind_problem, sniff_bytes
from ingest.pipeline import IGNORED, Progress, catalogue_path
from ingest.report import RunReport
from ingest.worker import WorkerError, ingest_in_worker
from kb.factory import KnowledgeBase
from kb.locks import IndexBusyError
from kb.settings import IngestSettings, Settings

MAX_NAME = 120
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Letters NFKD does not decompose into ASCII (the rest: accents are stripped).
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)
}

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


# --- names and uploads ----------------------------------------------------------


def _clean_component(text: str) -> str:
    """ASCII letters, digits, ``-_.``; accents transliterated, spaces and the rest -> ``_``."""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")  # NUL, controls
    text = (
        unicodedata.normalize("NFKD", text.translate(_LETTERS))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    text = _UNSAFE.sub("_", text.strip().replace(" ", "_"))
    text = re.sub(r"_{2,}", "_", text)
    return text.lstrip("._-").rstrip("._ ")


def safe_filename(name: str, extensions: Iterable[str] | None = None) -> str:
    """A plain file name (no directories) that is safe to write into the corpus folder.

    Directories, path traversal, drive letters, control characters and leading dots
    are removed; accents are transliterated to ASCII and other characters become
    ``_``; the extension is lower-cased and must be one of ``extensions`` (default:
    the settings' default list). Raises CurationError when nothing usable is left.
    """
    allowed = tuple(extensions) if extensions is not None else IngestSettings().extensions
    base = name.replace("\\", "/").split("/")[-1]
    base = re.sub(r"^[A-Za-z]:", "", base).rstrip(". ")  # "C:report.pdf"; "x.pdf." (Windows)
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    ext = "." + _clean_component(ext).lower() if ext else ""
    if ext not in allowed:
        shown = ext or "no extension"
        raise CurationError(
            f"{name!r}: {shown} is not a supported document type ({', '.join(allowed)})"
        )
    stem = _clean_component(stem)[: MAX_NAME - len(ext)].rstrip("._ ")
    if not stem:
        raise CurationError(f"{name!r} has no usable file name; rename it and upload again")
    if stem.lower() in _WINDOWS_RESERVED:
        stem = f"{stem}_"
    return stem + ext


def check_upload(filename: str, data: bytes, settings: Settings) -> str:
    """Validate an upload before anything is written; returns its safe file name.

    Raises CurationError when the name is unusable, the file is empty or over
    ``settings.ingest.max_file_mb``, or its content does not match its extension.
    """
    safe = safe_filename(filename, settings.ingest.extensions)
    _check_content(safe, data, settings)
    return safe


def _check_content(name: str, data: bytes, settings: Settings) -> None:
    if not data:
        raise CurationError(f"{name}: the file is empty (0 bytes)")
    limit = settings.ingest.max_file_mb
    if len(data) > limit * 1024 * 1024:
        raise CurationError(
            f"{name}: the file is {len(data) / 2**20:.1f} MB, over the {limit} MB limit"
        )
    problem = kind_problem(PurePosixPath(name).suffix, sniff_bytes(data))
    if problem:
        raise CurationError(f"{name}: {problem}")


# --- paths inside the corpus ----------------------------------------------------


def _corpus(corpus_dir: Path) -> Path:
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CurationError(f"corpus folder {corpus_dir} does not exist")
    return corpus_dir


def _resolve(corpus_dir: Path, rel_path: str, settings: Settings) -> tuple[Path, str]:
    """The file a corpus-relative path names, refusing anything outside the corpus."""
    rel = str(rel_path).replace("\\", "/")
    pure = PurePosixPath(rel)
    if (
        not rel
        or pure.is_absolute()
        or re.match(r"^[A-Za-z]:", rel)
        or any(part in ("", ".", "..") for part in rel.split("/"))
    ):
        raise CurationError(f"{rel_path!r} is not a path inside the corpus folder")
    path = corpus_dir / pure
    root = corpus_dir.resolve()
    if not path.resolve().is_relative_to(root) or path.resolve() == root:
        raise CurationError(f"{rel_path!r} is not a path inside the corpus folder")
    if pure.suffix.lower() not in settings.ingest.extensions:
        raise CurationError(f"{rel_path!r} is not a document the knowledge base ingests")
    if any(fnmatch.fnmatch(rel, pattern) for pattern in IGNORED):
        raise CurationError(f"{rel_path!r} is a file the ingestion ignores")
    return path, pure.as_posix()


def _folder(folder: str) -> PurePosixPath:
    parts = [p for p in str(folder).replace("\\", "/").split("/") if p not in ("", ".")]
    cleaned = []
    for part in parts:
        safe = _clean_component(part)
        if part == ".." or not safe:
            raise CurationError(f"folder {folder!r} is not a folder inside the corpus")
        cleaned.append(safe)
    return PurePosixPath(*cleaned)


# --- the catalogue --------------------------------------------------------------


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


# --- running the ingestion ------------------------------------------------------


def _ingest(
    kb: KnowledgeBase, corpus_dir: Path, *, full: bool = False, progress: Progress | None
) -> RunReport:
    try:
        return ingest_in_worker(kb, corpus_dir, full=full, progress=progress)
    except CatalogueError as exc:
        raise CurationError(f"the catalogue cannot be used, fix it first: {exc}") from exc
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
    corpus_dir = _corpus(corpus_dir)
    name = safe_filename(filename, settings.ingest.extensions)
    path, rel = _resolve(corpus_dir, (_folder(folder) / name).as_posix(), settings)
    clean = validate_entry(corpus_dir, rel, entry, settings)
    _check_content(name, data, settings)
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
    corpus_dir = _corpus(corpus_dir)
    path, rel = _resolve(corpus_dir, rel_path, settings)
    if not path.is_file():
        raise CurationError(f"{rel} does not exist; add it instead")
    if filename is not None:
        new_ext = PurePosixPath(safe_filename(filename, settings.ingest.extensions)).suffix
        if new_ext != path.suffix.lower():
            raise CurationError(
                f"{rel}: the new version is a {new_ext} file, the document is {path.suffix}; "
                "remove it and add the new file instead"
            )
    _check_content(path.name, data, settings)
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
    corpus_dir = _corpus(corpus_dir)
    path, rel = _resolve(corpus_dir, rel_path, settings)
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
    corpus_dir = _corpus(corpus_dir)
    path, rel = _resolve(corpus_dir, rel_path, settings)
    cat_file = catalogue_path(settings, corpus_dir)
    indexed = any(r.path == rel for r in kb.store.documents().values())
    catalogued = has_entry(cat_file, rel)
    if not (path.is_file() or catalogued or indexed):
        raise CurationError(f"{rel} is not in the corpus folder, the catalogue or the index")
    if catalogued:
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
    return _ingest(kb, _corpus(corpus_dir), full=full, progress=progress)
