#!/usr/bin/env python
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
the draft's ``lexical.pkl`` appears (polled every 5 ms); otherwise as above.

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
(``writer.json``), the draft folder and its ``lexical.pkl``, a draft renamed but not yet
named by ``CURRENT``, ``CURRENT`` itself, the extraction forkserver and workers (from
``/proc``) and the progress counter (``tqdm`` writes it because stderr is a pty). From
these a phase is guessed: start-up, planning, copying the base generation, extractor
start-up, extract+embed+write (extraction and embedding overlap), after extraction
(removals, orphan repair, lexical build), publish (fsync/rename), published (clean-up).
Processes of the killed run that stay alive (forkserver, workers) are waited for up to
10 s, then killed by process group, and reported.

Exit code 0 only when every trial passed. ``benchmarks/README.md`` has the figures of
a full run.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# The project (``ingest``, ``kb``) is imported only in the child modes (--inspect,
# --curation-child) and for generating documents, never at module level.

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve()
ENV = {
    "PESKB_PROFILE": "test",
    "PESKB_EMBEDDER__PROVIDER": "fake",
    "PESKB_CHUNKING__CHUNK_TOKENS": "60",
    "PESKB_EMBEDDER__BATCH_SIZE": "4",
}
KEEP_GENERATIONS = 2  # store.keep_generations default
POLL_S = 0.05
ORPHAN_WAIT_S = 10.0
TIMEOUT_S = 900.0
LANGS = ("en", "fr", "de", "es")
# A subset of ingest.catalogue.DEFAULT_VOCABULARY's topics; listed here because the
# project is not imported at module level (see above).
TOPICS = (
    "activation",
    "long-term-unemployment",
    "youth-guarantee",
    "profiling",
    "employer-services",
    "digital-services",
    "skills-and-training",
    "career-guidance",
    "partnerships",
    "outreach",
    "job-matching",
)
COUNTRIES = ("AT", "DE", "FR", "ES", "BE", "IE", "EU")
CURATION_ACTIONS = (
    "add_document",
    "replace_document",
    "update_metadata",
    "remove_document",
    "reingest_all",
)
_PROGRESS = re.compile(r"(\d+)/(\d+) ?\[")


def _env() -> dict[str, str]:
    return {**os.environ, **ENV}


def _project_path() -> None:
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))


# --- child mode: the reader ---------------------------------------------------------


def inspect_index(
    index_dir: Path, corpus_dir: Path | None = None, vectors: Path | None = None
) -> dict[str, Any]:
    """What a fresh reader sees in ``index_dir`` (and, optionally, the corpus folder's health).

    Runs in its own process (``--inspect``) so that no Chroma client is shared with
    the writers under test. Chunks are digested by metadata and text; the vectors
    go to ``vectors`` (``.npz``) and are compared with a float32 tolerance, because
    Chroma 1.5 does not store a re-added vector bit for bit (see the README).
    """
    _project_path()
    import numpy as np

    from kb.core.settings import load_settings
    from kb.index.factory import build_knowledge_base

    out: dict[str, Any] = {"listing": index_listing(index_dir)}
    settings = load_settings(store={"index_dir": index_dir})
    kb = build_knowledge_base(settings, create=False)
    published = kb.published()
    out["published"] = None if published is None else published.generation
    if published is not None:
        store = kb.snapshot().store
        got = store.all_chunks(["metadatas", "documents", "embeddings"])
        chunks: dict[str, str] = {}
        actual: Counter[str] = Counter()
        for cid, md, text in zip(got["ids"], got["metadatas"], got["documents"], strict=True):
            digest = hashlib.sha1(usedforsecurity=False)
            digest.update(json.dumps(md, sort_keys=True, ensure_ascii=False).encode())
            digest.update(b"\0" + (text or "").encode())
            chunks[cid] = digest.hexdigest()
            actual[md.get("doc_id", "?")] += 1
        if vectors is not None:
            matrix = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), -1)
            np.savez(vectors, ids=np.asarray(got["ids"], dtype=str), vectors=matrix)
            out["vectors"] = str(vectors)
        fingerprint = store.fingerprint()
        docs = {}
        for doc_id, rec in store.documents().items():
            docs[doc_id] = {
                "status": rec.status,
                "chunk_count": rec.chunk_count,
                "path": rec.path,
                "file_hash": rec.file_hash,
                "meta_hash": rec.meta_hash,
                "pipeline_hash": rec.pipeline_hash,
                "metadata": hashlib.sha1(
                    json.dumps(rec.metadata, sort_keys=True, ensure_ascii=False).encode(),
                    usedforsecurity=False,
                ).hexdigest(),
            }
        lexical = kb.snapshot().lexical
        out.update(
            chunks=chunks,
            fingerprint={k: f"{a[:16]}:{b[:16]}" for k, (a, b) in fingerprint.items()},
            docs=docs,
            actual_chunks=dict(actual),
            chunk_ids=len(got["ids"]),
            unique_chunk_ids=len(set(got["ids"])),
            store_count=store.chunk_count(),
            lexical=None
            if lexical is None
            else {
                "generation": lexical.generation,
                "same_ids": sorted(lexical.ids) == sorted(got["ids"]),
                "size": len(lexical.ids),
            },
        )
    if corpus_dir is not None:
        out["corpus"] = corpus_health(corpus_dir, settings)
    return out


def build_reference(corpus_dir: Path, index_dir: Path) -> dict[str, Any]:
    """A clean from-scratch build: ``run_ingest(full=True)`` into an empty index."""
    _project_path()
    from ingest.pipeline import run_ingest
    from kb.core.settings import load_settings
    from kb.index.factory import build_knowledge_base

    settings = load_settings(store={"index_dir": index_dir}, ingest={"corpus_dir": corpus_dir})
    report = run_ingest(build_knowledge_base(settings), corpus_dir, full=True)
    return {"build_exit": report.exit_code, "build_summary": report.summary()}


