#!/usr/bin/env python
"""Fuzz the ingestion with mutated PDF and DOCX files, through the real ingestion CLI.

    python benchmarks/fuzz_ingest.py [--cases 1000] [--seed 0] [--batch 250] [--workdir DIR]
                                     [--embedder fake|e5] [--json]

The code is the ``benchmarks/fuzz/`` package (its ``__init__`` says what is measured).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
