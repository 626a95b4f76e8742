"""The mutation tables and one deterministic case per (seed, number)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from fuzz.config import BYTE_SHARE, PDF_SHARE
from fuzz.mutate_bytes import BYTE_MUTATIONS, Mutation
from fuzz.mutate_docx import (
    m_docx_drop_content_types,
    m_docx_drop_member,
    m_docx_invalid_utf8,
    m_docx_member_corrupt,
    m_docx_nested_huge,
    m_docx_rels_broken,
    m_docx_wrong_compression,
    m_docx_xml_broken,
    m_docx_xml_huge,
    m_docx_xml_truncated,
    m_docx_zip_fields,
)
from fuzz.mutate_pdf import (
    m_pdf_content_ops,
    m_pdf_eof,
    m_pdf_filter,
    m_pdf_flate_bomb,
    m_pdf_length,
    m_pdf_objnum,
    m_pdf_page_count,
    m_pdf_startxref,
    m_pdf_stream_markers,
    m_pdf_xref_offsets,
)
from fuzz.seeds import SeedPool

# kind -> (mutation, weight); expensive kinds have lower weights.
PDF_MUTATIONS: dict[str, tuple[Mutation, float]] = {
    "pdf_xref_offsets": (m_pdf_xref_offsets, 1.0),
    "pdf_startxref": (m_pdf_startxref, 1.0),
    "pdf_length": (m_pdf_length, 1.0),
    "pdf_objnum": (m_pdf_objnum, 1.0),
    "pdf_stream_markers": (m_pdf_stream_markers, 1.0),
    "pdf_filter": (m_pdf_filter, 1.0),
    "pdf_page_count": (m_pdf_page_count, 1.0),
    "pdf_eof": (m_pdf_eof, 0.7),
    "pdf_content_ops": (m_pdf_content_ops, 1.3),
    "pdf_flate_bomb": (m_pdf_flate_bomb, 0.3),
}
DOCX_MUTATIONS: dict[str, tuple[Mutation, float]] = {
    "docx_xml_broken": (m_docx_xml_broken, 1.3),
    "docx_xml_truncated": (m_docx_xml_truncated, 1.0),
    "docx_xml_huge": (m_docx_xml_huge, 0.5),
    "docx_invalid_utf8": (m_docx_invalid_utf8, 1.0),
    "docx_member_corrupt": (m_docx_member_corrupt, 1.3),
    "docx_drop_content_types": (m_docx_drop_content_types, 0.5),
    "docx_drop_member": (m_docx_drop_member, 1.0),
    "docx_wrong_compression": (m_docx_wrong_compression, 1.0),
    "docx_zip_fields": (m_docx_zip_fields, 1.0),
    "docx_rels_broken": (m_docx_rels_broken, 1.0),
    "docx_nested_huge": (m_docx_nested_huge, 0.4),
}


@dataclass
class Case:
    case: str  # "c0042", or "r02-007" for a replacement made before batch 2
    path: str  # relative to the corpus folder
    seed_file: str
    family: str  # bytes | pdf | docx
    kind: str
    params: dict[str, Any]
    size: int
    batch: int  # the run that first saw it
    replaces: str | None = None
    superseded_in: int | None = None  # batch whose run first saw its replacement
    deleted_in: int | None = None


def generate_case(
    number: int, seed: int, pool: SeedPool, ext: str | None = None
) -> tuple[bytes, dict[str, Any]]:
    """One mutated file: deterministic for (seed, number). Returns bytes and the description."""
    rng = random.Random(f"fuzz-ingest:{seed}:{number}")
    if ext is None:
        ext = "pdf" if rng.random() < PDF_SHARE else "docx"
    seed_file = rng.choice(pool.pdf if ext == "pdf" else pool.docx)
    family = "bytes" if rng.random() < BYTE_SHARE else ext
    table = {"bytes": BYTE_MUTATIONS, "pdf": PDF_MUTATIONS, "docx": DOCX_MUTATIONS}[family]
    kinds = sorted(table)
    kind = rng.choices(kinds, weights=[table[k][1] for k in kinds])[0]
    data, params = table[kind][0](rng, pool.files[seed_file], pool)
    return data, {
        "seed_file": seed_file,
        "family": family,
        "kind": kind,
        "params": params,
        "ext": ext,
    }