def corpus_health(corpus_dir: Path, settings: Any) -> dict[str, Any]:
    """Does the catalogue load; which files would a run take; which hidden files lie around."""
    from ingest.catalogue import load_catalogue
    from ingest.pipeline import catalogue_path, scan_corpus

    health: dict[str, Any] = {}
    try:
        catalogue = load_catalogue(catalogue_path(settings, corpus_dir))
        health["catalogue_loads"] = True
        health["catalogue_entry_errors"] = catalogue.all_messages()
    except Exception as exc:  # noqa: BLE001 - reported, judged by the parent
        health["catalogue_loads"] = False
        health["catalogue_error"] = f"{type(exc).__name__}: {exc}"
    sources, rejected = scan_corpus(corpus_dir, settings)
    health["sources"] = sorted(s.rel_path for s in sources)
    health["rejected"] = sorted(r.path for r in rejected)
    health["hidden_files"] = sorted(
        p.relative_to(corpus_dir).as_posix() for p in corpus_dir.rglob(".*") if p.is_file()
    )
    return health


def index_listing(index_dir: Path) -> dict[str, Any]:
    """The index folder's generations, drafts, ``CURRENT`` and leftovers."""
    gens = index_dir / "generations"
    names = sorted(os.listdir(gens)) if gens.is_dir() else []
    try:
        current = json.loads((index_dir / "CURRENT").read_text())["generation"]
    except (OSError, ValueError, KeyError):
        current = None
    drafts = [n for n in names if ".draft" in n]
    return {
        "current": current,
        "published_dirs": [n for n in names if n.isdigit()],
        "drafts": drafts,
        "draft_lexical": [d for d in drafts if (gens / d / "lexical.pkl").exists()],
        "other": [n for n in names if not n.isdigit() and ".draft" not in n],
        "tmp_files": sorted(n for n in os.listdir(index_dir) if n.endswith(".tmp"))
        if index_dir.is_dir()
        else [],
        "writer_json": (index_dir / "writer.json").exists(),
    }


# --- child mode: a curation action ----------------------------------------------------


def curation_child(spec: dict[str, Any]) -> int:
    """Run one curation action as the curation page would; print its summary as JSON."""
    _project_path()
    from ingest import curation
    from kb.core.settings import load_settings
    from kb.index.factory import build_knowledge_base

    corpus = Path(spec["corpus"])
    settings = load_settings(
        store={"index_dir": Path(spec["index"])}, ingest={"corpus_dir": corpus}
    )
    kb = build_knowledge_base(settings)

    def progress(done: int, total: int, item: Any) -> None:
        print(f"\r{done}/{total} [{item.path[-40:]}]", end="", file=sys.stderr, flush=True)

    action = spec["action"]
    data = Path(spec["data"]).read_bytes() if spec.get("data") else b""
    if action == "add_document":
        _, report = curation.add_document(
            kb,
            corpus,
            spec["filename"],
            data,
            spec["entry"],
            folder=spec["folder"],
            progress=progress,
        )
    elif action == "replace_document":
        report = curation.replace_document(
            kb, corpus, spec["rel"], data, filename=spec.get("filename"), progress=progress
        )
    elif action == "update_metadata":
        report = curation.update_metadata(kb, corpus, spec["rel"], spec["entry"], progress=progress)
    elif action == "remove_document":
        report = curation.remove_document(kb, corpus, spec["rel"], progress=progress)
    elif action == "reingest_all":
        report = curation.reingest_all(kb, corpus, full=True, progress=progress)
    else:
        raise SystemExit(f"unknown action {action}")
    print(json.dumps({"summary": report.summary(), "exit_code": report.exit_code}))
    return report.exit_code


# --- corpus states --------------------------------------------------------------------


def _make_corpus() -> Any:
    """``benchmarks/make_corpus.py`` (pseudo-prose PDFs), importable with the project."""
    for path in (REPO_ROOT, REPO_ROOT / "benchmarks"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    import make_corpus

    return make_corpus


def _generated_pages(seed: str, lang: str, pages: int) -> tuple[list, str, str, str]:
    return _make_corpus().make_document(random.Random(seed), lang, pages)


def write_pdf(path: Path, seed: str, lang: str, pages: int = 2) -> str:
    """A generated multi-page text PDF (benchmarks/make_corpus.py); returns its title."""
    doc_pages, title, header, footer = _generated_pages(seed, lang, pages)
    path.parent.mkdir(parents=True, exist_ok=True)
    _make_corpus().write_document(path, doc_pages, title, header, footer)
    return title


def write_other(path: Path, seed: str, lang: str) -> str:
    """A generated DOCX or Markdown document (tests/factories.py); returns its title."""
    doc_pages, title, _, _ = _generated_pages(seed, lang, 2)
    from tests import factories

    blocks = [
        ("heading1" if kind == "heading" else kind, text)
        for page in doc_pages
        for kind, text in page
    ]
    if path.suffix == ".docx":
        factories.make_docx(path, blocks, title=title)
    else:
        factories.make_markdown(path, blocks)
    return title


def _entry(rng: random.Random, title: str, lang: str) -> dict[str, Any]:
    return {
        "title": title,
        "country": rng.choice(COUNTRIES),
        "year": rng.randint(2019, 2025),
        "language": lang,
        "topics": sorted(rng.sample(TOPICS, 2)),
        "practice_type": rng.choice(["case-study", "report", "evaluation"]),
    }


def _load_yaml(path: Path) -> dict[str, Any]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _dump_yaml(path: Path, data: dict[str, Any]) -> None:
    import yaml

    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )


def build_corpus_a(dest: Path) -> None:
    """The sample corpus and its catalogue, plus six generated PDFs (four with entries)."""
    shutil.copytree(REPO_ROOT / "corpus" / "samples", dest / "samples")
    text = (REPO_ROOT / "corpus" / "catalogue.yaml").read_text(encoding="utf-8")
    rng = random.Random("state-a")
    lines = []
    for k in range(6):
        lang = LANGS[k % len(LANGS)]
        rel = f"gen/report_{k:02d}_{lang}.pdf"
        title = write_pdf(dest / rel, f"a-{k}", lang, pages=2)
        if k < 4:
            entry = _entry(rng, title, lang)
            lines.append(f"  {rel}: {json.dumps(entry, ensure_ascii=False)}")
    (dest / "catalogue.yaml").write_text(
        text.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )


