"""OCR of image-only PDF pages: Debian's poppler-utils (pdftoppm) and tesseract-ocr.

Runs inside the extraction sandbox's worker; every page is bounded in time, and the whole
document by a budget. When the programs are missing the page keeps its "needs OCR"
warning (``scripts/start.sh`` and ``scripts/test.sh`` install them where they can).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# ISO 639-1 (the catalogue's codes) to tesseract's traineddata names (ISO 639-2/T).
TESSERACT_CODES = {
    "bg": "bul", "cs": "ces", "da": "dan", "de": "deu", "el": "ell", "en": "eng",
    "es": "spa", "et": "est", "fi": "fin", "fr": "fra", "ga": "gle", "hr": "hrv",
    "hu": "hun", "it": "ita", "lt": "lit", "lv": "lav", "mt": "mlt", "nl": "nld",
    "no": "nor", "pl": "pol", "pt": "por", "ro": "ron", "sk": "slk", "sl": "slv",
    "sv": "swe", "is": "isl", "ca": "cat", "eu": "eus", "gl": "glg", "lb": "ltz",
}  # fmt: skip


class OcrError(Exception):
    pass


@dataclass
class OcrOptions:
    languages: list[str] = field(default_factory=list)  # ISO 639-1; empty: detect
    page_timeout_s: float = 30.0
    budget_s: float = 300.0  # all pages of one document
    dpi: int = 300


def available() -> bool:
    return bool(shutil.which("tesseract") and shutil.which("pdftoppm"))


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    try:
        out = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def tesseract_languages(codes: list[str]) -> str:
    """The document's installed languages ("deu" for ["de"]), else English.

    English is not added to a known language: mixed models drop diacritics (measured on a
    Swedish page: 45 of å/ä/ö read with "swe", 28 with "swe+eng")."""
    have = installed_languages()
    wanted = [TESSERACT_CODES.get(c, "") for c in codes]
    chosen = [t for t in dict.fromkeys(wanted) if t and t in have]
    return "+".join(chosen) or "eng"


def ocr_page(pdf: Path, page: int, languages: str, timeout_s: float, dpi: int = 300) -> str:
    """The text of 1-based ``page`` of ``pdf``, read by tesseract; OcrError on failure."""
    deadline = time.monotonic() + timeout_s
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core: the machine is shared
    with tempfile.TemporaryDirectory(prefix="peskb-ocr-") as tmp:
        image = Path(tmp) / "page"
        try:
            subprocess.run(
                ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-gray",
                 "-png", "-singlefile", str(pdf), str(image)],
                capture_output=True, timeout=timeout_s, check=True,
            )  # fmt: skip
            result = subprocess.run(
                ["tesseract", f"{image}.png", "stdout", "-l", languages, "--psm", "3", "tsv"],
                capture_output=True, text=True, env=env, check=True,
                timeout=max(1.0, deadline - time.monotonic()),
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise OcrError(f"OCR took longer than {timeout_s:g} s") from None
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            if isinstance(detail, bytes):
                detail = detail.decode("utf-8", "replace")
            raise OcrError(f"OCR failed: {str(detail).strip()[-200:] or exc}") from None
    return confident_text(result.stdout)


def confident_text(tsv: str, min_confidence: float = 60.0, min_words: int = 5) -> str:
    """Tesseract's TSV as lines (a blank line between paragraphs), or "" when the page
    reads as noise: fewer than ``min_words`` words, or a mean confidence below the bar."""
    lines: dict[tuple[str, ...], list[str]] = {}
    confidences: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        conf = float(cols[10])
        confidences.append(conf)
        lines.setdefault((cols[2], cols[3], cols[4]), []).append(cols[11])
    worded = [c for c in confidences if c >= 0]
    if len(worded) < min_words or sum(worded) / len(worded) < min_confidence:
        return ""
    out, last_par = [], None
    for (block, par, _), words in lines.items():
        if last_par is not None and (block, par) != last_par:
            out.append("")
        out.append(" ".join(words))
        last_par = (block, par)
    return "\n".join(out)
