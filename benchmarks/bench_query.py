#!/usr/bin/env python
"""Query latency benchmark: retrieve and ask over the sample corpus plus synthetic filler.

    python benchmarks/bench_query.py [--chunks 10000 100000]
                                     [--questions corpus/eval/questions.jsonl] [--json]

The code is the ``benchmarks/query_bench/`` package (its ``__init__`` says what is
built and measured). The project is imported inside functions only: the ingestion's
extraction workers (multiprocessing forkserver) re-import this script.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from query_bench.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
