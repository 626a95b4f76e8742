"""Writing into the corpus folder: files keep the corpus's mode, the catalogue its layout.

The catalogue is edited as a round trip (``ruamel.yaml``): only the entry concerned
changes; the other entries, their order, comments, quoting and layout stay as the
Secretariat wrote them, so ``git diff`` shows just that entry. Files are written
atomically (temp file + ``os.replace``) with the mode the file had, or for a new
file 0666 less the umask (0644 usually), never the temp file's 0600.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML, YAMLError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ingest.catalogue import FIELDS

__all__ = ["CurationError", "has_entry", "set_entry", "write_atomic"]


class CurationError(ValueError):
    """The action was refused; the message is meant for the curator. Nothing was written."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


def _umask() -> int:
    """The process's umask, read without changing it where Linux allows."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: read by setting it, then put it back at once
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a hidden temp file in the same folder (ignored by scans) + os.replace.

    The result has the mode the file had, or for a new file that of any file created
    here (0666 less the umask: 0644 usually), never the temp file's 0600.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- the catalogue --------------------------------------------------------------


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
