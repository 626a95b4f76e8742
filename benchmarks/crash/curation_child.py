"""Child mode ``--curation-child``: one curation action, to be killed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from crash.config import _project_path

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
