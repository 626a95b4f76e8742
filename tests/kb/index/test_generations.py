"""Many readers and one writer: published generations, the writer lock, other processes.

Runs against embedded Chroma or a real ``chroma run`` server (PESKB_TEST_STORE=server).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from ingest import curation
from ingest.curation import CurationError
from ingest.pipeline import run_ingest
from kb.app.service import KnowledgeService
from kb.core.settings import PROJECT_ROOT
from kb.index.factory import build_knowledge_base
from kb.index.locks import IndexBusyError
from kb.index.store import KnowledgeStore
from tests.chroma_server import MODE
from tests.conftest import make_settings, store_env

CATALOGUE = "documents: {}\n"


def write_doc(corpus: Path, name: str, text: str) -> None:
    (corpus / f"{name}.md").write_text(f"# {name}\n\n{text}\n", encoding="utf-8")


@pytest.fixture
def seeded(settings):
    corpus = settings.ingest.corpus_dir
    (corpus / "catalogue.yaml").write_text(CATALOGUE)
    write_doc(corpus, "alpha", "Mentoring for jobseekers over fifty in the Alpha region.")
    write_doc(corpus, "beta", "A digital portal lets jobseekers book counsellor meetings.")
    return settings


def env_for(settings) -> dict[str, str]:
    return {
        **os.environ,
        "PESKB_PROFILE": "test",
        "PESKB_EMBEDDER__PROVIDER": "fake",
        "PESKB_INGEST__CORPUS_DIR": str(settings.ingest.corpus_dir),
        **store_env(settings.store.index_dir),
    }


def test_a_run_publishes_one_new_generation_and_readers_switch_to_it(seeded):
    kb = build_knowledge_base(seeded)
    run_ingest(kb, seeded.ingest.corpus_dir)
    first = kb.published()
    assert set(kb.snapshot().store.documents()) == {"alpha", "beta"}
    assert run_ingest(kb, seeded.ingest.corpus_dir).generation == ""  # nothing to do: no copy
    assert kb.published() == first

    write_doc(seeded.ingest.corpus_dir, "gamma", "Employer visits in the Gamma valley.")
    report = run_ingest(kb, seeded.ingest.corpus_dir)
    assert kb.published().generation == report.generation > first.generation
    assert set(kb.snapshot().store.documents()) == {"alpha", "beta", "gamma"}
    answer = KnowledgeService(kb).ask("Employer visits in the Gamma valley")
    assert answer.generation == report.generation


def test_readers_keep_the_published_generation_while_a_writer_is_half_way(seeded):
    corpus = seeded.ingest.corpus_dir
    writer = build_knowledge_base(seeded)
    run_ingest(writer, corpus)
    reader = build_knowledge_base(seeded)
    before = (reader.published(), reader.snapshot().store.fingerprint())
    service = KnowledgeService(reader)

    write_doc(corpus, "alpha", "Rewritten: wage subsidies for employers hiring older people.")
    (corpus / "beta.md").unlink()
    halfway, resume = threading.Event(), threading.Event()
    real_add = KnowledgeStore.add_chunks

    def paused_add(self, *args, **kwargs):
        real_add(self, *args, **kwargs)
        halfway.set()
        resume.wait(30)

    KnowledgeStore.add_chunks = paused_add  # type: ignore[method-assign]
    try:
        thread = threading.Thread(target=run_ingest, args=(writer, corpus))
        thread.start()
        assert halfway.wait(30)
        # The writer has replaced alpha's chunks in its draft; readers see none of it.
        assert (reader.published(), reader.snapshot().store.fingerprint()) == before
        answer = service.ask("How does the digital portal help jobseekers book meetings?")
        assert answer.generation == before[0].generation
        assert {c.doc_id for c in answer.citations} <= {"alpha", "beta"}
        resume.set()
        thread.join(60)
    finally:
        KnowledgeStore.add_chunks = real_add  # type: ignore[method-assign]
    assert reader.published().generation > before[0].generation
    assert set(reader.snapshot().store.documents()) == {"alpha"}
    answer = service.ask("wage subsidies for employers hiring older people")
    assert answer.generation == reader.published().generation


READER = textwrap.dedent(
    """
    import json, sys
    from kb.index.factory import build_knowledge_base
    from kb.app.service import KnowledgeService
    from kb.core.settings import load_settings
    service = KnowledgeService(build_knowledge_base(load_settings(), create=False))
    for line in sys.stdin:
        answer = service.ask(line.strip())
        docs = sorted(service.kb.snapshot().store.documents())
        print(json.dumps({"generation": answer.generation, "docs": docs}), flush=True)
    """
)


def test_a_reader_process_sees_what_another_process_published(seeded):
    corpus = seeded.ingest.corpus_dir
    kb = build_knowledge_base(seeded)
    run_ingest(kb, corpus)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER],
        cwd=PROJECT_ROOT,
        env=env_for(seeded),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:

        def ask(question: str) -> dict:
            assert reader.stdin and reader.stdout
            reader.stdin.write(question + "\n")
            reader.stdin.flush()
            return json.loads(reader.stdout.readline())

        assert ask("mentoring over fifty") == {
            "generation": kb.published().generation,
            "docs": ["alpha", "beta"],
        }
        write_doc(corpus, "gamma", "Employer visits in the Gamma valley.")
        cli = subprocess.run(
            [sys.executable, "-m", "ingest", "run"],
            cwd=PROJECT_ROOT,
            env=env_for(seeded),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert cli.returncode == 0, cli.stderr
        seen = ask("employer visits")
        assert seen == {"generation": kb.published().generation, "docs": ["alpha", "beta", "gamma"]}
    finally:
        reader.kill()
        reader.wait()


HOLDER = textwrap.dedent(
    """
    import sys, time
    from kb.index.factory import build_knowledge_base
    from kb.core.settings import load_settings
    kb = build_knowledge_base(load_settings())
    with kb.writing(wait_s=0):
        print("held", flush=True)
        sys.stdin.readline()
    """
)


@pytest.fixture
def lock_holder(seeded):
    """Another process holding the writer lock until told to let go."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER],
        cwd=PROJECT_ROOT,
        env=env_for(seeded),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout and proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