def mutate_corpus(corpus: Path, rng: random.Random, tag: str) -> list[str]:
    """Turn a copy of state A into a state B: add, change, remove, re-describe documents."""
    cat_file = corpus / "catalogue.yaml"
    catalogue = _load_yaml(cat_file)
    docs: dict[str, Any] = catalogue["documents"]
    changes: list[str] = []
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    files = [f for f in files if f != "catalogue.yaml"]
    gen = [f for f in files if f.startswith("gen/")]
    texts = ["samples/nl_samen_naar_werk_2023.md", "samples/be_vdab_skills_matching_2024.html"]
    for j in range(rng.randint(1, 3)):
        lang = rng.choice(LANGS)
        ext = rng.choice([".pdf", ".pdf", ".docx", ".md"])
        rel = f"new/{tag}_{j}{ext}"
        seed = f"{tag}-new-{j}"
        if ext == ".pdf":
            title = write_pdf(corpus / rel, seed, lang, pages=rng.randint(1, 3))
        else:
            title = write_other(corpus / rel, seed, lang)
        with_entry = rng.random() < 0.5
        if with_entry:
            docs[rel] = _entry(rng, title, lang)
        changes.append(f"+{rel}{' (entry)' if with_entry else ''}")
    changed = rng.sample(gen + texts, rng.randint(1, 3))
    for rel in changed:
        path = corpus / rel
        if rel.endswith(".pdf"):
            lang = rel.rsplit("_", 1)[1][:2]
            write_pdf(path, f"{tag}-chg-{rel}", lang, pages=rng.randint(1, 3))
        elif rel.endswith(".md"):
            path.write_text(
                path.read_text(encoding="utf-8")
                + f"\n\nAanvulling {tag}: de regionale teams spraken {rng.randint(20, 90)} "
                "werkgevers over begeleide plaatsingen en stelden een gezamenlijk plan op.\n",
                encoding="utf-8",
            )
        else:
            html = path.read_text(encoding="utf-8")
            extra = (
                f"<p>Update {tag}: {rng.randint(20, 90)} employers joined the skills "
                "matching pilot in the second year of the programme.</p>"
            )
            path.write_text(html.replace("</body>", extra + "</body>", 1), encoding="utf-8")
        changes.append(f"~{rel}")
    pdfs = [f for f in files if f.startswith("samples/") and f.endswith(".pdf")]
    removed = rng.sample([f for f in pdfs + gen if f not in changed], rng.randint(1, 2))
    for rel in removed:
        (corpus / rel).unlink()
        drop = rng.random() < 0.5 and rel in docs
        if drop:
            del docs[rel]
        changes.append(f"-{rel}{' (entry dropped)' if drop else ''}")
    candidates = sorted(r for r in docs if r not in removed and (corpus / r).exists())
    for rel in rng.sample(candidates, rng.randint(0, 2)):
        entry = dict(docs[rel])
        if rng.random() < 0.5:
            entry["title"] = f"{entry.get('title', rel)} (revised {tag})"
            changes.append(f"meta {rel}: title")
        else:
            entry["topics"] = sorted(rng.sample(TOPICS, rng.randint(1, 3)))
            changes.append(f"meta {rel}: topics")
        docs[rel] = entry
    _dump_yaml(cat_file, catalogue)
    return changes


def curation_spec(
    action: str, corpus: Path, index: Path, rng: random.Random, tag: str, work: Path
) -> tuple[dict[str, Any], str]:
    """The arguments of one curation action on a copy of state A, and a description."""
    spec: dict[str, Any] = {"action": action, "corpus": str(corpus), "index": str(index)}
    docs = _load_yaml(corpus / "catalogue.yaml")["documents"]
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    pdfs = [f for f in files if f.endswith(".pdf")]
    if action == "add_document":
        lang = rng.choice(LANGS)
        data = work / "upload.pdf"
        title = write_pdf(data, f"{tag}-upload", lang, pages=3)
        spec.update(
            filename=f"Praxisbericht Öffentlich {tag}.PDF",
            data=str(data),
            entry=_entry(rng, title, lang),
            folder="uploads",
        )
        return spec, f"upload {spec['filename']!r} (3-page PDF) with an entry"
    if action == "replace_document":
        rel = rng.choice(pdfs)
        data = work / "upload.pdf"
        write_pdf(data, f"{tag}-replace", rng.choice(LANGS), pages=3)
        spec.update(rel=rel, data=str(data), filename="new version.pdf")
        return spec, f"replace {rel} with a 3-page PDF"
    if action == "update_metadata":
        rel = rng.choice(sorted(r for r in docs if (corpus / r).exists()))
        entry = {k: v for k, v in docs[rel].items() if v not in ("", None, [])}
        entry["topics"] = sorted(rng.sample(TOPICS, 2))
        what = "topics"
        if rng.random() < 0.5:
            entry["title"] = f"{entry.get('title', rel)} (revised {tag})"
            what = "topics + title"
        spec.update(rel=rel, entry=entry)
        return spec, f"update_metadata {rel}: {what}"
    if action == "remove_document":
        rel = rng.choice([f for f in files if f != "catalogue.yaml"])
        spec.update(rel=rel)
        return spec, f"remove {rel}{' (has an entry)' if rel in docs else ''}"
    return spec, "reingest_all(full=True)"


def folder_digest(corpus: Path) -> dict[str, str]:
    """sha256 of every visible file (hidden temp files are listed by the reader instead)."""
    out = {}
    for path in sorted(corpus.rglob("*")):
        rel = path.relative_to(corpus).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in rel.split("/")):
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _key(digest: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(digest, sort_keys=True).encode()).hexdigest()[:16]


# --- processes ------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def process_view(pid: int) -> dict[str, int]:
    """The extraction forkserver (a child of ``pid``) and its workers."""
    forkserver, workers = 0, 0
    for child in _children(pid):
        if "multiprocessing.forkserver" in _cmdline(child):
            forkserver = 1
            workers += len(_children(child))
    return {"forkserver": forkserver, "workers": workers}


def group_members(pgid: int) -> list[int]:
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(name))
    return out


def lock_is_free(index_dir: Path) -> bool:
    path = index_dir / "writer.lock"
    if not path.exists():
        return True
    with path.open("a") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    return True


