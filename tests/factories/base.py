"""What every factory shares: the fixed date, the block type, the sample content."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

#: Creation/modification date stamped into every generated document.
FIXED_DATE = _dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=_dt.UTC)
_ZIP_DATE = (2024, 1, 2, 3, 4, 6)  # zip timestamps have 2 s resolution

Block = tuple[str, str]


def _prepare(path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


# ---------------------------------------------------------------------------
# Sample content (written for these fixtures)
# ---------------------------------------------------------------------------

#: A small two-page document for ``make_pdf``; every item fits on its page.
SAMPLE_PAGES: list[list[Block]] = [
    [
        ("title", "Payment for Watershed Services: Pilot Review"),
        ("heading", "1. Background"),
        (
            "para",
            "Upstream farmers in the pilot catchment agreed to keep riparian "
            "strips under permanent cover in exchange for annual payments "
            "funded by the downstream water utility.",
        ),
        ("heading", "2. Design of the scheme"),
        (
            "para",
            "Payments were conditional on verified land use, checked twice a "
            "year by field visits and satellite imagery.",
        ),
    ],
    [
        ("heading", "3. Results"),
        (
            "para",
            "Sediment loads at the intake fell by roughly a fifth over three "
            "seasons, while participation stayed above eighty percent.",
        ),
        ("heading", "4. Lessons"),
        (
            "para",
            "Clear baselines and a trusted intermediary mattered more than "
            "the exact payment level.",
        ),
    ],
]

#: Blocks for the non-PDF factories (docx/html/markdown/text).
SAMPLE_BLOCKS: list[Block] = [
    ("title", "Carbon Credits from Smallholder Agroforestry"),
    ("heading1", "Introduction"),
    (
        "para",
        "Smallholders who plant shade trees among their crops can earn "
        "credits for the carbon those trees store.",
    ),
    ("heading2", "Eligibility"),
    (
        "para",
        "Plots must be mapped, and tree counts must be audited by an "
        "independent verifier every five years.",
    ),
    ("heading1", "Conclusion"),
    ("para", "Transaction costs remain the main barrier to entry."),
]
