#!/usr/bin/env python
"""Load test: concurrent staff sessions while the index is rebuilt with ``run --full``.

    python benchmarks/load_test.py [--sessions 20] [--duration 0] [--workdir DIR]
                                   [--server] [--json] [--processes 1]
                                   [--reingestions 2] [--before 10] [--settle 10]

The code is the ``benchmarks/loadtest/`` package (its ``__init__`` says what is run,
measured and how stale and empty answers are defined).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadtest.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
