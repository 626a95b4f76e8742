#!/usr/bin/env python
"""Ingestion benchmark: throughput, where the time goes, memory, and the unchanged re-run.

    python benchmarks/bench_ingest.py [--pages 500] [--workdir DIR] [--embedder e5|fake] [--json]

The code is the ``benchmarks/ingest_bench/`` package (its ``__init__`` says what is
measured). The project is imported inside functions only: the extraction workers
(multiprocessing forkserver) re-import this script.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_bench.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
