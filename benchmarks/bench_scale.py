#!/usr/bin/env python
"""Scale benchmark: store-only Chroma query latency at 10k, 100k and 1M chunks.

    python benchmarks/bench_scale.py [--sizes 10000 100000 1000000]
                                     [--layouts single doc-ids partitioned overfetch ...]
                                     [--queries 200] [--workdir DIR] [--keep] [--json]

The code is the ``benchmarks/scale/`` package (its ``__init__`` describes the data, the
layouts and what is measured).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
