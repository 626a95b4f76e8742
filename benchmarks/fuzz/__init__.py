"""Fuzz the ingestion with mutated PDF and DOCX files, through the real ingestion CLI.

    python benchmarks/fuzz_ingest.py [--cases 1000] [--seed 0] [--batch 250] [--workdir DIR]
                                     [--embedder fake|e5] [--json]

Six valid seed documents (4 PDFs, 2 DOCX, made with ``tests/factories.py``) are
mutated into ``--cases`` broken variants (byte-level mutations for both formats,
structure-aware ones for PDF objects/xref/streams and for the DOCX ZIP package),
written to ``WORK/corpus/fuzz/bNN/``, and ingested batch by batch into ONE index
with ``python -m ingest --corpus WORK/corpus --index WORK/index run --json``, so
every run after the first is incremental (it adds a batch, and by default also
replaces a few earlier files and deletes a few, see ``--churn``). At the end the
final corpus folder is rebuilt from scratch (``run --full``) into a second index.

What it measures and reports:

* crashes of the ingestion run: the CLI process exiting with a code other than 0
  or 1, dying from a signal, printing a Python traceback, printing no JSON report,
  hanging (no progress for a long time: the process group is killed), or leaving
  processes behind after it exited. Target: 0.
* per-file errors: the CLI reports one reason per failed file; reasons are counted
  with numbers and quoted bytes masked (top 15), grouped into categories, and broken
  down by mutation kind (every case's kind is in ``WORK/manifest.json``). Files whose
  outcome changes from one run to the next (flaky) are listed.
* time and memory bounds: extraction runs in sandboxed workers with a per-file
  timeout (``ingest.extract_timeout_s``) and an address-space limit
  (``ingest.extract_memory_mb``). Per-file extraction time is measured by running
  the CLI's own ``main()`` under a thin wrapper that timestamps the extraction
  futures (``--plain-cli`` runs ``python -m ingest`` itself, without per-file times).
  The CLI's process tree (main process, forkserver, workers) is sampled from /proc
  every 0.2 s (psutil is used to list the tree when it is installed). Bounds hold
  when no extraction took longer than the timeout plus slack, no worker's peak RSS
  exceeded the memory limit, the workers really ran under that limit, and the tree's
  peak stayed under workers x limit + the other processes' own peaks.
* index integrity after the last run: every document listed as complete has exactly
  its recorded chunk count, no chunk belongs to an unknown or incomplete document,
  and the index equals the clean build, compared as chunk id -> (text_hash,
  embed_hash). Documents whose newest file failed but whose previous version stays
  indexed (documented behaviour) are counted separately, not as differences.

The exit code is 1 when a crash, a hang, a broken bound or an integrity problem was
found, else 0. See ``benchmarks/README.md`` for figures from a full run.

Modules, in the order a run uses them: ``config``, ``seeds``, ``zips``,
``mutate_bytes``, ``mutate_pdf``, ``mutate_docx``, ``cases`` (the tables and one case
per number), ``procs`` (the process tree), ``cli`` (running ``python -m ingest``),
``analysis``, ``run``, ``report``, ``main``.
"""