def guess_phase(
    listing: dict[str, Any],
    procs: dict[str, int],
    base: str | None,
    workers_seen: bool,
    extraction: bool,
) -> str:
    """Where a run was, from the index folder and the process tree."""
    if listing["current"] != base:
        return "published (collect, run log)"
    if any(d > (base or "") and d != listing["current"] for d in listing["published_dirs"]):
        return "publish: draft renamed, CURRENT not yet replaced"
    if listing["draft_lexical"]:
        return "publish: lexical index saved, fsync/rename"
    if listing["drafts"]:
        if procs["workers"]:
            return "extract+embed+write"
        if workers_seen:
            return "after extraction: removals, repair, lexical build"
        if not extraction:
            return "draft: copy, removals, lexical build (no extraction)"
        if procs["forkserver"]:
            return "extractor start-up"
        return "draft: copying base generation"
    if listing["writer_json"]:
        return "lock held: planning (scan, hash, read manifest) or folder edit"
    return "start-up (imports, settings, opening the index)"


@dataclass
class Observed:
    """One process under test, watched until it exits or is killed."""

    exited_before_kill: bool = False
    exit_code: int | None = None
    seconds: float = 0.0
    phase: str = ""
    progress: str = ""
    listing: dict[str, Any] = field(default_factory=dict)
    procs: dict[str, int] = field(default_factory=dict)
    timeline: list[tuple[float, str]] = field(default_factory=list)
    orphans: int = 0
    orphans_exited_s: float | None = None
    orphans_killed: int = 0
    lock_free_after: bool = True
    pgid: int = 0
    reader: threading.Thread | None = field(default=None, repr=False)


def run_watched(
    cmd: list[str],
    index_dir: Path,
    log: Path,
    kill_after: float | None,
    extraction: bool = True,
    after_lexical: float | None = None,
) -> Observed:
    """Start ``cmd``; watch its phases; SIGKILL its main process after ``kill_after`` s,
    or (``after_lexical``) that many seconds after a draft's ``lexical.pkl`` appears."""
    base = index_listing(index_dir)["current"]
    master, slave = os.openpty()
    started = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env={**_env(), "COLUMNS": "200"},
            stdout=out,
            stderr=slave,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    os.close(slave)
    tail = bytearray()

    def read_pty() -> None:
        # Only this thread closes ``master``: it reads until every holder of the pty's
        # other end (the run and anything it left behind) is gone.
        try:
            while chunk := os.read(master, 4096):
                tail.extend(chunk)
                del tail[:-8192]
        except OSError:
            pass
        finally:
            os.close(master)

    reader = threading.Thread(target=read_pty, daemon=True)
    reader.start()
    obs = Observed()
    stop = threading.Event()
    state = {"workers_seen": False}

    def watch() -> None:
        last = ""
        while not stop.is_set() and proc.poll() is None:
            procs = process_view(proc.pid)
            state["workers_seen"] |= bool(procs["workers"])
            phase = guess_phase(
                index_listing(index_dir), procs, base, state["workers_seen"], extraction
            )
            if phase != last:
                obs.timeline.append((round(time.monotonic() - started, 2), phase))
                last = phase
            stop.wait(POLL_S)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    deadline = None if kill_after is None else started + kill_after
    gens = index_dir / "generations"
    while proc.poll() is None:
        if after_lexical is not None and deadline is None:
            names = os.listdir(gens) if gens.is_dir() else []
            if any(".draft" in n and (gens / n / "lexical.pkl").exists() for n in names):
                deadline = time.monotonic() + after_lexical
        if deadline is not None and time.monotonic() >= deadline:
            break
        if time.monotonic() - started > TIMEOUT_S:
            break
        near = deadline is not None and deadline - time.monotonic() < 0.1
        time.sleep(0.005 if near or after_lexical is not None else 0.02)
    procs = process_view(proc.pid)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    else:
        obs.exited_before_kill = kill_after is not None or after_lexical is not None
    stop.set()
    watcher.join()
    state["workers_seen"] |= bool(procs["workers"])
    obs.seconds = time.monotonic() - started
    obs.exit_code = proc.returncode
    obs.procs = procs
    obs.listing = index_listing(index_dir)
    obs.lock_free_after = lock_is_free(index_dir)
    found = _PROGRESS.findall(tail.decode(errors="replace"))
    obs.progress = f"{found[-1][0]}/{found[-1][1]}" if found else ""
    if obs.exited_before_kill:
        obs.phase = "finished before kill"
    elif kill_after is None and after_lexical is None:
        obs.phase = "completed"
    else:
        obs.phase = guess_phase(obs.listing, procs, base, state["workers_seen"], extraction)
        if obs.phase == "extract+embed+write" and obs.progress:
            obs.phase += f" (doc {obs.progress})"
    obs.pgid = proc.pid
    obs.reader = reader
    return obs


def reap_orphans(obs: Observed) -> None:
    """Wait up to ORPHAN_WAIT_S for processes left by the killed run, then kill them."""
    pgid = obs.pgid
    left = group_members(pgid)
    obs.orphans = len(left)
    t0 = time.monotonic()
    while left and time.monotonic() - t0 < ORPHAN_WAIT_S:
        time.sleep(0.2)
        left = group_members(pgid)
    if obs.orphans and not left:
        obs.orphans_exited_s = round(time.monotonic() - t0, 1)
    if left:
        obs.orphans_killed = len(left)
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        time.sleep(0.2)
    if obs.reader is not None:
        obs.reader.join(timeout=5)


def ingest_cli(corpus: Path, index: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "ingest",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        "run",
        *extra,
    ]