def test_a_second_writer_fails_clearly_or_waits_for_the_first(seeded, lock_holder):
    busy = subprocess.run(
        [sys.executable, "-m", "ingest", "run", "--wait", "0.5"],
        cwd=PROJECT_ROOT,
        env=env_for(seeded),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert busy.returncode == 3
    assert f"pid {lock_holder.pid}" in busy.stderr and "being updated" in busy.stderr

    waiting = subprocess.Popen(
        [sys.executable, "-m", "ingest", "run", "--wait", "60", "--json"],
        cwd=PROJECT_ROOT,
        env=env_for(seeded),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert waiting.stderr
    assert "waiting for the index" in waiting.stderr.readline()
    assert lock_holder.stdin
    lock_holder.stdin.write("\n")
    lock_holder.stdin.flush()
    out, _ = waiting.communicate(timeout=120)
    assert waiting.returncode == 0
    assert json.loads(out)["summary"]["added"] == 2


def test_curation_is_refused_while_another_process_writes_and_changes_nothing(seeded, lock_holder):
    seeded.app.curation_wait_s = 0.3
    kb = build_knowledge_base(seeded)
    corpus = seeded.ingest.corpus_dir
    before = sorted(p.name for p in corpus.iterdir())
    assert f"pid {lock_holder.pid}" in (curation.busy(kb) or "")
    with pytest.raises(CurationError, match=f"pid {lock_holder.pid}.*Nothing was changed"):
        curation.add_document(kb, corpus, "new.md", b"# New\n\nText.\n", {})
    with pytest.raises(CurationError, match="being updated"):
        curation.remove_document(kb, corpus, "alpha.md")
    assert sorted(p.name for p in corpus.iterdir()) == before


def test_writer_lock_is_reentrant_in_a_thread_and_exclusive_between_threads(seeded):
    kb = build_knowledge_base(seeded)
    with kb.writing(wait_s=0), kb.writing(wait_s=0):
        errors = []
        other = threading.Thread(
            target=lambda: errors.append(_try_write(kb)),
        )
        other.start()
        other.join()
        assert errors == ["busy"]
    assert _try_write(kb) == "ok" and kb.busy() is None


def _try_write(kb) -> str:
    try:
        with kb.writing(wait_s=0):
            return "ok"
    except IndexBusyError:
        return "busy"


@pytest.mark.skipif(MODE == "server", reason="the pointer file is embedded mode's")
def test_a_writer_killed_while_replacing_current_leaves_no_temp_file_behind(seeded):
    kb = build_knowledge_base(seeded)
    run_ingest(kb, seeded.ingest.corpus_dir)
    index = seeded.store.index_dir
    # killed inside write_atomic: the new pointer written, not yet renamed over CURRENT
    (index / ".CURRENT.k1ll3d00.tmp").write_text('{"generation": "000009"}')
    published = kb.published().generation
    report = run_ingest(kb, seeded.ingest.corpus_dir)  # the next writer, nothing to change
    assert report.exit_code == 0 and kb.published().generation == published
    assert not list(index.glob(".*.tmp"))


def test_old_generations_and_dead_drafts_are_collected(seeded):
    corpus = seeded.ingest.corpus_dir
    kb = build_knowledge_base(seeded)
    for n in range(4):
        write_doc(corpus, f"doc{n}", f"Programme number {n} for young jobseekers.")
        run_ingest(kb, corpus)
    # A writer that died mid-run leaves a draft behind.
    previous = kb.published().generation
    with kb.writing():
        kb.generations.begin(previous, kb.embedder_info)
    write_doc(corpus, "last", "The last programme.")
    run_ingest(kb, corpus)
    kept = {previous, kb.published().generation}
    # plus the generation whose full lexical index their deltas apply to (lexical_delta)
    base = kb.generations.kept_for_lexical(kept)
    assert len(base) == 1 and base < {"000001", *kept}
    assert _generations(kb) == sorted(kept | base)
    # A dead draft goes even when the next run has nothing to change.
    previous = kb.published().generation
    with kb.writing():
        kb.generations.begin(previous, kb.embedder_info)
    report = run_ingest(kb, corpus)
    assert report.generation == "", report.render()
    assert _generations(kb)[-1] == previous and len(_generations(kb)) == 2 + len(base - kept)
    assert set(kb.snapshot().store.documents()) == {
        "alpha",
        "beta",
        "doc0",
        "doc1",
        "doc2",
        "doc3",
        "last",
    }


def _generations(kb) -> list[str]:
    gens = kb.generations
    if MODE == "server":
        return sorted(gens._generations())
    return sorted(p.name for p in gens.root.iterdir())


def test_full_rebuild_starts_from_an_empty_generation(seeded):
    kb = build_knowledge_base(seeded)
    run_ingest(kb, seeded.ingest.corpus_dir)
    before = kb.snapshot().store.fingerprint()
    report = run_ingest(kb, seeded.ingest.corpus_dir, full=True)
    assert report.chunks_embedded == report.chunks_written == len(before)
    assert kb.snapshot().store.fingerprint() == before


@pytest.mark.skipif(MODE != "server", reason="the lease lives in a Chroma server")
def test_an_expired_lease_is_broken_and_a_live_one_is_not(tmp_path):
    from kb.index.locks import LeaseWriterLock

    settings = make_settings(tmp_path)
    kb = build_knowledge_base(settings)
    client = kb.generations.client
    holder = LeaseWriterLock(client, settings.store.collection, lease_s=0.8)
    other = LeaseWriterLock(client, settings.store.collection, lease_s=0.8)
    with holder.hold():
        time.sleep(1.2)  # heartbeats keep the lease alive
        with pytest.raises(IndexBusyError, match="pid"):
            with other.hold(wait_s=0.3):
                pass
    # A holder that died: its lease stops beating and expires.
    holder._try_acquire()
    holder._stop.set()
    with other.hold(wait_s=5):
        assert other.holder()["token"] == other._token
