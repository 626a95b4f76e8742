"""Checks of the sample corpus: every evaluation excerpt appears in its document's
extracted text, and the catalogue matches the files and the vocabulary.

Run through ``python corpus/make_samples.py --check-eval | --check-catalogue | --check``.
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from sample_texts import DOCS  # noqa: E402

from ingest.catalogue import FIELDS as CATALOGUE_FIELDS  # noqa: E402
from kb.core.vocabulary import DEFAULT_VOCABULARY as VOCAB  # noqa: E402

CORPUS_DIR = Path(__file__).resolve().parent
SAMPLES_DIR = CORPUS_DIR / "samples"
EVAL_FILE = CORPUS_DIR / "eval" / "questions.jsonl"
CATALOGUE_FILE = CORPUS_DIR / "catalogue.yaml"
EXT = {"pdf": ".pdf", "md": ".md", "html": ".html", "docx": ".docx"}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


class _TextHTML(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_data(self, data):
        self.chunks.append(data)


def extract_units(path: Path) -> list[str]:
    """Return the document text as a list of units (pages for PDFs, whole text otherwise)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from pypdf import PdfReader

        return [p.extract_text() or "" for p in PdfReader(str(path)).pages]
    if suffix == ".md":
        return [path.read_text(encoding="utf-8")]
    if suffix == ".html":
        parser = _TextHTML()
        parser.feed(path.read_text(encoding="utf-8"))
        return ["\n".join(parser.chunks)]
    if suffix == ".docx":
        import docx

        return ["\n".join(p.text for p in docx.Document(str(path)).paragraphs)]
    raise ValueError(f"unsupported file type: {path}")


def _doc_index() -> dict[str, dict]:
    return {"samples/" + d["id"]: d for d in DOCS}


def check_eval() -> int:
    docs = _doc_index()
    failures: list[str] = []
    unit_cache: dict[str, list[str]] = {}
    n = n_cross = n_unans = n_passages = 0
    seen_ids = set()
    with EVAL_FILE.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            n += 1
            try:
                q = json.loads(line)
            except json.JSONDecodeError as exc:
                failures.append(f"line {lineno}: invalid JSON ({exc})")
                continue
            qid = q.get("id", f"line{lineno}")
            for key in (
                "id",
                "question",
                "question_language",
                "answerable",
                "supporting_passages",
                "cross_lingual",
            ):
                if key not in q:
                    failures.append(f"{qid}: missing key {key}")
            if qid in seen_ids:
                failures.append(f"{qid}: duplicate id")
            seen_ids.add(qid)
            passages = q.get("supporting_passages", [])
            if not q.get("answerable"):
                n_unans += 1
                if passages:
                    failures.append(f"{qid}: unanswerable question has passages")
                if q.get("cross_lingual"):
                    failures.append(f"{qid}: unanswerable question flagged cross_lingual")
                continue
            if not passages:
                failures.append(f"{qid}: answerable question without passages")
            langs = set()
            for sp in passages:
                n_passages += 1
                doc_id, text = sp.get("doc_id", ""), sp.get("text", "")
                doc = docs.get(doc_id)
                if doc is None:
                    failures.append(f"{qid}: unknown doc_id {doc_id!r}")
                    continue
                langs.add(doc["lang"])
                words = len(text.split())
                if not 8 <= words <= 30:
                    failures.append(f"{qid}: excerpt has {words} words (want 8-30)")
                needle = norm(text)
                # must lie within a single paragraph of the source text
                if not any(needle in norm(p) for _, ps in doc["sections"] for p in ps):
                    failures.append(
                        f"{qid}: excerpt not within one body paragraph of {doc_id}: {text!r}"
                    )
                path = SAMPLES_DIR / (doc["id"] + EXT[doc["fmt"]])
                if doc_id not in unit_cache:
                    unit_cache[doc_id] = [norm(u) for u in extract_units(path)]
                units = unit_cache[doc_id]
                if not any(needle in u for u in units):
                    where = (
                        "straddles a page break or is missing"
                        if needle in " ".join(units)
                        else "not found"
                    )
                    failures.append(
                        f"{qid}: excerpt {where} in extracted text of {path.name}: {text!r}"
                    )
            expected_cross = any(lang != q.get("question_language") for lang in langs)
            if bool(q.get("cross_lingual")) != expected_cross:
                failures.append(
                    f"{qid}: cross_lingual={q.get('cross_lingual')} but question "
                    f"language {q.get('question_language')} vs document language(s) {sorted(langs)}"
                )
            if q.get("cross_lingual"):
                n_cross += 1
    print(
        f"questions: {n}  answerable: {n - n_unans}  unanswerable: {n_unans}  "
        f"cross-lingual: {n_cross}  passages: {n_passages}"
    )
    for f in failures:
        print("FAIL", f)
    print("check-eval:", "OK" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


def check_catalogue() -> int:
    import yaml

    failures = []
    data = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    entries = data.get("documents", {})
    docs = _doc_index()
    for key, meta in entries.items():
        if not (CORPUS_DIR / key).is_file():
            failures.append(f"{key}: file does not exist")
        stem = key.rsplit(".", 1)[0]
        doc = docs.get(stem)
        if doc and meta.get("language") != doc["lang"]:
            failures.append(
                f"{key}: language {meta.get('language')} != text language {doc['lang']}"
            )
        for field in CATALOGUE_FIELDS:  # a missing title is listed below, not a failure
            if field != "title" and field not in meta:
                failures.append(f"{key}: missing {field}")
        for t in meta.get("topics", []):
            if t not in VOCAB["topics"]:
                failures.append(f"{key}: topic {t!r} not in vocabulary")
        for t in meta.get("target_groups", []):
            if t not in VOCAB["target_groups"]:
                failures.append(f"{key}: target group {t!r} not in vocabulary")
        if meta.get("practice_type") not in VOCAB["practice_type"]:
            failures.append(f"{key}: practice_type {meta.get('practice_type')!r} not in vocabulary")
    on_disk = {f"samples/{p.name}" for p in SAMPLES_DIR.iterdir() if p.is_file()}
    missing = sorted(on_disk - set(entries))
    no_title = sorted(k for k, m in entries.items() if "title" not in m)
    print(
        f"catalogue entries: {len(entries)}  files not catalogued: {missing}  entries without title: {no_title}"
    )
    for f in failures:
        print("FAIL", f)
    print("check-catalogue:", "OK" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0
