"""Query latency benchmark: retrieve and ask over the sample corpus plus synthetic filler.

    python benchmarks/bench_query.py [--chunks 10000 100000]
                                     [--questions corpus/eval/questions.jsonl] [--json]

In a temporary folder, ingests the sample corpus (``corpus/``) with the real
multilingual-e5-small embedder through ``ingest.pipeline.run_ingest``. Then, for
each N of ``--chunks`` in increasing order, it tops the same index up to N
synthetic filler chunks, added straight into the store with
``kb.snapshot().store.add_chunks``: random unit vectors (dimension of the embedder, seeded
numpy RNG; the filler is not embedded with e5) and pseudo-prose in en/fr/de/es
from the word lists of ``benchmarks/make_corpus.py``, 20 chunks per synthetic
document ``synthetic/doc_NNNNN``, with chunk metadata shaped like the
ingestion's, a manifest record per synthetic document, and each chunk's passage
windows (``kb.core.text.passage_windows``, random unit vectors too). The filler is
cumulative: the 100k index is the 10k index plus 90k more chunks.

The filler is written the way ingestion writes: holding the writer lock, into a
new index generation (a copy of the published one) that is published with its
own lexical (BM25) index, so BM25 sees the filler too. The figures give the
copy time and the publish time (lexical build + publish).

Per N, a fresh ``KnowledgeService(kb)`` (extractive answers, the default) is
built, warmed up with one untimed ``ask`` and ``retrieve`` (model load and
caches are not measured), and every question goes through, in this order:
``retrieve(q)``, ``ask(q)``, then both again with
``Filters(countries=["AT", "DE"])``. Reported: latency p50/p95/p99 of each, the
p50 of the ``Answer.timings_ms`` stages, hit@k of the sample questions (does the
filler crowd out the right passages?), refusals, filter violations, RSS now and
peak, and the index size on disk. Progress goes to stderr.
"""
