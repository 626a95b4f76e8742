#!/usr/bin/env python
"""Crash-safety trials: SIGKILL ingestion runs and curation actions, then check the index.

    python benchmarks/crash_trials.py [--trials 20] [--curation-trials 20] [--publish-trials 4]
                                      [--seed 0] [--json] [--workdir DIR]

The code is the ``benchmarks/crash/`` package (its ``__init__`` describes the trials).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crash.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
