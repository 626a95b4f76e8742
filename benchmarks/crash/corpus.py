"""The corpus states: A (sample corpus plus generated PDFs), B per trial, curation specs."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sys
from pathlib import Path
from typing import Any

from crash.config import COUNTRIES, LANGS, REPO_ROOT, TOPICS

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
