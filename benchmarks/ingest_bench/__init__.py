"""Ingestion benchmark: throughput, where the time goes, memory, and the unchanged re-run.

    python benchmarks/bench_ingest.py [--pages 500] [--workdir DIR] [--embedder e5|fake] [--json]

Generates a synthetic PDF corpus with ``benchmarks/make_corpus.py``, ingests it
into a fresh index with ``ingest.pipeline.run_ingest`` (first run), then runs
the ingestion again on the unchanged corpus (second run), and prints:

* pages, documents, chunks; wall time of the first run, pages/s and chunks/s;
* embedding time (``kb.embedder.embed_documents``, timed by a wrapper) and its
  share of the first run's wall time; the rest is "pipeline overhead";
* the extraction workers: extraction runs in worker processes concurrently
  with embedding in the main process, so it only costs wall time where the main
  process waits for a result (``Extractor.outcome``); the rest overlaps;
* peak RSS of this process and of its children (``getrusage``), plus the peak
  RSS of each worker sampled from /proc (the workers are forked by
  multiprocessing's forkserver, so they are not this process's own children);
* the unchanged re-run's time and its ratio to the first run.

Targets (PASS/MISS) are informational; the exit code is 0 whatever they say.
"""
