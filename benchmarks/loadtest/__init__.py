"""Load test: concurrent staff sessions while the index is rebuilt with ``run --full``.

    python benchmarks/load_test.py [--sessions 20] [--duration 0] [--workdir DIR]
                                   [--server] [--json] [--processes 1]
                                   [--reingestions 2] [--before 10] [--settle 10]

What it does, in a work folder (a temporary one unless ``--workdir``):

1. Copies ``corpus/`` to ``WORK/corpus`` and builds the index once with
   ``python -m ingest --corpus WORK/corpus --index WORK/index run`` (timed, no load).
   With ``--server`` it first starts ``chroma run --path WORK/chroma`` on a free port
   and gives its URL to the ingestion (``CHROMA_URL``) and to the readers (settings).
2. Builds the readers' knowledge base the way the app does: ``load_settings`` with the
   work folder, ``build_knowledge_base``, one ``KnowledgeService`` per process shared by
   all its session threads (the real multilingual-e5 embedder, extractive generator).
   A warm-up pass asks every question once, one at a time, against the initial index.
3. Starts ``--sessions`` simulated staff sessions: threads that loop over a random
   question of ``corpus/eval/questions.jsonl`` (plus one "canary" question, see below),
   ``svc.ask`` it, and think 0-``--think-ms`` ms. With ``--processes P`` the sessions
   are spread over P reader processes: this one and P-1 child processes, each with its
   own knowledge base and service.
4. After ``--before`` seconds it runs ``--reingestions`` full re-ingestions back to
   back (``python -m ingest ... run --full`` as a subprocess). Before the first it adds
   a small illustrative Markdown document about a made-up programme to the corpus
   copy; before the second it removes it again. The canary question asks about that
   programme, so it must be refused by generations without the document and answered
   by generations with it. Sessions keep running ``--settle`` seconds after the last
   re-ingestion, plus ``--duration`` seconds.
5. A monitor thread polls ``kb.published()`` every 20 ms and records each generation
   with its ``published_at`` (the writer's own publish time) and the time the monitor
   first saw it.

Per question it records start and end (wall clock), latency, the exception if any,
``answer.generation``, ``answer.found`` and the number of citations. Reported:
throughput, latency p50/p95/p99 overall and by phase (before: started before the first
re-ingestion started; during: started while a re-ingestion ran; after: started after
the last one ended), errors, stale answers, empty answers, canary mismatches, the
generations each session and each reader process saw, peak RSS of each reader
process, re-ingestion wall times and the load average.

Definitions:

- stale: the answer's generation is older than the generation published when the
  question started (read from the published pointer just before ``ask``). Two
  clock-based counts are reported beside it: against the newest generation whose
  ``published_at`` is before the question's start (``published_at`` is taken just
  before the pointer is written and fsynced, so a question starting in those
  milliseconds counts here although the new generation was not yet visible), and
  against the time the monitor first saw the generation.
- empty: an answerable question whose answer has ``found=False`` or no citations,
  although the same question was found with citations in the warm-up pass against the
  initial index. (The canary question is not counted here; it has its own check.)
- canary mismatch: the canary answer's ``found`` disagrees with whether the answer's
  generation contains the canary document.
- unknown generation: an answer whose generation the monitor never saw published.

Targets (informational, exit code 0 unless the set-up itself fails): 0 errors and
0 stale answers with 20 sessions during re-ingestion. Progress goes to stderr.
"""
