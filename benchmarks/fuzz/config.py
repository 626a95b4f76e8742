"""Paths and constants shared by the fuzz modules."""

from __future__ import annotations

from common import MB, REPO_ROOT

# Only the standard library is imported at module level: the project (``ingest``,
# ``kb``) is imported in subprocesses, from the source tree given by ``--source``.

# The entry script: the fuzz run calls it again in subprocesses (--_cli, --_helper).
SCRIPT = REPO_ROOT / "benchmarks" / "fuzz_ingest.py"
__all__ = ["MB", "REPO_ROOT", "SCRIPT"]
SAMPLE_S = 0.2  # /proc sampling interval
SLACK_S = 10.0  # a timed-out extraction is stopped within this margin of the timeout
PDF_SHARE = 0.55  # share of cases mutated from a PDF seed (the rest from a DOCX seed)
BYTE_SHARE = 0.4  # share of cases with a byte-level mutation (the rest structure-aware)
_ZIP_TIME = (3 << 11) | (4 << 5) | 3  # 03:04:06
_ZIP_DATE = ((2024 - 1980) << 9) | (1 << 5) | 2  # 2024-01-02
