"""Crash-safety trials: SIGKILL ingestion runs and curation actions, then check the index.

    python benchmarks/crash_trials.py [--trials 20] [--curation-trials 20] [--publish-trials 4]
                                      [--seed 0] [--json] [--workdir DIR]

Run it from the repository root with the project's virtual environment active (on a
shared machine: ``nice -n 10 python benchmarks/crash_trials.py``). Everything runs
with the fake deterministic embedder and small chunks (``PESKB_CHUNKING__CHUNK_TOKENS=60``,
``PESKB_EMBEDDER__BATCH_SIZE=4``), so a run makes many store writes.

State A is the sample corpus (``corpus/samples`` + ``corpus/catalogue.yaml``) plus six
generated PDFs under ``gen/`` (four with catalogue entries), built once into an index
with ``python -m ingest run``. That index is the "before" state of every trial; each
trial works on its own copy of the corpus folder and of the index folder.

Ingestion trials (``--trials``): the corpus copy is changed to a state B that differs
per trial (documents added as PDF/DOCX/Markdown, changed, removed with or without their
catalogue entry, catalogue entries retitled or retagged). A clean reference of B is
built first (``run_ingest(full=True)`` into a fresh index, in the reader's process).
Then ``python -m ingest run`` (even trials) or ``run --full`` (odd trials) is started on
the copy of the A index and its main process gets SIGKILL after a delay. A normal A->B
run of each mode is timed first (calibration) and the delays are drawn uniformly within
that duration, stratified: the duration is cut into as many equal slices as there are
trials of that mode and each trial draws uniformly in its own slice (slices in random
order).

Publish-targeted trials (``--publish-trials``, extra, default 4): the publish step (fsync of
the draft, rename, replacing ``CURRENT``) lasts about 0.1 s of a 20-30 s run, so uniform
delays almost never hit it. These ingestion trials are killed 0-0.15 s (uniform) after
the draft's ``lexical-delta.pkl`` appears (polled every 5 ms; every draft writes one,
last); otherwise as above.

Curation trials (``--curation-trials``): a child process (this script with
``--curation-child``) calls one action of ``ingest.curation``, rotating ``add_document``
(a new generated PDF upload with a valid entry), ``replace_document``,
``update_metadata`` (new topics, and a new title every other time), ``remove_document``
and ``reingest_all(full=True)``. The action first runs to the end on a scratch copy of
A: that gives the "after" folder (a clean reference is built from it) and the action's
duration; the kill delay is drawn (stratified, per action) within that duration.

After every kill, and for both kinds:

(a) a reader in a fresh process (this script with ``--inspect``) opens the published
    generation like the app does. Its content must equal the A build or the B/after
    build: every chunk id with a digest of its text and metadata (so also
    ``store.fingerprint()``), every manifest record (status, chunk count, hashes,
    metadata; not ``ingested_at``), and every vector within a float32 tolerance
    (rtol 1e-5, atol 1e-6: Chroma 1.5.9 does not give back a re-added vector bit for
    bit, it differs by ~1e-7, so a reused vector is not byte-equal to a fresh one).
    Anything else counts as "mixed". All records must be ``complete``, the chunk count
    must equal the sum of the records' chunk counts and the lexical index must hold the
    same chunk ids.
(b) ``python -m ingest run`` (not killed) must exit 0, and the index must then equal a
    clean from-scratch build of the corpus folder as it now is: same chunk digests
    (so the same ``store.fingerprint()``), same documents, same per-document chunk
    counts; chunk ids = sum of the records' chunk counts, nothing duplicated.
(c) after that run: no ``*.draft-*`` generation left, at most ``store.keep_generations``
    (2) published generation folders, ``CURRENT`` names one of them.

Curation trials also check the corpus folder right after the kill: ``catalogue.yaml``
still loads (``ingest.catalogue.load_catalogue``) and every file the ingestion would
take was in the before or the after folder (leftover hidden temp files are listed; the
scan ignores them). A killed action can leave the folder changed but unpublished (or
half changed: a new upload without its catalogue entry); the recovery run must then
bring the index in line with the folder, which is compared with its own clean build.

What is recorded at the kill: whether the process had already exited, the writer lock
(``writer.json``), the draft folder and its ``lexical-delta.pkl``, a draft renamed but not yet
named by ``CURRENT``, ``CURRENT`` itself, the extraction forkserver and workers (from
``/proc``) and the progress counter (``tqdm`` writes it because stderr is a pty). From
these a phase is guessed: start-up, planning, copying the base generation, extractor
start-up, extract+embed+write (extraction and embedding overlap), after extraction
(removals, orphan repair, lexical build), publish (fsync/rename), published (clean-up).
Processes of the killed run that stay alive (forkserver, workers) are waited for up to
10 s, then killed by process group, and reported.

Exit code 0 only when every trial passed. ``benchmarks/README.md`` has the figures of
a full run.

Modules: ``config``, ``reader`` and ``curation_child`` (the child modes), ``corpus``
(the states A and B), ``procs`` (run, kill, observe), ``compare``, ``trials``,
``report``, ``main``.
"""
