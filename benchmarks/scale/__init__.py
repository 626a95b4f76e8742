"""Scale benchmark: store-only Chroma query latency at 10k, 100k and 1M chunks.

    python benchmarks/bench_scale.py [--sizes 10000 100000 1000000]
                                     [--layouts single doc-ids partitioned overfetch ...]
                                     [--queries 200] [--workdir DIR] [--keep] [--json]

Nothing of the product is imported: this measures Chroma (chromadb's
``PersistentClient``) alone, with synthetic data, to choose an index layout that
keeps metadata-filtered queries fast at a million chunks.

Synthetic data (numpy, fixed seed; the same for every layout of one size):

* documents of 5-45 chunks (25 on average; 1M chunks = ~40k documents) with the
  product's catalogue metadata: ``doc_id``, ``country`` (30 ISO codes, Zipf
  distributed: DE holds ~25 % of the chunks, AT ~5 %, the smallest ~0.8 %),
  ``language``, ``year`` (2010-2026, more recent years more frequent), ``topics``
  (1-3 of 12, list-valued), ``target_groups`` (1-2 of 8, list-valued) and
  ``practice_type``; every chunk carries its document's metadata plus
  ``chunk_index`` and ``page``, and a ~200-character text;
* 384-d unit vectors, clustered like real embeddings: a common direction (e5's
  vectors all point roughly the same way), the mean of the document's topic
  centroids, a per-country direction, a per-document offset and per-chunk noise;
* query vectors near the clusters: common direction + one or two topic centroids
  + a country direction + noise.

Layouts (``--layouts``); each one is measured at each size in its own
subprocess, so its peak RSS is its own:

``single``       one collection; the filter is a Chroma ``where``
                 (country ``$eq``/``$in``, year range, country + ``topics``
                 ``$contains``: chromadb 1.5 supports ``$contains`` on list metadata).
``doc-ids``      one collection; the filter is resolved outside Chroma to document
                 ids from a per-document manifest held in memory, and the query
                 uses ``where={"doc_id": {"$in": [...]}}``; random sets of 10 and
                 100 documents too.
``partitioned``  one collection per country; a country filter queries only those
                 collections (other filters stay a ``where`` there); unfiltered and
                 country-less filtered queries fan out over all 30 collections and
                 merge by distance, sequentially and with a thread pool.
``overfetch``    one collection (the ``single`` index); a query planner estimates the
                 filter's share of the chunks from the manifest. Selective filters
                 (under ``--overfetch-min-share``) go to ``doc_id $in``; broad ones
                 fetch the unfiltered top-N (N = k / share x 4, at least 100) from the
                 HNSW index and keep the first k that pass the filter, falling back
                 to the ``where`` query when fewer than k survive.
``numpy-exact``  one collection for texts plus a numpy side-car of all vectors (rows
                 grouped by country) and the manifest: filtered queries are an exact
                 matrix-vector product over the matching rows, then one Chroma
                 ``get`` by id for the texts of the top k.
``hybrid``       the ``single`` index plus the ``numpy-exact`` side-car: unfiltered
                 queries go to Chroma's HNSW; a filter matching at most ``--exact-max``
                 chunks is searched exactly in numpy; a broader one over-fetches the
                 unfiltered top-N from HNSW (N = k / share x 10, at least 500) and keeps
                 the first k that pass, with the exact search as the fallback.
``single-notext``  like ``single`` without documents (texts): does storing text matter?

Per layout and size: latency p50/p95/p99 in ms over ``--queries`` queries per
query kind (after 3 untimed warm-up queries; ``--max-kind-seconds`` stops a slow
kind early, after at least 20), the CPU time of the query process per query
(``time.process_time``, all threads: less sensitive to other load than wall
time), recall@10 against an exact
brute-force numpy search over the filtered subset, the time to open the index and
answer the first query, peak RSS of the query process (``VmHWM``) and its RSS once
the index is open; per index: build time and rate (``collection.add`` in batches
of ``client.get_max_batch_size()``), disk size (``du``) and the build process's
peak RSS. The 1-minute load average is recorded around every measurement: the
machine has 2 cores, and other load inflates latency.

Indexes live in ``--workdir`` (a temporary folder by default) under
``<size>/<index>``; they are deleted once every layout of that size has been
measured unless ``--keep`` is given, in which case a later run with the same
``--workdir`` reuses them (and reports the build figures recorded then).
"""
