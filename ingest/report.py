"""What a run did, per file and in total; the CLI and the curation page both render it."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

ACTIONS = ("added", "changed", "unchanged", "removed", "failed")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def shown(text: str) -> str:
    """``text`` safe to print: control and format characters (newlines, NUL, ESC,
    right-to-left overrides, zero-width and invisible marks) and undecodable bytes of
    a file name are written as visible escapes (``\\n``, ``\\u202e``, ``\\udcff``), and a
    backslash as ``\\\\``, so a name can neither forge report lines nor reorder them."""
    out = []
    for ch in str(text):
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


@dataclass
class FileReport:
    path: str
    doc_id: str
    action: str  # one of ACTIONS
    chunks: int = 0
    embedded: int = 0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    # PDFs: pages, ocr_pages, empty_pages, page_labels ("pdf" / "printed" / ""), repairs
    extraction: dict[str, Any] = field(default_factory=dict)

    def extraction_line(self) -> str:
        """ "12 pages, OCR'd: 3, without text: 1, repairs: 40 soft-hyphen joins, ..." """
        e = self.extraction
        if not e:
            return ""
        parts = [f"{e.get('pages', 0)} pages"]
        if e.get("ocr_pages"):
            parts.append(f"OCR'd: {_pages(e['ocr_pages'])}")
        if e.get("empty_pages"):
            parts.append(f"without text: {_pages(e['empty_pages'])}")
        if e.get("page_labels"):
            parts.append(f"page numbers: {e['page_labels']}")
        repairs = {k: v for k, v in sorted(e.get("repairs", {}).items()) if v}
        if repairs:
            parts.append(
                "repairs: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in repairs.items())
            )
        return "; ".join(parts)


def _pages(numbers: list[int]) -> str:
    more = ", ..." if len(numbers) > 10 else ""
    return f"{len(numbers)} (p. {', '.join(map(str, numbers[:10]))}{more})"


@dataclass
class RunReport:
    started_at: str
    corpus_dir: str
    index_dir: str
    full: bool = False
    dry_run: bool = False
    files: list[FileReport] = field(default_factory=list)
    catalogue_problems: list[str] = field(default_factory=list)
    chunks_written: int = 0
    chunks_embedded: int = 0
    chunks_removed: int = 0
    windows_written: int = 0
    windows_embedded: int = 0
    repaired: int = 0
    seconds: float = 0.0
    generation: str = ""  # the index generation this run published ("" if it wrote nothing)

    def count(self, action: str) -> int:
        return sum(1 for f in self.files if f.action == action)

    @property
    def failures(self) -> list[FileReport]:
        return [f for f in self.files if f.action == "failed"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0

    def summary(self) -> dict[str, Any]:
        return {a: self.count(a) for a in ACTIONS} | {
            "chunks_written": self.chunks_written,
            "chunks_embedded": self.chunks_embedded,
            "chunks_removed": self.chunks_removed,
            "windows_written": self.windows_written,
            "windows_embedded": self.windows_embedded,
            "repaired": self.repaired,
            "seconds": round(self.seconds, 2),
        }

    def to_dict(self, include_unchanged: bool = True) -> dict[str, Any]:
        data = asdict(self)
        if not include_unchanged:
            data["files"] = [f for f in data["files"] if f["action"] != "unchanged"]
        data["summary"] = self.summary()
        return data

    def render(self) -> str:
        s = self.summary()
        mode = " (dry run: nothing written)" if self.dry_run else ""
        lines = [
            f"Ingestion report{mode}: {s['added']} added, {s['changed']} changed, "
            f"{s['unchanged']} unchanged, {s['removed']} removed, {s['failed']} failed",
            f"Chunks written: {s['chunks_written']} (embedded {s['chunks_embedded']}, "
            f"reused {s['chunks_written'] - s['chunks_embedded']}), removed: {s['chunks_removed']}"
            + (f", repaired after an interrupted run: {s['repaired']}" if s["repaired"] else ""),
            f"Passage windows written: {s['windows_written']} "
            f"(embedded {s['windows_embedded']}, "
            f"reused {s['windows_written'] - s['windows_embedded']})",
            f"Time: {s['seconds']:.1f} s"
            + (f"; published index generation {self.generation}" if self.generation else ""),
        ]
        for f in self.files:
            if f.action == "failed":
                lines.append(f"  FAILED  {shown(f.path)}: {shown(f.error or '')}")
            if f.extraction and f.action in ("added", "changed"):
                lines.append(f"  extracted {shown(f.path)}: {f.extraction_line()}")
            for warning in f.warnings:
                lines.append(f"  warning {shown(f.path)}: {shown(warning)}")
        for problem in self.catalogue_problems:
            lines.append(f"  catalogue: {shown(problem)}")
        return "\n".join(lines)
