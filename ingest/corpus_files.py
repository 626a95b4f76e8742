"""The corpus folder as curation writes to it: safe file names, uploads checked
against their extension, paths that stay inside the corpus, atomic writes."""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from ingest.filetypes import kind_problem, sniff_bytes
from ingest.pipeline import IGNORED
from kb.core.settings import IngestSettings, Settings

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


class CurationError(ValueError):
    """The action was refused; the message is meant for the curator. Nothing was written."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


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
    check_content(safe, data, settings)
    return safe


def check_content(name: str, data: bytes, settings: Settings) -> None:
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


def corpus_folder(corpus_dir: Path) -> Path:
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CurationError(f"corpus folder {corpus_dir} does not exist")
    return corpus_dir


def resolve_in_corpus(corpus_dir: Path, rel_path: str, settings: Settings) -> tuple[Path, str]:
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


def corpus_subfolder(folder: str) -> PurePosixPath:
    parts = [p for p in str(folder).replace("\\", "/").split("/") if p not in ("", ".")]
    cleaned = []
    for part in parts:
        safe = _clean_component(part)
        if part == ".." or not safe:
            raise CurationError(f"folder {folder!r} is not a folder inside the corpus")
        cleaned.append(safe)
    return PurePosixPath(*cleaned)
