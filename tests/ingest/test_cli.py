"""The batch CLI as operators run it: a subprocess, its output and its exit code."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.core.settings import PROJECT_ROOT
from kb.index.factory import build_knowledge_base
from tests import factories as f
from tests.conftest import make_settings, store_env
from tests.ingest.test_pipeline import write_corpus


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120):
    place = store_env(Path(args[args.index("--index") + 1])) if "--index" in args else {}
    full_env = {
        **os.environ,
        "PESKB_PROFILE": "test",
        "PESKB_EMBEDDER__PROVIDER": "fake",
        **place,
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "ingest", *args],
        cwd=PROJECT_ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[str, str]:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_corpus(corpus)
    return str(corpus), str(index)


def test_run_status_and_rerun(dirs):
    corpus, index = dirs
    first = cli("--corpus", corpus, "--index", index, "run")
    assert first.returncode == 0, first.stderr
    assert "3 added, 0 changed, 0 unchanged, 0 removed, 0 failed" in first.stdout
    again = cli("run", "--corpus", corpus, "--index", index, "--json")
    data = json.loads(again.stdout)
    assert again.returncode == 0
    assert data["summary"]["unchanged"] == 3 and data["summary"]["chunks_written"] == 0
    status = cli("--index", index, "status", "--json")
    info = json.loads(status.stdout)
    assert info["documents"] == 3 and info["chunks"] > 3
    assert info["last_run"]["summary"]["unchanged"] == 3
    assert info["by_country"]["AT"] == 1
    # by default ingestion embeds each chunk once (issue 10: at most 1.5x the chunks)
    embedded = info["embedding"]
    assert embedded["chunks"] == info["chunks"] and embedded["windows"] == 0
    assert embedded["per_chunk"] <= 1.5
    assert "Embedded: " in cli("--index", index, "status").stdout


def test_some_files_failing_exits_1_and_lists_them(dirs):
    corpus, index = dirs
    f.make_encrypted_pdf(Path(corpus) / "locked.pdf")
    result = cli("--corpus", corpus, "--index", index, "run")
    assert result.returncode == 1
    assert "3 added" in result.stdout and "1 failed" in result.stdout
    assert "FAILED  locked.pdf: encrypted PDF (password protected)" in result.stdout
    status = cli("--index", index, "status")
    assert "FAILED  locked.pdf" in status.stdout


@pytest.mark.parametrize(
    "args", [["run", "--bogus"], ["explode"], [], ["--corpus", "/no/such/dir", "run"]]
)
def test_usage_errors_exit_2(args):
    result = cli(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr or "error:" in result.stderr


def test_unreadable_catalogue_exits_2_and_writes_nothing(dirs):
    corpus, index = dirs
    (Path(corpus) / "catalogue.yaml").write_text("documents: [oops\n")
    result = cli("--corpus", corpus, "--index", index, "run")
    assert result.returncode == 2 and "not valid YAML" in result.stderr


def test_other_embedder_exits_2_with_advice(dirs):
    corpus, index = dirs
    assert cli("--corpus", corpus, "--index", index, "run").returncode == 0
    result = cli(
        "--corpus", corpus, "--index", index, "run", env={"PESKB_EMBEDDER__FAKE_DIM": "128"}
    )
    assert result.returncode == 2
    assert "built with embedder 'fake:deterministic-384'" in result.stderr
    full = cli(
        "--corpus",
        corpus,
        "--index",
        index,
        "run",
        "--full",
        env={"PESKB_EMBEDDER__FAKE_DIM": "128"},
    )
    assert full.returncode == 0 and "3 added" in full.stdout


def test_dry_run_and_check(dirs):
    corpus, index = dirs
    dry = cli("--corpus", corpus, "--index", index, "run", "--dry-run", "--json")
    assert json.loads(dry.stdout)["summary"]["added"] == 3
    assert json.loads(cli("--index", index, "status", "--json").stdout)["chunks"] == 0
    (Path(corpus) / "catalogue.yaml").write_text(
        "documents:\n  at/youth.pdf: {country: Austria}\n  gone.pdf: {}\n"
    )
    check = cli("--corpus", corpus, "check")
    assert check.returncode == 1
    assert "documents['at/youth.pdf'].country: 'Austria' is not an ISO" in check.stdout
    assert "gone.pdf: catalogue entry names no file" in check.stdout


def test_help_has_examples():
    result = cli("--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout and "python -m ingest run --dry-run" in result.stdout


def test_killed_runs_are_repaired(tmp_path):
    """SIGKILL the CLI at random moments; the next run always ends like a clean build."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        f.make_markdown(
            corpus / f"doc{i:02d}.md",
            [
                ("title", f"Practice {i}"),
                (
                    "para",
                    " ".join(
                        f"Counsellors in region {i} met jobseeker group {j}." for j in range(40)
                    ),
                ),
            ],
        )
    clean = make_settings(tmp_path / "clean")
    clean_kb = build_knowledge_base(clean)
    from ingest.pipeline import run_ingest

    run_ingest(clean_kb, corpus)
    expected = clean_kb.snapshot().store.fingerprint()
    index = tmp_path / "index"
    rng = random.Random(7)
    env = {
        **os.environ,
        "PESKB_PROFILE": "test",
        "PESKB_EMBEDDER__PROVIDER": "fake",
        "PESKB_CHUNKING__CHUNK_TOKENS": "60",
        "PESKB_EMBEDDER__BATCH_SIZE": "4",
        **store_env(index),
    }
    for trial in range(3):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ingest",
                "--corpus",
                str(corpus),
                "--index",
                str(index),
                "run",
                *(["--full"] if trial == 0 else []),
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(1.5, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        (corpus / f"doc{trial:02d}.md").touch()
    env_clean = {k: v for k, v in env.items() if not k.startswith("PESKB_CHUNKING")}
    final = subprocess.run(
        [
            sys.executable,
            "-m",
            "ingest",
            "--corpus",
            str(corpus),
            "--index",
            str(index),
            "run",
            "--json",
        ],
        cwd=PROJECT_ROOT,
        env=env_clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert final.returncode == 0, final.stderr
    assert build_knowledge_base(make_settings(tmp_path)).snapshot().store.fingerprint() == expected