def run_cli(corpus: Path, index: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    """A normal (not killed) ingestion run: exit code, JSON report, stderr."""
    done = subprocess.run(
        ingest_cli(corpus, index, *extra, "--json"),
        cwd=REPO_ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = {}
    return done.returncode, report, done.stderr[-2000:]


def inspect(
    index: Path, vectors: Path, corpus: Path | None = None, build: Path | None = None
) -> dict[str, Any]:
    """The reader's view, in a fresh process; with ``build``, first a clean full build
    of the folder ``build`` into ``index`` (``run_ingest(full=True)``, same process)."""
    cmd = [sys.executable, str(SCRIPT), "--inspect", str(index), "--vectors", str(vectors)]
    if corpus is not None:
        cmd += ["--corpus", str(corpus)]
    if build is not None:
        cmd += ["--build-reference", str(build)]
    done = subprocess.run(
        cmd, cwd=REPO_ROOT, env=_env(), capture_output=True, text=True, timeout=TIMEOUT_S
    )
    if done.returncode != 0:
        raise RuntimeError(f"reader failed (exit {done.returncode}): {done.stderr[-1500:]}")
    return json.loads(done.stdout)


# --- comparing ------------------------------------------------------------------------


VECTOR_RTOL, VECTOR_ATOL = 1e-5, 1e-6


def vector_diff(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """Largest absolute difference between the two indexes' vectors of the same chunk ids
    (None when the ids differ or a tolerance is exceeded is judged by the caller)."""
    import numpy as np

    if "vectors" not in a or "vectors" not in b:
        return None
    key = (a["vectors"], b["vectors"])
    if key not in _VECTOR_CACHE:
        with np.load(a["vectors"]) as fa, np.load(b["vectors"]) as fb:
            ia = {cid: n for n, cid in enumerate(fa["ids"].tolist())}
            ib = {cid: n for n, cid in enumerate(fb["ids"].tolist())}
            if ia.keys() != ib.keys():
                _VECTOR_CACHE[key] = (None, False)
            else:
                order = sorted(ia)
                va = fa["vectors"][[ia[c] for c in order]]
                vb = fb["vectors"][[ib[c] for c in order]]
                close = bool(np.allclose(va, vb, rtol=VECTOR_RTOL, atol=VECTOR_ATOL))
                diff = float(np.abs(va - vb).max()) if order else 0.0
                _VECTOR_CACHE[key] = (diff, close)
    return _VECTOR_CACHE[key][0] if _VECTOR_CACHE[key][1] else None


_VECTOR_CACHE: dict[tuple[str, str], tuple[float | None, bool]] = {}


def same_content(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same chunk ids, chunk metadata and text, manifest records, and vectors (tolerance)."""
    return (
        a.get("published") is not None
        and b.get("published") is not None
        and a["chunks"] == b["chunks"]
        and a["docs"] == b["docs"]
        and vector_diff(a, b) is not None
    )


def differences(got: dict[str, Any], want: dict[str, Any]) -> str:
    if got.get("published") is None:
        return "nothing published"
    gc, wc = got["chunks"], want["chunks"]
    missing = len(wc.keys() - gc.keys())
    extra = len(gc.keys() - wc.keys())
    changed = sum(1 for k in gc.keys() & wc.keys() if gc[k] != wc[k])
    gd, wd = got["docs"], want["docs"]
    doc_diff = sorted(set(gd) ^ set(wd) | {d for d in set(gd) & set(wd) if gd[d] != wd[d]})
    vectors = vector_diff(got, want)
    return (
        f"chunks: {missing} missing, {extra} extra, {changed} differ; "
        f"documents differing: {len(doc_diff)} {doc_diff[:4]}; vectors "
        + ("differ" if vectors is None else f"equal within {vectors:.1e}")
    )


def integrity_problems(seen: dict[str, Any]) -> list[str]:
    """Internal consistency of one published generation."""
    if seen.get("published") is None:
        return ["no published generation"]
    problems = []
    docs = seen["docs"]
    pending = sorted(d for d, r in docs.items() if r["status"] != "complete")
    if pending:
        problems.append(f"records not complete: {pending[:5]}")
    total = sum(r["chunk_count"] for r in docs.values())
    if not seen["chunk_ids"] == seen["unique_chunk_ids"] == seen["store_count"] == total:
        problems.append(
            f"chunk ids {seen['chunk_ids']} (unique {seen['unique_chunk_ids']}, count "
            f"{seen['store_count']}) != sum of records' chunk_count {total}"
        )
    wrong = sorted(
        d for d, r in docs.items() if seen["actual_chunks"].get(d, 0) != r["chunk_count"]
    )
    stray = sorted(set(seen["actual_chunks"]) - set(docs))
    if wrong or stray:
        problems.append(f"per-document chunk counts wrong: {wrong[:5]}, stray: {stray[:5]}")
    lex = seen["lexical"]
    if lex is None or not lex["same_ids"] or lex["generation"] != seen["published"]:
        problems.append(f"lexical index does not match the chunks: {lex}")
    return problems


def listing_problems(listing: dict[str, Any]) -> list[str]:
    problems = []
    if listing["drafts"]:
        problems.append(f"drafts left: {listing['drafts']}")
    if len(listing["published_dirs"]) > KEEP_GENERATIONS:
        problems.append(f"{len(listing['published_dirs'])} published generation folders")
    if listing["current"] not in listing["published_dirs"]:
        problems.append(f"CURRENT {listing['current']} has no folder")
    if listing["tmp_files"]:
        problems.append(f"temp files in the index folder: {listing['tmp_files']}")
    if listing["writer_json"]:
        problems.append("writer.json left after the recovery run")
    return problems


# --- trials ---------------------------------------------------------------------------


@dataclass
class Trial:
    kind: str  # "ingest" or "curation"
    number: int
    action: str
    change: str
    delay_s: float
    reference_s: float
    phase: str = ""
    progress: str = ""
    killed_mid_run: bool = False
    at_kill: dict[str, Any] = field(default_factory=dict)
    state_after_kill: str = ""
    consistent_after_kill: bool = False
    folder_after_kill: str = ""
    recovery_exit: int | None = None
    recovery: str = ""
    recovered_equal_to_clean: bool = False
    orphans: str = ""
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.problems and self.consistent_after_kill and self.recovered_equal_to_clean


class Lab:
    """Working folders, state A and the cache of clean reference builds."""

    def __init__(self, root: Path, seed: int, log: Callable[[str], None]) -> None:
        self.root = root
        self.seed = seed
        self.log = log
        self.refs: dict[str, dict[str, Any]] = {}
        self.corpus_a = root / "a" / "corpus"
        self.index_a = root / "a" / "index"
        self.seen_a: dict[str, Any] = {}

    def setup(self) -> None:
        for sub in ("a", "trials", "refs", "calibration"):
            shutil.rmtree(self.root / sub, ignore_errors=True)
        self.corpus_a.mkdir(parents=True)
        build_corpus_a(self.corpus_a)
        code, report, err = run_cli(self.corpus_a, self.index_a)
        if code != 0:
            raise RuntimeError(f"building state A failed (exit {code}): {err}")
        self.seen_a = inspect(self.index_a, self.root / "a" / "vectors.npz")
        problems = integrity_problems(self.seen_a)
        if problems:
            raise RuntimeError(f"state A is inconsistent: {problems}")
        self.refs[_key(folder_digest(self.corpus_a))] = self.seen_a
        self.log(
            f"state A: {len(self.seen_a['docs'])} documents, {self.seen_a['chunk_ids']} chunks, "
            f"generation {self.seen_a['published']} ({report.get('summary', {}).get('seconds')} s)"
        )

    def copy_a(self, dest: Path) -> tuple[Path, Path]:
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(self.corpus_a, dest / "corpus")
        shutil.copytree(self.index_a, dest / "index")
        return dest / "corpus", dest / "index"

    def reference(self, corpus: Path) -> dict[str, Any]:
        """A clean from-scratch build of the folder as it is (cached by content)."""
        key = _key(folder_digest(corpus))
        if key not in self.refs:
            snap = self.root / "refs" / key
            shutil.rmtree(snap, ignore_errors=True)
            shutil.copytree(corpus, snap / "corpus", ignore=shutil.ignore_patterns(".*"))
            seen = inspect(snap / "index", self.root / "refs" / f"{key}.npz", build=snap / "corpus")
            if seen.get("build_exit") != 0:
                raise RuntimeError(f"reference build failed: {seen.get('build_summary')}")
            problems = integrity_problems(seen)
            if problems:
                raise RuntimeError(f"reference build is inconsistent: {problems}")
            self.refs[key] = seen
            shutil.rmtree(snap, ignore_errors=True)
        return self.refs[key]


def stratified_delays(rng: random.Random, n: int, duration: float) -> list[float]:
    """``n`` delays uniform in [0, duration): one per equal slice, slices shuffled."""
    slices = list(range(n))
    rng.shuffle(slices)
    return [round((s + rng.random()) / n * duration, 3) for s in slices]


def after_kill_checks(
    trial: Trial,
    obs: Observed,
    seen: dict[str, Any],
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    trial.phase = obs.phase
    trial.progress = obs.progress
    trial.killed_mid_run = not obs.exited_before_kill
    trial.at_kill = {
        "lock_held": obs.listing.get("writer_json"),
        "draft": obs.listing.get("drafts"),
        "draft_lexical": bool(obs.listing.get("draft_lexical")),
        "current_changed": obs.listing.get("current") != before.get("published"),
        "forkserver": obs.procs.get("forkserver"),
        "workers": obs.procs.get("workers"),
        "lock_free_after_kill": obs.lock_free_after,
        "exit_code": obs.exit_code,
    }
    if not obs.lock_free_after:
        trial.problems.append("the writer lock was still held after the kill")
    if obs.exited_before_kill and obs.exit_code != 0:
        trial.problems.append(f"the run finished before the kill with exit {obs.exit_code}")
    is_a, is_b = same_content(seen, before), same_content(seen, after)
    trial.state_after_kill = "A=B" if is_a and is_b else "A" if is_a else "B" if is_b else "mixed"
    problems = integrity_problems(seen)
    if trial.state_after_kill == "mixed":
        fp = (
            "fingerprint equals A"
            if seen.get("fingerprint") == before.get("fingerprint")
            else "fingerprint equals B"
            if seen.get("fingerprint") == after.get("fingerprint")
            else "fingerprint is neither"
        )
        problems.append(
            f"published generation is neither A nor B ({fp}); vs A: "
            f"{differences(seen, before)}; vs B: {differences(seen, after)}"
        )
    trial.consistent_after_kill = not problems
    trial.problems += [f"after kill: {p}" for p in problems]


def recovery_checks(
    trial: Trial,
    code: int,
    report: dict[str, Any],
    err: str,
    seen: dict[str, Any],
    clean: dict[str, Any],
) -> None:
    trial.recovery_exit = code
    summary = report.get("summary", {})
    trial.recovery = (
        f"exit {code}: "
        + ", ".join(
            f"{k} {summary.get(k, 0)}"
            for k in ("added", "changed", "unchanged", "removed", "failed")
        )
        + f", generation {report.get('generation') or '-'}"
    )
    problems = []
    if code != 0:
        problems.append(f"recovery run exit {code}: {err[-300:]}")
    problems += integrity_problems(seen)
    equal = same_content(seen, clean)
    if not equal:
        fp = seen.get("fingerprint") == clean.get("fingerprint")
        problems.append(
            f"differs from the clean build (fingerprint {'equal' if fp else 'differs'}): "
            f"{differences(seen, clean)}"
        )
    counts = seen.get("docs") and {d: r["chunk_count"] for d, r in seen["docs"].items()}
    if counts != {d: r["chunk_count"] for d, r in clean["docs"].items()}:
        problems.append("per-document chunk counts differ from the clean build")
    problems += listing_problems(seen["listing"])
    diff = vector_diff(seen, clean)
    trial.recovery += "" if diff is None else f"; vectors equal within {diff:.1e}"
    trial.recovered_equal_to_clean = equal and not problems
    trial.problems += [f"recovery: {p}" for p in problems]


def ingestion_trial(
    lab: Lab,
    number: int,
    full: bool,
    delay: float,
    reference_s: float,
    after_lexical: bool = False,
) -> Trial:
    """One ingestion trial; with ``after_lexical``, ``delay`` counts from the moment the
    draft's lexical index is saved (a kill aimed at the publish step)."""
    started = time.monotonic()
    kind = "publish" if after_lexical else "ingest"
    tag = f"{kind[0]}{number:02d}"
    work = lab.root / "trials" / f"{kind}_{tag}"
    corpus, index = lab.copy_a(work)
    changes = mutate_corpus(corpus, random.Random(f"{lab.seed}-{kind}-{number}"), tag)
    trial = Trial(
        kind,
        number,
        "run --full" if full else "run",
        ", ".join(changes),
        delay,
        reference_s,
    )
    try:
        clean_b = lab.reference(corpus)
        digest = folder_digest(corpus)
        obs = run_watched(
            ingest_cli(corpus, index, *(["--full"] if full else [])),
            index,
            work / "killed.log",
            None if after_lexical else delay,
            after_lexical=delay if after_lexical else None,
        )
        seen = inspect(index, work / "killed.npz")
        reap_orphans(obs)
        trial.orphans = _orphans_text(obs)
        after_kill_checks(trial, obs, seen, lab.seen_a, clean_b)
        if folder_digest(corpus) != digest:
            trial.problems.append("the ingestion run changed the corpus folder")
        code, report, err = run_cli(corpus, index)
        recovery_checks(trial, code, report, err, inspect(index, work / "rec.npz"), clean_b)
    except Exception:  # noqa: BLE001 - one broken trial must not end the others
        trial.problems.append("trial error: " + traceback.format_exc(limit=3)[-800:])
    trial.seconds = round(time.monotonic() - started, 1)
    if trial.passed:
        shutil.rmtree(work, ignore_errors=True)
    return trial


def _orphans_text(obs: Observed) -> str:
    if not obs.orphans:
        return "none"
    if obs.orphans_killed:
        return (
            f"{obs.orphans} left, {obs.orphans_killed} still alive after "
            f"{ORPHAN_WAIT_S:g} s (killed)"
        )
    return f"{obs.orphans} left, exited within {obs.orphans_exited_s} s"


def child_cmd(spec_file: Path) -> list[str]:
    return [sys.executable, str(SCRIPT), "--curation-child", str(spec_file)]


def curation_trial(lab: Lab, number: int, action: str, delay_frac: float) -> Trial:
    started = time.monotonic()
    tag = f"c{number:02d}"
    work = lab.root / "trials" / f"curation_{tag}"
    rng = random.Random(f"{lab.seed}-curation-{number}")
    scratch_corpus, scratch_index = lab.copy_a(work / "scratch")
    spec, description = curation_spec(action, scratch_corpus, scratch_index, rng, tag, work)
    trial = Trial("curation", number, action, description, 0.0, 0.0)
    try:
        (work / "scratch.json").write_text(json.dumps(spec))
        normal = run_watched(
            child_cmd(work / "scratch.json"),
            scratch_index,
            work / "scratch.log",
            None,
            extraction=action != "remove_document",
        )
        if normal.exit_code != 0:
            raise RuntimeError(
                f"the unkilled action failed (exit {normal.exit_code}): "
                f"{(work / 'scratch.log').read_text()[-500:]}"
            )
        reap_orphans(normal)
        trial.reference_s = round(normal.seconds, 2)
        trial.delay_s = round(delay_frac * normal.seconds, 3)
        before_folder = folder_digest(lab.corpus_a)
        after_folder = folder_digest(scratch_corpus)
        clean_after = lab.reference(scratch_corpus)
        unkilled = inspect(scratch_index, work / "scratch.npz")
        if not same_content(unkilled, clean_after):
            trial.problems.append(
                "the unkilled action's index differs from a clean build of its folder: "
                + differences(unkilled, clean_after)
            )
        shutil.rmtree(work / "scratch", ignore_errors=True)

        corpus, index = lab.copy_a(work / "run")
        spec.update(corpus=str(corpus), index=str(index))
        (work / "run.json").write_text(json.dumps(spec))
        obs = run_watched(
            child_cmd(work / "run.json"),
            index,
            work / "killed.log",
            trial.delay_s,
            extraction=action != "remove_document",
        )
        seen = inspect(index, work / "killed.npz", corpus)
        reap_orphans(obs)
        trial.orphans = _orphans_text(obs)
        after_kill_checks(trial, obs, seen, lab.seen_a, clean_after)
        now = folder_digest(corpus)
        trial.folder_after_kill = (
            "unchanged"
            if now == before_folder
            else "after-state"
            if now == after_folder
            else "partly changed"
        )
        health = seen["corpus"]
        if not health["catalogue_loads"]:
            trial.problems.append(f"catalogue does not load: {health.get('catalogue_error')}")
        elif health["catalogue_entry_errors"]:
            trial.problems.append(f"catalogue entry errors: {health['catalogue_entry_errors'][:3]}")
        stray = sorted(set(health["sources"]) - set(before_folder) - set(after_folder))
        if stray:
            trial.problems.append(f"files a run would take that neither state has: {stray}")
        if health["hidden_files"]:
            trial.folder_after_kill += (
                f"; hidden leftovers (ignored by scans): {health['hidden_files']}"
            )
        code, report, err = run_cli(corpus, index)
        clean_now = lab.reference(corpus)
        recovery_checks(trial, code, report, err, inspect(index, work / "rec.npz"), clean_now)
    except Exception:  # noqa: BLE001 - one broken trial must not end the others
        trial.problems.append("trial error: " + traceback.format_exc(limit=3)[-800:])
    trial.seconds = round(time.monotonic() - started, 1)
    if trial.passed:
        shutil.rmtree(work, ignore_errors=True)
    return trial


def calibrate(lab: Lab) -> dict[str, Any]:
    """Time one normal incremental and one normal full run from A to a state B."""
    out: dict[str, Any] = {}
    for mode, extra in (("run", ()), ("run --full", ("--full",))):
        work = lab.root / "calibration" / mode.replace(" ", "")
        corpus, index = lab.copy_a(work)
        changes = mutate_corpus(corpus, random.Random(f"{lab.seed}-calibration"), "cal")
        obs = run_watched(ingest_cli(corpus, index, *extra), index, work / "run.log", None)
        reap_orphans(obs)
        if obs.exit_code != 0:
            raise RuntimeError(f"calibration {mode} failed: exit {obs.exit_code}")
        out[mode] = {
            "seconds": round(obs.seconds, 2),
            "changes": ", ".join(changes),
            "timeline": obs.timeline,
        }
        lab.log(f"calibration {mode}: {obs.seconds:.1f} s; phases {obs.timeline}")
        shutil.rmtree(work, ignore_errors=True)
    return out


# --- output ---------------------------------------------------------------------------


def totals(trials: list[Trial]) -> dict[str, Any]:
    def block(items: list[Trial]) -> dict[str, Any]:
        return {
            "trials": len(items),
            "killed_mid_run": sum(t.killed_mid_run for t in items),
            "consistent_after_kill": sum(t.consistent_after_kill for t in items),
            "recovered_equal_to_clean": sum(t.recovered_equal_to_clean for t in items),
            "failures": sum(not t.passed for t in items),
            "state_after_kill": dict(Counter(t.state_after_kill for t in items)),
            "phases": dict(Counter(re.sub(r" \(doc .*\)$", "", t.phase) for t in items)),
        }

    return {
        "ingestion": block([t for t in trials if t.kind == "ingest"]),
        "publish-targeted": block([t for t in trials if t.kind == "publish"]),
        "curation": block([t for t in trials if t.kind == "curation"]),
        "all": block(trials),
    }


def render(trials: list[Trial], summary: dict[str, Any], calibration: dict[str, Any]) -> str:
    lines = []
    for mode, cal in calibration.items():
        lines.append(f"calibration `{mode}`: {cal['seconds']} s")
    lines.append("")
    lines.append(
        f"{'trial':<8} {'action':<17} {'delay/ref s':>12}  {'phase at kill':<52} "
        f"{'seen':<6} {'recovery':<10} result"
    )
    for t in trials:
        name = f"{t.kind[0].upper()}{t.number:02d}"
        lines.append(
            f"{name:<8} {t.action:<17} {t.delay_s:>5.2f}/{t.reference_s:<6.2f}  {t.phase[:52]:<52} "
            f"{t.state_after_kill:<6} {'exit ' + str(t.recovery_exit):<10} "
            f"{'PASS' if t.passed else 'FAIL'}"
        )
        lines.append(f"         change: {t.change}")
        if t.kind == "curation":
            lines.append(f"         folder after kill: {t.folder_after_kill}")
        lines.append(
            f"         at kill: {json.dumps(t.at_kill)}; orphans: {t.orphans}; "
            f"recovery: {t.recovery}; {t.seconds} s"
        )
        for p in t.problems:
            lines.append(f"         PROBLEM {p}")
    lines.append("")
    for kind, block in summary.items():
        lines.append(
            f"{kind}: {block['trials']} trials, {block['killed_mid_run']} killed mid-run, "
            f"{block['consistent_after_kill']} consistent after kill, "
            f"{block['recovered_equal_to_clean']} recovered equal to a clean build, "
            f"{block['failures']} failures; seen after kill {block['state_after_kill']}"
        )
        lines.append(f"  phases at kill: {block['phases']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20, help="ingestion trials")
    parser.add_argument("--curation-trials", type=int, default=20, help="curation trials")
    parser.add_argument(
        "--publish-trials",
        type=int,
        default=4,
        help="extra ingestion trials killed 0-0.15 s after the draft's lexical index is saved",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--workdir", type=Path, help="keep the work here (default: a temp dir)")
    parser.add_argument("--inspect", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--vectors", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build-reference", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--curation-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inspect:
        os.environ.update({k: v for k, v in ENV.items() if k not in os.environ})
        built = build_reference(args.build_reference, args.inspect) if args.build_reference else {}
        print(json.dumps(inspect_index(args.inspect, args.corpus, args.vectors) | built))
        return 0
    if args.curation_child:
        return curation_child(json.loads(args.curation_child.read_text()))

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    root = args.workdir.resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="crash_"))
    root.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    lab = Lab(root, args.seed, log)
    lab.setup()
    calibration = calibrate(lab) if args.trials or args.publish_trials else {}
    rng = random.Random(args.seed)
    trials: list[Trial] = []
    modes = [i % 2 == 1 for i in range(args.trials)]
    delays: dict[bool, list[float]] = {}
    for full in (False, True):
        seconds = calibration.get("run --full" if full else "run", {}).get("seconds", 0.0)
        delays[full] = stratified_delays(rng, modes.count(full), seconds)
    for number, full in enumerate(modes):
        delay = delays[full].pop()
        ref = calibration["run --full" if full else "run"]["seconds"]
        trial = ingestion_trial(lab, number, full, delay, ref)
        trials.append(trial)
        log(
            f"ingest {number:02d} {trial.action:<10} kill at {delay:5.2f}/{ref:.2f} s: "
            f"{trial.phase} -> {trial.state_after_kill}; {trial.recovery}; "
            f"{'PASS' if trial.passed else 'FAIL ' + '; '.join(trial.problems)}"
        )
    for number in range(args.publish_trials):
        full = number % 2 == 1
        delay = round(rng.uniform(0.0, 0.15), 3)
        ref = calibration["run --full" if full else "run"]["seconds"]
        trial = ingestion_trial(lab, number, full, delay, ref, after_lexical=True)
        trials.append(trial)
        log(
            f"publish {number:02d} {trial.action:<10} kill {delay:.3f} s after lexical.pkl: "
            f"{trial.phase} -> {trial.state_after_kill}; {trial.recovery}; "
            f"{'PASS' if trial.passed else 'FAIL ' + '; '.join(trial.problems)}"
        )
    actions = [CURATION_ACTIONS[i % len(CURATION_ACTIONS)] for i in range(args.curation_trials)]
    fractions = {a: stratified_delays(rng, actions.count(a), 1.0) for a in set(actions)}
    for number, action in enumerate(actions):
        trial = curation_trial(lab, number, action, fractions[action].pop())
        trials.append(trial)
        log(
            f"curation {number:02d} {action:<16} kill at {trial.delay_s:5.2f}/"
            f"{trial.reference_s:.2f} s: {trial.phase} -> {trial.state_after_kill}; "
            f"folder {trial.folder_after_kill}; {trial.recovery}; "
            f"{'PASS' if trial.passed else 'FAIL ' + '; '.join(trial.problems)}"
        )
    summary = totals(trials)
    elapsed = round(time.monotonic() - t0, 1)
    failed = any(not t.passed for t in trials)
    if args.json:
        print(
            json.dumps(
                {
                    "seconds": elapsed,
                    "calibration": calibration,
                    "totals": summary,
                    "trials": [asdict(t) | {"passed": t.passed} for t in trials],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(render(trials, summary, calibration))
        print(f"\nwall time {elapsed} s; work folder {root}")
    if not args.workdir:
        if failed:
            log(f"failed trials kept in {root}/trials")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
