#!/usr/bin/env python
"""Fuzz the ingestion with mutated PDF and DOCX files, through the real ingestion CLI.

    python benchmarks/fuzz_ingest.py [--cases 1000] [--seed 0] [--batch 250] [--workdir DIR]
                                     [--embedder fake|e5] [--json]

Six valid seed documents (4 PDFs, 2 DOCX, made with ``tests/factories.py``) are
mutated into ``--cases`` broken variants (byte-level mutations for both formats,
structure-aware ones for PDF objects/xref/streams and for the DOCX ZIP package),
written to ``WORK/corpus/fuzz/bNN/``, and ingested batch by batch into ONE index
with ``python -m ingest --corpus WORK/corpus --index WORK/index run --json``, so
every run after the first is incremental (it adds a batch, and by default also
replaces a few earlier files and deletes a few, see ``--churn``). At the end the
final corpus folder is rebuilt from scratch (``run --full``) into a second index.

What it measures and reports:

* crashes of the ingestion run: the CLI process exiting with a code other than 0
  or 1, dying from a signal, printing a Python traceback, printing no JSON report,
  hanging (no progress for a long time: the process group is killed), or leaving
  processes behind after it exited. Target: 0.
* per-file errors: the CLI reports one reason per failed file; reasons are counted
  with numbers and quoted bytes masked (top 15), grouped into categories, and broken
  down by mutation kind (every case's kind is in ``WORK/manifest.json``). Files whose
  outcome changes from one run to the next (flaky) are listed.
* time and memory bounds: extraction runs in sandboxed workers with a per-file
  timeout (``ingest.extract_timeout_s``) and an address-space limit
  (``ingest.extract_memory_mb``). Per-file extraction time is measured by running
  the CLI's own ``main()`` under a thin wrapper that timestamps the extraction
  futures (``--plain-cli`` runs ``python -m ingest`` itself, without per-file times).
  The CLI's process tree (main process, forkserver, workers) is sampled from /proc
  every 0.2 s (psutil is used to list the tree when it is installed). Bounds hold
  when no extraction took longer than the timeout plus slack, no worker's peak RSS
  exceeded the memory limit, the workers really ran under that limit, and the tree's
  peak stayed under workers x limit + the other processes' own peaks.
* index integrity after the last run: every document listed as complete has exactly
  its recorded chunk count, no chunk belongs to an unknown or incomplete document,
  and the index equals the clean build, compared as chunk id -> (text_hash,
  embed_hash). Documents whose newest file failed but whose previous version stays
  indexed (documented behaviour) are counted separately, not as differences.

The exit code is 1 when a crash, a hang, a broken bound or an integrity problem was
found, else 0. See ``benchmarks/README.md`` for figures from a full run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Only the standard library is imported at module level: the project (``ingest``,
# ``kb``) is imported in subprocesses, from the source tree given by ``--source``.

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve()
MB = 1024 * 1024
SAMPLE_S = 0.2  # /proc sampling interval
SLACK_S = 10.0  # a timed-out extraction is stopped within this margin of the timeout
PDF_SHARE = 0.55  # share of cases mutated from a PDF seed (the rest from a DOCX seed)
BYTE_SHARE = 0.4  # share of cases with a byte-level mutation (the rest structure-aware)
_ZIP_TIME = (3 << 11) | (4 << 5) | 3  # 03:04:06
_ZIP_DATE = ((2024 - 1980) << 9) | (1 << 5) | 2  # 2024-01-02

Block = tuple[str, str]

# --- seed documents ------------------------------------------------------------
# Illustrative text written for this benchmark: the programmes, places and figures
# are invented. One list of blocks per page for PDFs (make_pdf), a flat list for DOCX.

SEED_PDFS: dict[str, list[list[Block]]] = {
    "skills_bridge_en": [
        [
            ("title", "Skills Bridge: short courses for jobseekers in Harrow Vale"),
            ("heading", "1. Why the pilot was set up"),
            (
                "para",
                "Harrow Vale is a fictional district used to illustrate how a public "
                "employment service might test a new service. In this example, local offices "
                "saw that many jobseekers who had been out of work for more than a year lacked "
                "recent certificates, even when they had years of practical experience.",
            ),
            (
                "para",
                "The pilot offered short, modular courses of two to six weeks, each ending with "
                "a recognised certificate. Counsellors could book a place directly from the "
                "first interview, without a separate approval step.",
            ),
            ("heading", "2. Who took part"),
            (
                "para",
                "Participation was voluntary. The example assumes that about four hundred people "
                "enrolled in the first year, most of them aged over thirty-five, and that one in "
                "three had previously worked in warehouses, transport or retail.",
            ),
        ],
        [
            ("heading", "3. How the courses were organised"),
            (
                "para",
                "Courses were run by three training providers under a framework contract. Each "
                "provider reported attendance weekly, and counsellors received an alert when a "
                "participant missed two sessions in a row, so that they could call before the "
                "person dropped out.",
            ),
            (
                "para",
                "Employers in logistics and care were invited to the final session of every "
                "course. They described open positions, and participants could ask for a short "
                "trial placement on the spot.",
            ),
            ("heading", "4. Illustrative results"),
            (
                "para",
                "All figures in this document are invented. Six months after finishing a course, "
                "slightly more than half of the participants were in paid work, compared with "
                "about a third in a matched group that had not taken part. The difference was "
                "largest for people over fifty.",
            ),
        ],
        [
            ("heading", "5. Lessons for other offices"),
            (
                "para",
                "Direct booking from the first interview removed weeks of waiting. Weekly "
                "attendance data let counsellors act early. Involving employers at the end of "
                "the course made the certificate visible to the people who hire.",
            ),
            (
                "para",
                "The main risk observed in the example was course capacity: when demand rose in "
                "the second half of the year, waiting lists grew again, and some of the early "
                "advantage was lost.",
            ),
        ],
    ],
    "employer_desk_en": [
        [
            ("title", "Employer Desk: one contact point for local firms"),
            ("heading", "Summary"),
            (
                "para",
                "This illustrative case describes a fictional employer service in the town of "
                "Kestrel Bay. Instead of several teams calling the same firms, one small desk "
                "handled all contacts with employers and passed vacancies to counsellors within "
                "a day.",
            ),
            ("heading", "Background"),
            (
                "para",
                "Before the change, firms complained that they received calls from different "
                "offices about the same vacancy, and that candidates were sent without checking "
                "the job requirements. Small firms in particular stopped reporting vacancies.",
            ),
        ],
        [
            ("heading", "What the desk did"),
            (
                "para",
                "Two advisers visited firms, recorded the skills each job really needed, and "
                "agreed a date by which the firm would receive a short list of candidates. "
                "Counsellors then checked their caseload for matching people and prepared them "
                "for the interview.",
            ),
            ("heading", "Outcome (invented figures)"),
            (
                "para",
                "In this example the number of vacancies reported by small firms doubled within "
                "a year, and the average time to fill a reported vacancy fell from nine to five "
                "weeks.",
            ),
        ],
    ],
    "parcours_avenir_fr": [
        [
            ("title", "Parcours Avenir : un accompagnement renforcé pour les jeunes"),
            ("heading", "Contexte"),
            (
                "para",
                "Parcours Avenir est un programme fictif, décrit ici pour illustrer un "
                "accompagnement intensif des jeunes de seize à vingt-cinq ans sans emploi ni "
                "formation. Chaque conseiller suit au plus trente jeunes, contre plus de cent "
                "dans l'organisation habituelle.",
            ),
            ("heading", "Déroulement"),
            (
                "para",
                "Le parcours dure six mois. Il commence par un bilan de compétences, se poursuit "
                "par des ateliers collectifs sur la recherche d'emploi et se termine par un stage "
                "en entreprise. Une allocation mensuelle est versée tant que le jeune participe "
                "aux activités prévues.",
            ),
        ],
        [
            ("heading", "Résultats illustratifs"),
            (
                "para",
                "Les chiffres suivants sont inventés. Après un an, six jeunes sur dix ont trouvé "
                "un emploi ou commencé une formation qualifiante. Les jeunes qui avaient quitté "
                "l'école sans diplôme ont le plus progressé.",
            ),
            ("heading", "Enseignements"),
            (
                "para",
                "Un suivi rapproché et une relation de confiance avec un conseiller unique "
                "comptent davantage que le nombre d'ateliers proposés.",
            ),
        ],
    ],
    "brueckenjob_de": [
        [
            ("title", "Brückenjob: Beschäftigung für ältere Arbeitsuchende"),
            ("heading", "Ausgangslage"),
            (
                "para",
                "Brückenjob ist ein erfundenes Programm, das hier als Beispiel dient. Es richtet "
                "sich an Arbeitsuchende ab fünfundfünfzig Jahren, die seit mehr als einem Jahr "
                "ohne Beschäftigung sind und deren Berufserfahrung bei Arbeitgebern oft "
                "unterschätzt wird.",
            ),
            ("heading", "Ablauf"),
            (
                "para",
                "Arbeitgeber erhalten für die ersten sechs Monate einen Lohnzuschuss, wenn sie "
                "eine ältere Person unbefristet einstellen. Die Beraterin oder der Berater bleibt "
                "in dieser Zeit Ansprechperson für beide Seiten und führt nach drei Monaten ein "
                "Gespräch im Betrieb.",
            ),
        ],
        [
            ("heading", "Beispielhafte Ergebnisse"),
            (
                "para",
                "Alle Zahlen sind erfunden. Nach Ende der Förderung waren zwei Drittel der "
                "geförderten Personen weiterhin im selben Betrieb beschäftigt. Besonders "
                "erfolgreich war das Programm in kleinen Handwerksbetrieben.",
            ),
            ("heading", "Erkenntnisse"),
            (
                "para",
                "Das Gespräch im Betrieb nach drei Monaten half, Missverständnisse früh zu "
                "klären, bevor ein Arbeitsverhältnis scheiterte.",
            ),
        ],
    ],
}

SEED_DOCX: dict[str, list[Block]] = {
    "workshop_toolkit_en": [
        ("title", "Toolkit: running a group workshop on job applications"),
        ("heading1", "Purpose"),
        (
            "para",
            "This toolkit belongs to a fictional employment office and is meant as an example. "
            "It helps counsellors run a half-day workshop in which eight to twelve jobseekers "
            "improve their applications together.",
        ),
        ("heading2", "Preparation"),
        (
            "para",
            "Invite participants two weeks ahead and ask each person to bring one vacancy they "
            "would like to apply for. Book a room with a projector and enough laptops.",
        ),
        (
            "para",
            "Prepare three anonymised example letters: one too long, one too generic and one "
            "that matches the vacancy well.",
        ),
        ("heading2", "During the workshop"),
        (
            "para",
            "Start with the examples and let the group say what works. Then participants draft "
            "their own letter in pairs and give each other feedback using a short checklist.",
        ),
        ("heading1", "After the workshop"),
        (
            "para",
            "Within a week, the counsellor reviews every letter that was sent and records the "
            "replies. In the invented pilot data, replies from employers rose by a quarter.",
        ),
    ],
    "orientacion_es": [
        ("title", "Guía: orientación profesional a distancia (programa ficticio)"),
        ("heading1", "Objetivo"),
        (
            "para",
            "Esta guía describe un servicio imaginario de orientación por videollamada para "
            "personas que viven lejos de una oficina de empleo. Los datos que aparecen son "
            "ilustrativos.",
        ),
        ("heading1", "Cómo funciona"),
        ("heading2", "Primera sesión"),
        (
            "para",
            "La persona orientadora revisa la trayectoria laboral, acuerda dos objetivos "
            "concretos y envía después un resumen por escrito.",
        ),
        ("heading2", "Seguimiento"),
        (
            "para",
            "Cada dos semanas hay una sesión breve de treinta minutos. Si la persona no se "
            "conecta, la oficina llama por teléfono el mismo día.",
        ),
        ("heading1", "Resultados ilustrativos"),
        (
            "para",
            "En el ejemplo, la mitad de los participantes encontró empleo o formación en seis "
            "meses, y las sesiones perdidas bajaron de forma notable.",
        ),
    ],
}

FILLER_WORDS = (
    "counsellor jobseeker vacancy employer training placement interview certificate "
    "programme office caseload workshop allowance district follow-up"
).split()


@dataclass
class SeedPool:
    """The valid seed files, plus what some mutations need to know about the workdir."""

    files: dict[str, bytes]
    pdf: list[str]
    docx: list[str]
    xxe_path: str  # a local file an XML external entity points to
    marker: str  # its content: must never appear in the index


def make_seed_pool(source: Path, work: Path, seed: int) -> SeedPool:
    """Write the seed documents with ``tests/factories.py`` and load their bytes."""
    if str(source) not in sys.path:
        sys.path.insert(0, str(source))
    from tests.factories import make_docx, make_pdf

    out = work / "seeds"
    files: dict[str, bytes] = {}
    for name, pages in SEED_PDFS.items():
        files[f"{name}.pdf"] = make_pdf(
            out / f"{name}.pdf", pages, title=pages[0][0][1]
        ).read_bytes()
    for name, blocks in SEED_DOCX.items():
        files[f"{name}.docx"] = make_docx(
            out / f"{name}.docx", blocks, title=blocks[0][1]
        ).read_bytes()
    marker = f"FUZZ-XXE-MARKER-{random.Random(seed).getrandbits(64):016x}"
    xxe = work / "xxe-secret.txt"
    xxe.write_text(marker + "\n", encoding="ascii")
    return SeedPool(
        files=files,
        pdf=sorted(n for n in files if n.endswith(".pdf")),
        docx=sorted(n for n in files if n.endswith(".docx")),
        xxe_path=str(xxe),
        marker=marker,
    )


# --- ZIP and deflate helpers -----------------------------------------------------


def _deflate_raw(data: bytes, level: int = 6) -> bytes:
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush()


def deflate_repeated(
    head: bytes, unit: bytes, total: int, tail: bytes, *, zlib_wrapper: bool = False
) -> tuple[bytes, int, int]:
    """Deflate ``head + unit * k + tail`` (about ``total`` bytes) fast.

    Each part is compressed on its own and ends with a full flush, which resets the
    compressor, so the compressed 1 MiB block can simply be repeated. Returns the
    compressed data (raw deflate, or zlib-wrapped), the CRC-32 and the inflated size.
    """
    chunk = unit * max(1, (1 << 20) // len(unit))
    count = max(1, total // len(chunk))

    def part(data: bytes, mode: int) -> bytes:
        comp = zlib.compressobj(9, zlib.DEFLATED, -15)
        return comp.compress(data) + comp.flush(mode)

    body = part(head, zlib.Z_FULL_FLUSH) + part(chunk, zlib.Z_FULL_FLUSH) * count
    body += part(tail, zlib.Z_FINISH)
    crc = zlib.crc32(head)
    adler = zlib.adler32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
        if zlib_wrapper:
            adler = zlib.adler32(chunk, adler)
    crc = zlib.crc32(tail, crc)
    size = len(head) + count * len(chunk) + len(tail)
    if zlib_wrapper:
        body = b"\x78\xda" + body + struct.pack(">I", zlib.adler32(tail, adler))
    return body, crc, size


@dataclass
class ZipMember:
    name: str
    data: bytes = b""  # uncompressed content (unused when ``raw`` is given)
    method: int = zipfile.ZIP_DEFLATED  # how the stored bytes are really compressed
    local_method: int | None = None  # method written in the local header (default: method)
    central_method: int | None = None  # method written in the central directory
    raw: bytes | None = None  # precomputed compressed bytes
    crc: int | None = None
    size: int | None = None  # inflated size, with ``raw``
    crc_delta: int = 0  # added to the recorded CRC (a wrong checksum)
    size_delta: int = 0  # added to the recorded inflated size


def build_zip(members: list[ZipMember]) -> bytes:
    """A ZIP file written field by field, so that any field can be made wrong on purpose."""
    out = bytearray()
    central = bytearray()
    for m in members:
        if m.raw is not None:
            comp, crc, size = m.raw, m.crc or 0, m.size or 0
        else:
            comp = m.data if m.method == zipfile.ZIP_STORED else _deflate_raw(m.data)
            crc, size = zlib.crc32(m.data), len(m.data)
        crc = (crc + m.crc_delta) & 0xFFFFFFFF
        size = max(0, size + m.size_delta) & 0xFFFFFFFF
        name = m.name.encode("utf-8")
        local = m.method if m.local_method is None else m.local_method
        central_m = m.method if m.central_method is None else m.central_method
        offset = len(out)
        out += struct.pack(
            "<4s2B4HL2L2H",
            b"PK\x03\x04",
            20,
            0,
            0,
            local,
            _ZIP_TIME,
            _ZIP_DATE,
            crc,
            len(comp),
            size,
            len(name),
            0,
        )
        out += name + comp
        central += struct.pack(
            "<4s4B4HL2L5H2L",
            b"PK\x01\x02",
            20,
            3,
            20,
            0,
            0,
            central_m,
            _ZIP_TIME,
            _ZIP_DATE,
            crc,
            len(comp),
            size,
            len(name),
            0,
            0,
            0,
            0,
            0o644 << 16,
            offset,
        )
        central += name
    cd_offset = len(out)
    out += central
    out += struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), cd_offset, 0
    )
    return bytes(out)


def zip_members(data: bytes) -> list[ZipMember]:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [ZipMember(info.filename, zf.read(info)) for info in zf.infolist()]


def _member(members: list[ZipMember], name: str) -> ZipMember:
    return next(m for m in members if m.name == name)


# --- mutations ---------------------------------------------------------------------
# A mutation is ``(rng, seed bytes, pool) -> (mutated bytes, params)``; params say what
# exactly was done (kept in the manifest). Each case has one mutation.

Mutation = Callable[[random.Random, bytes, SeedPool], tuple[bytes, dict[str, Any]]]


def _span(rng: random.Random, size: int, lengths: tuple[int, ...]) -> tuple[int, int]:
    length = min(rng.choice(lengths), size)
    start = rng.randrange(max(1, size - length + 1))
    return start, length


def m_bitflip(rng: random.Random, data: bytes, pool: SeedPool) -> tuple[bytes, dict[str, Any]]:
    buf = bytearray(data)
    flips = rng.choice((1, 1, 2, 3, 8, 32, 128))
    for _ in range(flips):
        buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf), {"flips": flips}


def m_overwrite(rng: random.Random, data: bytes, pool: SeedPool) -> tuple[bytes, dict[str, Any]]:
    buf = bytearray(data)
    if rng.random() < 0.5:
        count = rng.choice((1, 4, 16, 64))
        for _ in range(count):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf), {"variant": "scattered", "bytes": count}
    start, length = _span(rng, len(buf), (2, 8, 64, 512))
    buf[start : start + length] = rng.randbytes(length)
    return bytes(buf), {"variant": "run", "at": start, "bytes": length}


def m_truncate(rng: random.Random, data: bytes, pool: SeedPool) -> tuple[bytes, dict[str, Any]]:
    where = rng.choice(("anywhere", "anywhere", "near_end", "near_start"))
    if where == "near_end":
        cut = len(data) - rng.randint(1, min(64, len(data) - 1))
    elif where == "near_start":
        cut = rng.randint(0, 64)
    else:
        cut = rng.randrange(len(data))
    return data[:cut], {"at": cut, "of": len(data)}


def m_delete_range(rng: random.Random, data: bytes, pool: SeedPool) -> tuple[bytes, dict[str, Any]]:
    start, length = _span(rng, len(data), (1, 16, 256, 4096, max(1, len(data) // 4)))
    return data[:start] + data[start + length :], {"at": start, "bytes": length}


def m_duplicate_range(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    start, length = _span(rng, len(data), (4, 64, 1024, 8192))
    times = rng.choice((1, 1, 2, 10, 100))
    at = rng.randrange(len(data) + 1)
    piece = data[start : start + length] * times
    return data[:at] + piece + data[at:], {"from": start, "bytes": length, "times": times, "to": at}


def m_insert_random(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.3:
        tokens = (
            b"obj",
            b"endobj",
            b"<<",
            b">>",
            b"(",
            b")",
            b"[",
            b"]",
            b"R",
            b"stream",
            b"<w:p>",
            b"</w:p>",
            b"PK\x03\x04",
            b"%%EOF",
            b"\x00",
        )
        piece = b" ".join(rng.choice(tokens) for _ in range(rng.choice((1, 4, 64))))
        return data[:at] + piece + data[at:], {"variant": "tokens", "at": at, "bytes": len(piece)}
    length = rng.choice((1, 16, 512, 8192))
    return data[:at] + rng.randbytes(length) + data[at:], {
        "variant": "random",
        "at": at,
        "bytes": length,
    }


def m_splice(rng: random.Random, data: bytes, pool: SeedPool) -> tuple[bytes, dict[str, Any]]:
    donor_name = rng.choice(sorted(pool.files))
    donor = pool.files[donor_name]
    cut, join = rng.randrange(len(data)), rng.randrange(len(donor))
    return data[:cut] + donor[join:], {"donor": donor_name, "cut": cut, "join": join}


def m_zero_range(rng: random.Random, data: bytes, pool: SeedPool) -> tuple[bytes, dict[str, Any]]:
    start, length = _span(rng, len(data), (1, 32, 512, 8192))
    return data[:start] + bytes(length) + data[start + length :], {"at": start, "bytes": length}


# PDF: the seeds are fpdf2 output (classic xref table, FlateDecode content streams).
# Mutations that do not target the xref rebuild it afterwards, so the fault they plant
# is the only one in the file.

_OBJ_HEAD = re.compile(rb"(?m)^(\d+) (\d+) obj\b")
_REF = re.compile(rb"(\d+) (\d+) R\b")


def pdf_fix_xref(pdf: bytes) -> bytes:
    """Rewrite the xref table and startxref for the objects where they now are."""
    at = pdf.rfind(b"\nxref\n")
    trailer = pdf.find(b"trailer", at + 1) if at >= 0 else -1
    if at < 0 or trailer < 0:
        return pdf
    at += 1
    offsets: dict[int, int] = {}
    for m in _OBJ_HEAD.finditer(pdf, 0, at):
        offsets.setdefault(int(m.group(1)), m.start())
    size = max(offsets, default=0) + 1
    free = b"0000000000 65535 f "
    rows = [b"xref", b"0 %d" % size, free]
    rows += [b"%010d 00000 n " % offsets[n] if n in offsets else free for n in range(1, size)]
    return _set_startxref(pdf[:at] + b"\n".join(rows) + b"\n" + pdf[trailer:], str(at).encode())


def _set_startxref(pdf: bytes, value: bytes) -> bytes:
    m = re.compile(rb"startxref\s+(-?\w+)").search(pdf, max(0, pdf.rfind(b"startxref")))
    return pdf if m is None else pdf[: m.start(1)] + value + pdf[m.end(1) :]


@dataclass
class PdfStream:
    length_span: tuple[int, int]  # where the /Length number is
    dict_start: int
    data_start: int
    data_end: int


def pdf_streams(pdf: bytes) -> list[PdfStream]:
    out = []
    for m in re.finditer(rb"/Length (\d+)", pdf):
        kw = pdf.find(b"stream", m.end())
        if kw < 0:
            continue
        start = kw + len(b"stream")
        start += 2 if pdf[start : start + 2] == b"\r\n" else 1
        end = start + int(m.group(1))
        if pdf[end : end + 12].strip().startswith(b"endstream"):
            out.append(PdfStream(m.span(1), pdf.rfind(b"<<", 0, m.start()), start, end))
    return out


def pdf_replace_stream(pdf: bytes, s: PdfStream, data: bytes) -> bytes:
    ls, le = s.length_span
    return pdf[:ls] + str(len(data)).encode() + pdf[le : s.data_start] + data + pdf[s.data_end :]


def m_pdf_xref_offsets(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    rows = list(re.finditer(rb"(\d{10}) (\d{5}) ([nf])", data))
    variant = rng.choice(
        ("shift_all", "random_some", "zero_some", "swap", "past_eof", "generation", "subsection")
    )
    buf = bytearray(data)

    def put(row: re.Match[bytes], offset: int) -> None:
        buf[row.start(1) : row.end(1)] = b"%010d" % max(0, min(offset, 9_999_999_999))

    used = [r for r in rows if r.group(3) == b"n"]
    picked = rng.sample(used, min(len(used), rng.randint(1, 3)))
    if variant == "shift_all":
        delta = rng.choice((-100, -7, -1, 1, 13, 100, 1000))
        for row in used:
            put(row, int(row.group(1)) + delta)
        return bytes(buf), {"variant": variant, "delta": delta}
    if variant == "random_some":
        for row in picked:
            put(row, rng.randrange(len(data)))
    elif variant == "zero_some":
        for row in picked:
            put(row, 0)
    elif variant == "past_eof":
        for row in picked:
            put(row, len(data) + rng.randint(1, 10_000))
    elif variant == "swap" and len(used) >= 2:
        a, b = rng.sample(used, 2)
        put(a, int(b.group(1)))
        put(b, int(a.group(1)))
    elif variant == "generation":
        for row in picked:
            buf[row.start(2) : row.end(3)] = rng.choice((b"65535 n", b"00001 n", b"00000 f"))
    else:  # the subsection header "0 N"
        m = re.search(rb"xref\s+(\d+) (\d+)", data)
        if m:
            new = rng.choice((b"1 %s" % m.group(2), b"0 5", b"0 9999", b"0 0"))
            return data[: m.start(1)] + new + data[m.end(2) :], {
                "variant": variant,
                "header": new.decode(),
            }
    return bytes(buf), {"variant": variant, "rows": len(picked)}


def m_pdf_startxref(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    m = re.search(rb"startxref\s+(\d+)", data)
    assert m is not None
    old = int(m.group(1))
    variant = rng.choice(("zero", "past_eof", "nearby", "object", "negative", "text", "drop"))
    objects = [o.start() for o in _OBJ_HEAD.finditer(data)]
    value = {
        "zero": b"0",
        "past_eof": str(len(data) + rng.randint(1, 99_999)).encode(),
        "nearby": str(max(0, old + rng.choice((-20, -3, -1, 1, 2, 9)))).encode(),
        "object": str(rng.choice(objects)).encode(),
        "negative": b"-1",
        "text": b"xref",
        "drop": b"",
    }[variant]
    if variant == "drop":
        return data[: m.start()] + data[m.end() :], {"variant": variant}
    return data[: m.start(1)] + value + data[m.end(1) :], {
        "variant": variant,
        "value": value.decode(),
    }


def m_pdf_length(rng: random.Random, data: bytes, pool: SeedPool) -> tuple[bytes, dict[str, Any]]:
    s = rng.choice(pdf_streams(data))
    old = int(data[s.length_span[0] : s.length_span[1]])
    new = rng.choice(
        (
            b"0",
            str(old - 1).encode(),
            str(old + 1).encode(),
            str(old // 2).encode(),
            str(old * 2).encode(),
            b"1000000",
            b"999999999999",
            b"-5",
            b"abc",
            b"99 0 R",
            b"1.5",
            b"2 0 R",
        )
    )
    out = data[: s.length_span[0]] + new + data[s.length_span[1] :]
    return pdf_fix_xref(out), {"old": old, "new": new.decode()}


def m_pdf_objnum(rng: random.Random, data: bytes, pool: SeedPool) -> tuple[bytes, dict[str, Any]]:
    heads = list(_OBJ_HEAD.finditer(data))
    numbers = [int(h.group(1)) for h in heads]
    variant = rng.choice(("rename_obj", "ref_missing", "ref_cycle", "ref_generation"))
    refs = list(_REF.finditer(data))
    if variant == "rename_obj":
        head = rng.choice(heads)
        new = rng.choice((rng.choice(numbers), max(numbers) + rng.randint(1, 50), 0))
        out = data[: head.start(1)] + str(new).encode() + data[head.end(1) :]
        fix = rng.random() < 0.5
        return (pdf_fix_xref(out) if fix else out), {
            "variant": variant,
            "old": int(head.group(1)),
            "new": new,
            "xref_fixed": fix,
        }
    ref = rng.choice(refs)
    if variant == "ref_generation":
        new_ref = b"%s %d R" % (ref.group(1), rng.choice((1, 5, 65535)))
        target = "generation"
    elif variant == "ref_missing":
        new_ref = b"%d 0 R" % rng.choice((max(numbers) + 17, 0, 99999))
        target = "missing"
    else:
        # Point the reference at the object that contains it, at the catalog or at the
        # page tree root: cycles and objects of the wrong type.
        owner = max((h for h in heads if h.start() < ref.start()), key=lambda h: h.start())
        root = re.search(rb"/Root (\d+) 0 R", data)
        target = rng.choice(("self", "catalog", "pages"))
        number = {
            "self": int(owner.group(1)),
            "catalog": int(root.group(1)) if root else 1,
            "pages": 1,
        }[target]
        new_ref = b"%d 0 R" % number
    out = data[: ref.start()] + new_ref + data[ref.end() :]
    return pdf_fix_xref(out), {
        "variant": variant,
        "old": ref.group().decode(),
        "new": new_ref.decode(),
        "target": target,
    }


def m_pdf_stream_markers(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    s = rng.choice(pdf_streams(data))
    variant = rng.choice(
        (
            "drop_endstream",
            "drop_stream_kw",
            "early_endstream",
            "misspell",
            "drop_endobj",
            "nested_stream",
        )
    )
    end_kw = data.find(b"endstream", s.data_end)
    stream_kw = data.rfind(b"stream", 0, s.data_start)
    if variant == "drop_endstream":
        out = data[:end_kw] + data[end_kw + len(b"endstream") :]
    elif variant == "drop_stream_kw":
        out = data[:stream_kw] + data[stream_kw + len(b"stream") :]
    elif variant == "early_endstream":
        at = rng.randrange(s.data_start, s.data_end)
        out = data[:at] + b"\nendstream\nendobj\n" + data[at:]
    elif variant == "misspell":
        out = data[:end_kw] + b"endstrem" + data[end_kw + len(b"endstream") :]
    elif variant == "drop_endobj":
        at = data.find(b"endobj", end_kw)
        out = data[:at] + data[at + len(b"endobj") :]
    else:
        at = rng.randrange(s.data_start, s.data_end)
        out = data[:at] + b"\nstream\n" + data[at:]
    fix = rng.random() < 0.5
    return (pdf_fix_xref(out) if fix else out), {"variant": variant, "xref_fixed": fix}


def m_pdf_filter(rng: random.Random, data: bytes, pool: SeedPool) -> tuple[bytes, dict[str, Any]]:
    s = rng.choice(pdf_streams(data))
    at = data.find(b"/Filter /FlateDecode", s.dict_start, s.data_start)
    new = rng.choice(
        (
            b"/Filter /LZWDecode",
            b"/Filter /ASCII85Decode",
            b"/Filter /ASCIIHexDecode",
            b"/Filter /RunLengthDecode",
            b"/Filter /DCTDecode",
            b"/Filter /JBIG2Decode",
            b"/Filter /CCITTFaxDecode",
            b"/Filter /JPXDecode",
            b"/Filter /Crypt",
            b"/Filter /NoSuchFilter",
            b"/Filter [/FlateDecode /FlateDecode]",
            b"/Filter [/ASCIIHexDecode /FlateDecode]",
            b"",
            b"/Filter /FlateDecode /DecodeParms << /Predictor 15 /Columns 99999 >>",
            b"/Filter /FlateDecode /DecodeParms << /Predictor 2 /Colors 0 >>",
            b"/Filter 12",
        )
    )
    out = data[:at] + new + data[at + len(b"/Filter /FlateDecode") :]
    return pdf_fix_xref(out), {"filter": new.decode() or "(removed)"}


def m_pdf_page_count(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    count = re.search(rb"/Count (\d+)", data)
    kids = re.search(rb"/Kids \[([^\]]*)\]", data)
    assert count is not None and kids is not None
    variant = rng.choice(
        ("count_huge", "count_huge", "count_zero", "count_negative", "kids_duplicated", "kids_self")
    )
    if variant.startswith("count"):
        new = {
            "count_huge": rng.choice((b"1000000", b"2147483647", b"1000000000000000")),
            "count_zero": b"0",
            "count_negative": b"-3",
        }[variant]
        out = data[: count.start(1)] + new + data[count.end(1) :]
        return pdf_fix_xref(out), {"variant": variant, "count": new.decode()}
    if variant == "kids_self":
        out = data[: kids.start(1)] + kids.group(1) + b" 1 0 R" + data[kids.end(1) :]
        return pdf_fix_xref(out), {"variant": variant}
    # The same page object listed many times: a page count inflated for real.
    first = _REF.search(kids.group(1))
    assert first is not None
    copies = rng.choice((10, 200, 2000, 20000))
    body = b" ".join([first.group()] * copies)
    out = data[: kids.start(1)] + body + data[kids.end(1) :]
    out = out[: out.find(b"/Count")] + re.sub(
        rb"^/Count \d+", b"/Count %d" % copies, out[out.find(b"/Count") :], count=1
    )
    return pdf_fix_xref(out), {"variant": variant, "copies": copies}


def m_pdf_eof(rng: random.Random, data: bytes, pool: SeedPool) -> tuple[bytes, dict[str, Any]]:
    variant = rng.choice(("drop_eof", "drop_tail", "garbage_after", "second_trailer", "misspell"))
    at = data.rfind(b"%%EOF")
    if variant == "drop_eof":
        out = data[:at] + data[at + 5 :]
    elif variant == "drop_tail":
        out = data[: data.rfind(b"startxref")]
    elif variant == "garbage_after":
        out = data + rng.randbytes(rng.choice((1, 64, 4096)))
    elif variant == "second_trailer":
        out = data + b"trailer\n<< /Size 3 /Root 99 0 R >>\nstartxref\n0\n%%EOF\n"
    else:
        out = data[:at] + b"%%EOX" + data[at + 5 :]
    return out, {"variant": variant}


def m_pdf_content_ops(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    """Inflate a page content stream, break its operators, deflate it again (valid zlib)."""
    s = rng.choice(pdf_streams(data))
    content = zlib.decompress(data[s.data_start : s.data_end])
    variant = rng.choice(
        (
            "garbage",
            "huge_font",
            "deep_q",
            "unbalanced_string",
            "deep_array",
            "huge_string",
            "degenerate_matrix",
            "repeated",
            "unknown_ops",
            "unclosed_bt",
            "inline_image",
        )
    )
    params: dict[str, Any] = {"variant": variant}
    if variant == "garbage":
        content, inner = m_overwrite(rng, content, pool)
        params["inner"] = inner
    elif variant == "huge_font":
        size = rng.choice((b"1e30", b"0", b"-1", b"99999999999999999999", b"nan"))
        content = re.sub(rb"(/F\d+) [\d.]+ Tf", rb"\1 " + size + rb" Tf", content)
        params["size"] = size.decode()
    elif variant == "deep_q":
        depth = rng.choice((1000, 50_000, 500_000))
        content = b"q " * depth + content
        params["depth"] = depth
    elif variant == "unbalanced_string":
        at = content.find(b")")
        content = content[:at] + content[at + 1 :]
    elif variant == "deep_array":
        depth = rng.choice((100, 10_000, 200_000))
        content = b"[" * depth + b" (x) " + content
        params["depth"] = depth
    elif variant == "huge_string":
        size = rng.choice((100_000, 1_000_000, 4_000_000))
        words = " ".join(rng.choice(FILLER_WORDS) for _ in range(size // 8)).encode()
        content += b"\nBT /F2 11 Tf 50 400 Td (" + words[:size] + b") Tj ET\n"
        params["bytes"] = size
    elif variant == "degenerate_matrix":
        content = b"0 0 0 0 0 0 cm\n" + re.sub(rb"[\d.]+ [\d.]+ Td", b"1e308 -1e308 Td", content)
    elif variant == "repeated":
        times = rng.choice((10, 100, 500))
        content = content * times
        params["times"] = times
    elif variant == "unknown_ops":
        ops = (b"Xyz", b"Tj", b"TJ", b"Tf", b"Do", b"BI", b"'", b'"', b"Tz", b"gs", b"sh")
        content += b"\n" + b" ".join(rng.choice(ops) for _ in range(200))
    elif variant == "unclosed_bt":
        content = content.replace(b"ET", b"", rng.choice((1, 1000)))
    else:
        content += b"\nBI /W 100000 /H 100000 /BPC 8 /CS /RGB ID " + rng.randbytes(256) + b" EI\n"
    return pdf_fix_xref(pdf_replace_stream(data, s, zlib.compress(content))), params


def m_pdf_flate_bomb(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    s = rng.choice(pdf_streams(data))
    inflated = rng.choice((100, 300, 800)) * MB
    unit = rng.choice((b"BT /F2 11 Tf 50 700 Td (fuzz) Tj ET\n", b"q Q ", b"    "))
    stream, _, size = deflate_repeated(b"", unit, inflated, b"", zlib_wrapper=True)
    return pdf_fix_xref(pdf_replace_stream(data, s, stream)), {
        "inflated_mb": size // MB,
        "unit": unit.decode().strip(),
    }


# DOCX: the package is rebuilt member by member with ``build_zip``.

DOC_XML = "word/document.xml"


def _body_bounds(doc: bytes) -> tuple[int, int]:
    start = doc.find(b"<w:body>") + len(b"<w:body>")
    return start, doc.find(b"<w:sectPr", start)


def _text_offsets(doc: bytes) -> list[int]:
    """Positions inside the text of <w:t> elements."""
    return [m.end() for m in re.finditer(rb"<w:t(?: [^>]*)?>", doc)]


def m_docx_xml_broken(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = zip_members(data)
    doc_m = _member(members, DOC_XML)
    doc = doc_m.data
    variant = rng.choice(
        (
            "drop_close_tag",
            "stray_lt",
            "bad_entity",
            "mismatched_tag",
            "random_bytes",
            "entity_bomb",
            "external_entity",
            "deep_nesting",
            "namespace_missing",
        )
    )
    where = rng.choice(_text_offsets(doc))
    if variant == "drop_close_tag":
        tag = rng.choice((b"</w:p>", b"</w:body>", b"</w:r>", b"</w:document>"))
        at = doc.find(tag)
        doc = doc[:at] + doc[at + len(tag) :]
    elif variant == "stray_lt":
        doc = doc[:where] + b"<" + doc[where:]
    elif variant == "bad_entity":
        doc = doc[:where] + b"&nosuchentity; &#0; &#xD800;" + doc[where:]
    elif variant == "mismatched_tag":
        doc = doc.replace(b"</w:t>", b"</w:x>", 1)
    elif variant == "random_bytes":
        doc = doc[:where] + rng.randbytes(rng.choice((8, 256))) + doc[where:]
    elif variant in ("entity_bomb", "external_entity"):
        if variant == "entity_bomb":
            dtd = b'<!ENTITY a0 "lol lol lol lol lol lol lol lol lol lol">'
            for i in range(1, 10):
                dtd += b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10)
            ref = b"&a9;"
        else:
            dtd = b'<!ENTITY xxe SYSTEM "file://' + pool.xxe_path.encode() + b'">'
            ref = b"&xxe;"
        decl_end = doc.find(b"?>") + 2
        doc = doc[:decl_end] + b"\n<!DOCTYPE w:document [" + dtd + b"]>" + doc[decl_end:]
        where = rng.choice(_text_offsets(doc))
        doc = doc[:where] + ref + doc[where:]
    elif variant == "deep_nesting":
        depth = rng.choice((300, 5000, 100_000))
        start, _ = _body_bounds(doc)
        doc = doc[:start] + b"<w:p>" * depth + b"</w:p>" * depth + doc[start:]
    else:
        doc = re.sub(rb' xmlns:w="[^"]*"', b"", doc, count=1)
    doc_m.data = doc
    return build_zip(members), {"variant": variant}


def m_docx_xml_truncated(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = zip_members(data)
    doc_m = _member(members, DOC_XML)
    cut = rng.randrange(len(doc_m.data))
    doc_m.data = doc_m.data[:cut]
    return build_zip(members), {"at": cut}


def m_docx_xml_huge(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    """Big but legitimate-looking content: many paragraphs, one huge one, many runs."""
    members = zip_members(data)
    doc_m = _member(members, DOC_XML)
    doc = doc_m.data
    start, sect = _body_bounds(doc)
    variant = rng.choice(("repeat_body", "one_paragraph", "many_runs"))
    if variant == "repeat_body":
        times = rng.choice((10, 50, 200, 600))
        doc_m.data = doc[:start] + doc[start:sect] * times + doc[sect:]
        return build_zip(members), {"variant": variant, "times": times}
    if variant == "one_paragraph":
        size = rng.choice((200_000, 1_000_000, 3_000_000, 12_000_000))
        style = rng.choice(("no_spaces", "words", "sentences"))
        if style == "no_spaces":
            text = b"x" * size
        elif style == "words":
            text = " ".join(rng.choice(FILLER_WORDS) for _ in range(size // 8)).encode()[:size]
        else:
            sentence = b"The counsellor met the jobseeker and agreed a plan. "
            text = sentence * (size // len(sentence))
        para = b'<w:p><w:r><w:t xml:space="preserve">' + text + b"</w:t></w:r></w:p>"
        doc_m.data = doc[:start] + para + doc[start:]
        return build_zip(members), {"variant": variant, "bytes": size, "style": style}
    runs = rng.choice((10_000, 100_000))
    word = rng.choice(FILLER_WORDS).encode()
    para = b"<w:p>" + (b'<w:r><w:t xml:space="preserve">%s </w:t></w:r>' % word) * runs + b"</w:p>"
    doc_m.data = doc[:start] + para + doc[start:]
    return build_zip(members), {"variant": variant, "runs": runs}


def m_docx_invalid_utf8(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = zip_members(data)
    target = rng.choice((DOC_XML, DOC_XML, "docProps/core.xml", "word/styles.xml"))
    m = _member(members, target)
    variant = rng.choice(("bad_bytes", "bad_bytes", "declared_utf16", "utf16_bom", "nul"))
    if variant == "bad_bytes":
        bad = rng.choice(
            (
                b"\xff\xfe",
                b"\xc3\x28",
                b"\xed\xa0\x80",
                b"\xf8\x88\x80\x80\x80",
                b"\xe2\x82",
                b"\xc0\xaf",
            )
        )
        offsets = _text_offsets(m.data) or [m.data.find(b">", 60) + 1]
        at = rng.choice(offsets)
        m.data = m.data[:at] + bad + m.data[at:]
        detail = bad.hex()
    elif variant == "declared_utf16":
        m.data = m.data.replace(b"encoding='UTF-8'", b"encoding='UTF-16'", 1)
        detail = "UTF-16"
    elif variant == "utf16_bom":
        m.data = b"\xff\xfe" + m.data
        detail = "fffe"
    else:
        at = rng.randrange(len(m.data))
        m.data = m.data[:at] + b"\x00" + m.data[at:]
        detail = "00"
    return build_zip(members), {"member": target, "variant": variant, "bytes": detail}


def m_docx_member_corrupt(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    """A byte-level mutation of one member's inflated content, re-zipped with a valid CRC."""
    members = zip_members(data)
    m = rng.choice([x for x in members for _ in range(4 if x.name == DOC_XML else 1)])
    inner_kind, inner = rng.choice(list(BYTE_MUTATIONS.items()))
    m.data, params = inner[0](rng, m.data, pool)
    return build_zip(members), {"member": m.name, "inner": inner_kind, **params}


def m_docx_drop_content_types(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = [m for m in zip_members(data) if m.name != "[Content_Types].xml"]
    return build_zip(members), {}


def m_docx_drop_member(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    name = rng.choice(
        (
            "_rels/.rels",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "docProps/core.xml",
            DOC_XML,
            "word/numbering.xml",
            "word/settings.xml",
            "customXml/item1.xml",
        )
    )
    return build_zip([m for m in zip_members(data) if m.name != name]), {"member": name}


def m_docx_wrong_compression(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = zip_members(data)
    target = rng.choice((DOC_XML, DOC_XML, "word/styles.xml", "[Content_Types].xml", "_rels/.rels"))
    m = _member(members, target)
    variant = rng.choice(
        (
            "declared_stored",
            "stored_declared_deflate",
            "bzip2",
            "lzma",
            "deflate64",
            "unsupported",
            "local_header_only",
        )
    )
    if variant == "declared_stored":
        m.local_method = m.central_method = zipfile.ZIP_STORED
    elif variant == "stored_declared_deflate":
        m.method = zipfile.ZIP_STORED
        m.local_method = m.central_method = zipfile.ZIP_DEFLATED
    elif variant == "bzip2":
        m.local_method = m.central_method = zipfile.ZIP_BZIP2
    elif variant == "lzma":
        m.local_method = m.central_method = zipfile.ZIP_LZMA
    elif variant == "deflate64":
        m.local_method = m.central_method = 9
    elif variant == "unsupported":
        m.local_method = m.central_method = rng.choice((1, 6, 98, 99, 0xFFFF))
    else:
        m.local_method = rng.choice((0, 12, 99))
    return build_zip(members), {"member": target, "variant": variant}


def m_docx_zip_fields(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    """Wrong CRC or size fields, or a second member with the same name."""
    members = zip_members(data)
    target = rng.choice((DOC_XML, DOC_XML, "word/styles.xml", "[Content_Types].xml"))
    m = _member(members, target)
    variant = rng.choice(
        (
            "bad_crc",
            "size_smaller",
            "size_larger",
            "duplicate_garbage",
            "duplicate_other_document",
            "duplicate_empty",
        )
    )
    if variant == "bad_crc":
        m.crc_delta = rng.randint(1, 0xFFFF)
    elif variant == "size_smaller":
        m.size_delta = -rng.randint(1, len(m.data))
    elif variant == "size_larger":
        m.size_delta = rng.choice((1, 1000, 1 << 30))
    else:
        if variant == "duplicate_garbage":
            content = rng.randbytes(2048)
        elif variant == "duplicate_empty":
            content = b""
        else:
            donor = rng.choice(pool.docx)
            content = _member(zip_members(pool.files[donor]), target).data
        members.insert(rng.randrange(len(members) + 1), ZipMember(target, content))
    return build_zip(members), {"member": target, "variant": variant}


def m_docx_rels_broken(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = zip_members(data)
    rels = _member(members, "word/_rels/document.xml.rels")
    top = _member(members, "_rels/.rels")
    variant = rng.choice(
        (
            "styles_missing",
            "main_missing",
            "styles_is_document",
            "path_traversal",
            "external",
            "garbage",
            "absolute",
        )
    )
    if variant == "styles_missing":
        rels.data = rels.data.replace(b'Target="styles.xml"', b'Target="nothere.xml"')
    elif variant == "main_missing":
        top.data = top.data.replace(b'Target="word/document.xml"', b'Target="word/nothere.xml"')
    elif variant == "styles_is_document":
        rels.data = rels.data.replace(b'Target="styles.xml"', b'Target="document.xml"')
    elif variant == "path_traversal":
        rels.data = rels.data.replace(b'Target="styles.xml"', b'Target="../../../../etc/passwd"')
    elif variant == "external":
        rels.data = rels.data.replace(
            b'Target="styles.xml"', b'Target="file:///etc/passwd" TargetMode="External"'
        )
    elif variant == "garbage":
        rels.data = rels.data[: len(rels.data) // 2]
    else:
        rels.data = rels.data.replace(b'Target="styles.xml"', b'Target="/word/styles.xml/"')
    return build_zip(members), {"variant": variant}


def m_docx_nested_huge(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    """A huge member: incompressible media, or members that inflate to hundreds of MB.

    Files stay under ~45 MB on disk; the bombs are ~1 MB per GB inflated.
    """
    members = zip_members(data)
    variant = rng.choice(("media_random", "document_bomb", "referenced_bomb", "nested_zip"))
    rels = _member(members, "word/_rels/document.xml.rels")

    def add_rel(rel_type: str, target: str) -> None:
        rel = (
            f'<Relationship Id="rIdFuzz" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/{rel_type}" Target="{target}"/>'
        ).encode()
        rels.data = rels.data.replace(b"</Relationships>", rel + b"</Relationships>")

    if variant == "media_random":
        size = rng.choice((5, 20, 40)) * MB
        members.append(ZipMember("word/media/fuzz.jpeg", rng.randbytes(size), zipfile.ZIP_STORED))
        add_rel("image", "media/fuzz.jpeg")
        return build_zip(members), {"variant": variant, "mb": size // MB}
    if variant == "document_bomb":
        doc_m = _member(members, DOC_XML)
        start, _ = _body_bounds(doc_m.data)
        unit, sizes = rng.choice(
            (
                (b"<w:p/>", (256, 1024, 2048)),
                (b"<w:p><w:r><w:t>fuzz</w:t></w:r></w:p>", (32, 128, 512)),
                (b" " * 64, (64, 1024)),
            )
        )
        total = rng.choice(sizes) * MB
        doc_m.raw, doc_m.crc, doc_m.size = deflate_repeated(
            doc_m.data[:start], unit, total, doc_m.data[start:]
        )
        return build_zip(members), {
            "variant": variant,
            "unit": unit.decode()[:40].strip(),
            "inflated_mb": doc_m.size // MB,
        }
    if variant == "referenced_bomb":
        item = _member(members, "customXml/item1.xml")
        total = rng.choice((512, 1536, 3072)) * MB
        item.raw, item.crc, item.size = deflate_repeated(b"<root>", b"<a/>" * 16, total, b"</root>")
        return build_zip(members), {"variant": variant, "inflated_mb": item.size // MB}
    raw, crc, size = deflate_repeated(b"", b"\0" * 64, 1024 * MB, b"")
    inner = build_zip([ZipMember("bomb.bin", raw=raw, crc=crc, size=size)])
    types = _member(members, "[Content_Types].xml")
    types.data = types.data.replace(
        b"<Default ",
        b'<Default Extension="docx" ContentType="application/octet-stream"/><Default ',
        1,
    )
    members.append(ZipMember("word/embeddings/package.docx", inner))
    add_rel("package", "embeddings/package.docx")
    return build_zip(members), {"variant": variant, "inner_inflated_mb": size // MB}


# kind -> (mutation, weight); expensive kinds have lower weights.
BYTE_MUTATIONS: dict[str, tuple[Mutation, float]] = {
    "bitflip": (m_bitflip, 1.0),
    "byte_overwrite": (m_overwrite, 1.0),
    "truncate": (m_truncate, 1.0),
    "delete_range": (m_delete_range, 1.0),
    "duplicate_range": (m_duplicate_range, 1.0),
    "insert_random": (m_insert_random, 1.0),
    "splice": (m_splice, 1.0),
    "zero_range": (m_zero_range, 1.0),
}
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


# --- watching the CLI's process tree -------------------------------------------------


def _proc_status(pid: int) -> dict[str, int]:
    out: dict[str, int] = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return out
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) * 1024
    return out


def _cmdline(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline")
            .read_bytes()
            .replace(b"\0", b" ")
            .decode("utf-8", "replace")
        )
    except OSError:
        return ""


def _as_limit(pid: int) -> int | None:
    """The process's RLIMIT_AS soft limit in bytes (None: unlimited or unknown)."""
    try:
        for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
            if line.startswith("Max address space"):
                value = line.split()[3]
                return None if value == "unlimited" else int(value)
    except OSError:
        pass
    return None


def _proc_table() -> dict[int, tuple[int, int]]:
    """pid -> (ppid, pgid) for every process, read from /proc."""
    table: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(b")", 1)[1].split()
        table[int(entry.name)] = (int(fields[1]), int(fields[2]))
    return table


def process_tree(root: int) -> list[tuple[int, int]]:
    """(pid, ppid) of ``root`` and its descendants, parents first."""
    try:
        import psutil  # optional
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            top = psutil.Process(root)
            procs = [top, *top.children(recursive=True)]
            return [(p.pid, p.ppid()) for p in procs]
        except psutil.Error:
            return []
    children: dict[int, list[int]] = defaultdict(list)
    table = _proc_table()
    for pid, (ppid, _) in table.items():
        children[ppid].append(pid)
    if root not in table:
        return []
    out, todo = [], [(root, table[root][0])]
    while todo:
        pid, ppid = todo.pop(0)
        out.append((pid, ppid))
        todo.extend((c, pid) for c in sorted(children.get(pid, [])))
    return out


@dataclass
class ProcInfo:
    pid: int
    role: str  # main | forkserver | worker | tracker | other
    peak_rss: int = 0
    hwm: int = 0  # VmHWM: the kernel's own peak RSS, last value read
    as_limit: int | None = None  # RLIMIT_AS, last value read (None: unlimited)
    samples: int = 0
    ever_limited: bool = False


class TreeMonitor:
    """Samples the RSS of a process and its descendants."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.procs: dict[int, ProcInfo] = {}
        self.peak_total = 0
        self.samples = 0

    def _role(self, pid: int, ppid: int) -> str:
        if pid == self.root:
            return "main"
        parent = self.procs.get(ppid)
        if parent is not None and parent.role == "forkserver":
            return "worker"
        cmd = _cmdline(pid)
        if "forkserver" in cmd:
            return "forkserver"
        if "resource_tracker" in cmd:
            return "tracker"
        return "other"

    def sample(self) -> None:
        total = 0
        for pid, ppid in process_tree(self.root):
            mem = _proc_status(pid)
            if "VmRSS" not in mem:
                continue
            info = self.procs.get(pid)
            if info is None:
                info = self.procs[pid] = ProcInfo(pid, self._role(pid, ppid))
            if info.role == "worker" or info.samples == 0:
                # Workers get their limit from pebble's initializer just after they start.
                info.as_limit = _as_limit(pid)
                info.ever_limited |= info.as_limit is not None
            info.samples += 1
            info.peak_rss = max(info.peak_rss, mem["VmRSS"])
            info.hwm = max(info.hwm, mem.get("VmHWM", 0))
            total += mem["VmRSS"]
        self.peak_total = max(self.peak_total, total)
        self.samples += 1

    def summary(self, main_maxrss: int) -> dict[str, Any]:
        by_role: dict[str, list[ProcInfo]] = defaultdict(list)
        for info in self.procs.values():
            by_role[info.role].append(info)

        def peak(role: str) -> int:
            return max((max(p.peak_rss, p.hwm) for p in by_role.get(role, [])), default=0)

        workers = by_role.get("worker", [])
        return {
            "samples": self.samples,
            "tree_peak_mb": round(self.peak_total / MB, 1),
            "main_peak_mb": round(max(main_maxrss, peak("main")) / MB, 1),
            "forkserver_peak_mb": round(peak("forkserver") / MB, 1),
            "worker_peak_mb": round(peak("worker") / MB, 1),
            "other_peak_mb": round((peak("tracker") + peak("other")) / MB, 1),
            "workers_seen": len(workers),
            "worker_as_limits_mb": sorted({round(p.as_limit / MB) for p in workers if p.as_limit}),
            # Seen in 3+ samples (0.6 s) and never under an address-space limit.
            "workers_unlimited": sum(1 for p in workers if p.samples >= 3 and not p.ever_limited),
        }


# --- running the CLI -------------------------------------------------------------------


@dataclass
class RunResult:
    label: str
    command: list[str]
    returncode: int | None = None  # negative: killed by that signal
    wall_s: float = 0.0
    report: dict[str, Any] | None = None
    crash: list[str] = field(default_factory=list)  # why this run counts as a crash
    tracebacks: list[str] = field(default_factory=list)
    stderr_lines: int = 0
    hung: bool = False
    leaked: list[str] = field(default_factory=list)
    timings: list[dict[str, Any]] = field(default_factory=list)
    timing_note: str = ""
    memory: dict[str, Any] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)  # report entries by path


_TRACEBACK = re.compile(r"^Traceback \(most recent call last\):\n(?:[ \t].*\n|\n)*.*$", re.M)


def run_cli(
    label: str,
    ingest_args: list[str],
    env: dict[str, str],
    source: Path,
    logs: Path,
    stall_s: float,
    plain: bool,
) -> RunResult:
    """Run the ingestion CLI once, watch its process tree, and classify how it ended."""
    timings_path = logs / f"{label}.timings.jsonl"
    if plain:
        command = [sys.executable, "-m", "ingest", *ingest_args]
    else:
        command = [sys.executable, str(SCRIPT), "--_cli", str(timings_path), "--", *ingest_args]
    result = RunResult(label, command)
    out_path, err_path = logs / f"{label}.out", logs / f"{label}.err"
    started = time.monotonic()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(
            command, cwd=source, env=env, stdout=out, stderr=err, start_new_session=True
        )
        monitor = TreeMonitor(proc.pid)
        last_size, last_progress = -1, started
        status, rusage = 0, None
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            monitor.sample()
            now = time.monotonic()
            size = timings_path.stat().st_size if timings_path.exists() else 0
            if size != last_size:
                last_size, last_progress = size, now
            if now - last_progress > stall_s:
                result.hung = True
                if not plain:  # the wrapper dumps every thread's stack on SIGUSR1
                    os.kill(proc.pid, signal.SIGUSR1)
                    time.sleep(2)
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, rusage = os.wait4(proc.pid, 0)
                break
            time.sleep(SAMPLE_S)
        proc.returncode = os.waitstatus_to_exitcode(status)
    result.wall_s = time.monotonic() - started
    result.returncode = proc.returncode
    result.memory = monitor.summary((rusage.ru_maxrss * 1024) if rusage else 0)
    result.leaked = _leftovers(proc.pid)
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    result.stderr_lines = stderr.count("\n")
    result.tracebacks = [m.group() for m in _TRACEBACK.finditer(stderr)]
    try:
        result.report = json.loads(stdout)
    except json.JSONDecodeError:
        result.report = None
    result.files = {f["path"]: f for f in (result.report or {}).get("files", [])}
    if timings_path.exists():
        for line in timings_path.read_text().splitlines():
            row = json.loads(line)
            if "unavailable" in row:
                result.timing_note = row["unavailable"]
            else:
                result.timings.append(row)
    elif plain:
        result.timing_note = "--plain-cli: per-file times not measured"
    _classify(result)
    return result


def _leftovers(pgid: int) -> list[str]:
    """Processes of the run's process group still alive 5 s after it exited (then killed)."""
    deadline = time.monotonic() + 5
    while True:
        alive = [pid for pid, (_, group) in _proc_table().items() if group == pgid]
        if not alive or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    described = [f"{pid}: {_cmdline(pid)[:120]}" for pid in alive]
    if alive:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return described


def _classify(result: RunResult) -> None:
    rc = result.returncode
    if result.hung:
        result.crash.append("hang: no progress, process group killed")
    if rc is not None and rc < 0:
        result.crash.append(f"killed by signal {-rc} ({signal.Signals(-rc).name})")
    elif rc not in (0, 1):
        result.crash.append(f"exit code {rc}")
    if result.tracebacks:
        result.crash.append(f"{len(result.tracebacks)} Python traceback(s) on stderr")
    if result.report is None:
        result.crash.append("no JSON report on stdout")
    else:
        failed = sum(1 for f in result.report.get("files", []) if f.get("action") == "failed")
        if rc in (0, 1) and rc != (1 if failed else 0):
            result.crash.append(f"exit code {rc} but the report lists {failed} failed file(s)")
    if result.leaked:
        result.crash.append(f"{len(result.leaked)} process(es) left running after exit")


def cli_with_timings(timings_path: str, argv: list[str]) -> int:
    """``ingest.cli.main(argv)``, with every extraction timestamped (runs in the subprocess).

    ``Extractor.submit`` is wrapped so that each extraction future records when it
    finished. With one worker (the default), extraction i starts when it was submitted
    or when extraction i-1 finished, whichever is later, so its duration is measured
    from there. With more workers that start time is approximate.
    """
    import faulthandler

    faulthandler.register(signal.SIGUSR1, all_threads=True)
    log = open(timings_path, "a", buffering=1, encoding="utf-8")
    try:
        from ingest import sandbox

        original = sandbox.Extractor.submit
        lock = threading.Lock()
        last_done = [0.0]

        def submit(self: Any, job: Any) -> Any:
            submitted = time.monotonic()
            future = original(self, job)

            def done(fut: Any) -> None:
                now = time.monotonic()
                try:
                    exc = fut.exception(timeout=0)
                except BaseException as cancelled:  # noqa: BLE001 - cancellation
                    exc = cancelled
                with lock:
                    began = max(submitted, last_done[0])
                    row = {
                        "path": getattr(job, "rel_path", "?"),
                        "seconds": round(now - began, 3),
                        "since_submit": round(now - submitted, 3),
                        "error": type(exc).__name__ if exc else None,
                        # The run's first extraction also waits for the pool to start.
                        "first_in_run": not last_done[0],
                    }
                    last_done[0] = now
                    log.write(json.dumps(row) + "\n")

            future.add_done_callback(done)
            return future

        sandbox.Extractor.submit = submit
    except (ImportError, AttributeError) as exc:
        log.write(json.dumps({"unavailable": f"extraction not timed: {exc!r}"}) + "\n")
    from ingest.cli import main as ingest_main

    return ingest_main(argv)


# --- reading the index (in a subprocess, with the project on the path) ---------------------


def index_snapshot(index_dir: Path, markers: list[str]) -> dict[str, Any]:
    """What the index holds, through the store's public calls (adapt here if they change)."""
    from kb.core.settings import load_settings
    from kb.index.factory import build_knowledge_base

    settings = load_settings()
    settings.store.index_dir = Path(index_dir)
    kb = build_knowledge_base(settings)
    store = kb.snapshot().store
    records = store.documents()
    documents = {
        doc_id: {
            "status": r.status,
            "chunk_count": r.chunk_count,
            "path": r.path,
            "counted": store.chunk_count(doc_id),
        }
        for doc_id, r in records.items()
    }
    got = store.all_chunks(["metadatas", "documents"])
    fingerprint = store.fingerprint()
    chunk_doc = {i: md.get("doc_id") for i, md in zip(got["ids"], got["metadatas"], strict=True)}
    hits = sorted(
        {
            chunk_doc[i]
            for i, text in zip(got["ids"], got["documents"], strict=True)
            if any(m in (text or "") for m in markers)
        },
        key=str,
    )
    return {
        "documents": documents,
        "chunks_total": store.chunk_count(),
        "fingerprint": {i: [*fp, chunk_doc.get(i)] for i, fp in fingerprint.items()},
        "marker_hits": hits,
    }


def helper_main(argv: list[str]) -> int:
    """Hidden helper modes, run in a subprocess: ``settings`` and ``inspect INDEX [MARKER]``."""
    if argv[0] == "settings":
        from kb.core.settings import load_settings

        s = load_settings()
        print(
            json.dumps(
                {
                    "extract_timeout_s": s.ingest.extract_timeout_s,
                    "extract_memory_mb": s.ingest.extract_memory_mb,
                    "workers": s.ingest.workers,
                    "max_file_mb": s.ingest.max_file_mb,
                    "embedder": s.embedder.provider,
                }
            )
        )
        return 0
    print(json.dumps(index_snapshot(Path(argv[1]), argv[2:])))
    return 0


def run_helper(args: list[str], env: dict[str, str], source: Path) -> tuple[Any, str]:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--_helper", *args],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        return None, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"
    return json.loads(proc.stdout), ""


def status_json(index: Path, corpus: Path, env: dict[str, str], source: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ingest",
            "--corpus",
            str(corpus),
            "--index",
            str(index),
            "status",
            "--json",
        ],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
    )
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {"error": proc.stderr.strip()[-500:]}


# --- analysis --------------------------------------------------------------------------


def normalise_reason(error: str, work: str) -> str:
    """An error message with paths, numbers and quoted bytes masked, for counting."""
    s = error.replace(work, "WORK")
    s = re.sub(r"b'(?:[^'\\]|\\.)*'", "b'…'", s)
    s = re.sub(r'b"(?:[^"\\]|\\.)*"', 'b"…"', s)
    s = re.sub(r"0x[0-9a-fA-F]+", "0x…", s)
    s = re.sub(r"\d+(?:\.\d+)?", "N", s)
    s = re.sub(r"'[^']{25,}'", "'…'", s)
    return s if len(s) <= 150 else s[:147] + "..."


def reason_category(error: str) -> str:
    """The reason's first clause and exception name: 'corrupted ... PDF [PdfReadError]'."""
    head = re.split(r" \(|: ", error, maxsplit=1)[0]
    m = re.search(r"\((\w+):", error)
    return f"{head} [{m.group(1)}]" if m else head


def outcome_of(entry: dict[str, Any] | None, work: str) -> str:
    if entry is None:
        return "not in report"
    if entry["action"] == "failed":
        return "failed: " + normalise_reason(entry.get("error") or "", work)
    if entry["action"] in ("added", "changed", "unchanged"):
        return "indexed"
    return entry["action"]


def analyse(
    cases: list[Case],
    runs: list[RunResult],
    clean: RunResult,
    work: str,
) -> dict[str, Any]:
    """Per-file outcomes: reasons, categories, per kind, flaky files, unexpected actions."""
    first: dict[str, dict[str, Any] | None] = {}
    for c in cases:
        first[c.case] = runs[c.batch].files.get(c.path)
    reasons: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    indexed = failed = missing = 0
    for c in cases:
        entry = first[c.case]
        by_kind[c.kind]["cases"] += 1
        if entry is None:
            missing += 1
            by_kind[c.kind]["not in report"] += 1
            continue
        for w in entry.get("warnings") or []:
            warnings[normalise_reason(w, work)] += 1
        if entry["action"] == "failed":
            failed += 1
            error = entry.get("error") or ""
            reasons[normalise_reason(error, work)] += 1
            categories[reason_category(error)] += 1
            by_kind[c.kind]["failed"] += 1
            by_kind[c.kind]["cat: " + reason_category(error)] += 1
        else:
            indexed += 1
            by_kind[c.kind]["indexed"] += 1
    # Flaky: a file whose outcome differs between runs that saw the same content.
    flaky = []
    clean_files = clean.files
    for c in cases:
        if c.deleted_in is not None:
            continue
        last = c.superseded_in if c.superseded_in is not None else len(runs)
        seen = [
            (runs[b].label, outcome_of(runs[b].files.get(c.path), work))
            for b in range(c.batch, last)
        ]
        if c.superseded_in is None:
            seen.append((clean.label, outcome_of(clean_files.get(c.path), work)))
        if len({o for _, o in seen}) > 1:
            flaky.append({"case": c.case, "path": c.path, "kind": c.kind, "outcomes": seen})
    # Actions the runs should not have taken: a file changed or removed that was not.
    touched = {(c.path, b) for c in cases for b in (c.superseded_in, c.deleted_in) if b is not None}
    unexpected = []
    for b, run in enumerate(runs):
        for path, entry in run.files.items():
            if entry["action"] in ("changed", "removed") and (path, b) not in touched:
                unexpected.append({"run": run.label, "path": path, "action": entry["action"]})
    kinds = {}
    for kind, counts in sorted(by_kind.items()):
        cats = Counter({k[5:]: v for k, v in counts.items() if k.startswith("cat: ")})
        kinds[kind] = {
            "cases": counts["cases"],
            "indexed": counts["indexed"],
            "failed": counts["failed"],
            "not_in_report": counts["not in report"],
            "top_reasons": cats.most_common(3),
        }
    return {
        "indexed": indexed,
        "failed": failed,
        "not_in_report": missing,
        "top_reasons": reasons.most_common(15),
        "distinct_reasons": len(reasons),
        "categories": categories.most_common(),
        "warnings": warnings.most_common(10),
        "by_kind": kinds,
        "cases": [
            {
                "case": c.case,
                "path": c.path,
                "kind": c.kind,
                "params": c.params,
                "outcome": (first[c.case] or {}).get("action", "not in report"),
                "error": (first[c.case] or {}).get("error"),
            }
            for c in cases
        ],
        "flaky": flaky,
        "unexpected_actions": unexpected[:50],
        "unexpected_action_count": len(unexpected),
    }


def check_bounds(runs: list[RunResult], settings: dict[str, Any]) -> dict[str, Any]:
    timeout = float(settings["extract_timeout_s"])
    limit_mb = float(settings["extract_memory_mb"])
    workers = int(settings["workers"])
    slowest = max(
        (dict(t, run=r.label) for r in runs for t in r.timings),
        key=lambda t: t["seconds"],
        default=None,
    )
    timed_out = [
        (r.label, path)
        for r in runs
        for path, f in r.files.items()
        if "took longer than" in (f.get("error") or "")
    ]
    died = [
        (r.label, path)
        for r in runs
        for path, f in r.files.items()
        if "process died" in (f.get("error") or "")
    ]
    over_time = [
        dict(t, run=r.label) for r in runs for t in r.timings if t["seconds"] > timeout + SLACK_S
    ]
    # The slowest extraction that finished on its own (not stopped at the timeout), leaving
    # out each run's first one, which includes starting the worker pool.
    finished = max(
        (
            dict(t, run=r.label)
            for r in runs
            for t in r.timings
            if t["error"] != "TimeoutError" and not t.get("first_in_run")
        ),
        key=lambda t: t["seconds"],
        default=None,
    )
    first = [t["seconds"] for r in runs for t in r.timings if t.get("first_in_run")]
    memory_ok = True
    notes = []
    for r in runs:
        m = r.memory
        if not m:
            continue
        if m["worker_peak_mb"] > limit_mb:
            memory_ok = False
            notes.append(f"{r.label}: a worker peaked at {m['worker_peak_mb']} MB")
        limits = m["worker_as_limits_mb"]
        if m["workers_unlimited"] or (limits and max(limits) > limit_mb):
            memory_ok = False
            notes.append(
                f"{r.label}: workers' address-space limits {limits} MB, "
                f"{m['workers_unlimited']} worker(s) seen without a limit"
            )
        ceiling = (
            workers * limit_mb + m["main_peak_mb"] + m["forkserver_peak_mb"] + m["other_peak_mb"]
        )
        if m["tree_peak_mb"] > ceiling:
            memory_ok = False
            notes.append(f"{r.label}: tree peak {m['tree_peak_mb']} MB > {ceiling:.0f} MB")
    timed = sum(len(r.timings) for r in runs)
    return {
        "timeout_s": timeout,
        "slack_s": SLACK_S,
        "memory_limit_mb": limit_mb,
        "workers": workers,
        "extractions_timed": timed,
        "slowest_extraction": slowest,
        "slowest_finished_extraction": finished,
        "first_extraction_max_s": max(first, default=None),
        "extractions_over_timeout_plus_slack": over_time,
        "time_bound_held": not over_time if timed else None,
        "timeouts_reported": len(timed_out),
        "timeout_files": sorted({p for _, p in timed_out}),
        "worker_deaths_reported": len(died),
        "worker_death_files": sorted({p for _, p in died}),
        "memory_bound_held": memory_ok,
        "memory_notes": notes,
        "tree_peak_mb": max((r.memory.get("tree_peak_mb", 0) for r in runs), default=0),
        "worker_peak_mb": max((r.memory.get("worker_peak_mb", 0) for r in runs), default=0),
        "main_peak_mb": max((r.memory.get("main_peak_mb", 0) for r in runs), default=0),
    }


def check_integrity(
    fuzzed: dict[str, Any] | None,
    clean: dict[str, Any] | None,
    last_run: RunResult,
    clean_run: RunResult,
    note: str,
) -> dict[str, Any]:
    """Chunk counts, orphan chunks and equality with the clean build.

    Differences are explained, not counted as problems, when a document's newest file
    failed and its previous version stays indexed (documented behaviour), or when its
    extraction hit the timeout in one build and not in the other (timing-dependent: the
    file takes about as long as the timeout on this machine at this load).
    """
    if fuzzed is None or clean is None:
        return {"method": "unavailable", "note": note, "ok": False}
    out: dict[str, Any] = {"method": "store", "note": note}
    problems = []
    for name, snap in (("fuzzed", fuzzed), ("clean", clean)):
        docs = snap["documents"]
        complete = {d for d, r in docs.items() if r["status"] == "complete"}
        per_doc = Counter(fp[2] for fp in snap["fingerprint"].values())
        wrong = {
            d: (r["chunk_count"], r["counted"], per_doc.get(d, 0))
            for d, r in docs.items()
            if r["status"] == "complete"
            and not r["chunk_count"] == r["counted"] == per_doc.get(d, 0)
        }
        orphans = {d: n for d, n in per_doc.items() if d not in complete}
        pending = sorted(d for d, r in docs.items() if r["status"] != "complete")
        expected_total = sum(docs[d]["chunk_count"] for d in complete)
        out[name] = {
            "documents_complete": len(complete),
            "documents_pending": pending,
            "chunks": snap["chunks_total"],
            "chunks_expected": expected_total,
            "wrong_chunk_counts": wrong,
            "orphan_chunks_by_doc": orphans,
            "marker_hits": snap["marker_hits"],
        }
        if wrong or orphans or pending or snap["chunks_total"] != expected_total:
            problems.append(f"{name} index is inconsistent")
        if snap["marker_hits"]:
            problems.append(f"{name} index contains the XXE marker")
    fp_a, fp_b = fuzzed["fingerprint"], clean["fingerprint"]
    diff_docs = {fp_a[i][2] for i in fp_a.keys() - fp_b.keys()}
    diff_docs |= {fp_b[i][2] for i in fp_b.keys() - fp_a.keys()}
    diff_docs |= {fp_a[i][2] for i in fp_a.keys() & fp_b.keys() if fp_a[i] != fp_b[i]}
    # Documented: a file that fails keeps its previously indexed version.
    last_failed = {f["doc_id"] for f in last_run.files.values() if f["action"] == "failed"}
    kept = sorted(
        d
        for d in diff_docs
        if d in last_failed and d in fuzzed["documents"] and d not in clean["documents"]
    )
    timed_out = {
        f["doc_id"]
        for run in (last_run, clean_run)
        for f in run.files.values()
        if "took longer than" in (f.get("error") or "")
    }
    timing = sorted(d for d in diff_docs if d in timed_out and d not in kept)
    unexplained = sorted((d for d in diff_docs if d not in kept and d not in timing), key=str)
    same = {i: v for i, v in fp_a.items() if v[2] not in kept and v[2] not in timing}
    out["equal_to_clean_build"] = fp_a == fp_b
    out["equal_apart_from_explained"] = not unexplained
    out["kept_previous_versions"] = kept
    out["timing_dependent_docs"] = {
        d: {
            "chunks_fuzzed": sum(1 for v in fp_a.values() if v[2] == d),
            "chunks_clean": sum(1 for v in fp_b.values() if v[2] == d),
        }
        for d in timing
    }
    out["unexplained_difference_docs"] = unexplained
    out["chunks_compared"] = len(same)
    if unexplained:
        problems.append(f"{len(unexplained)} document(s) differ from the clean build")
    out["problems"] = problems
    out["ok"] = not problems
    return out


def check_integrity_by_status(fuzzed: dict[str, Any], clean: dict[str, Any]) -> dict[str, Any]:
    """Fallback when the store cannot be opened from Python: compare ``status --json``."""
    keys = ("documents", "chunks", "pending_documents")
    same = all(fuzzed.get(k) == clean.get(k) for k in keys)
    return {
        "method": "status --json",
        "fuzzed": {k: fuzzed.get(k) for k in keys},
        "clean": {k: clean.get(k) for k in keys},
        "ok": same and not fuzzed.get("error"),
        "problems": [] if same else ["status differs from the clean build"],
    }


# --- the fuzz run ----------------------------------------------------------------------------


def _env(embedder: str, source: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PESKB_EMBEDDER__PROVIDER"] = embedder
    env["PESKB_PROFILE"] = "default"
    env["PYTHONPATH"] = os.pathsep.join(
        [str(source), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    return env


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _write(corpus: Path, rel: str, data: bytes) -> None:
    path = corpus / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _new_case(
    number: int,
    case_id: str,
    batch: int,
    pool: SeedPool,
    opts: argparse.Namespace,
    path: str | None = None,
    ext: str | None = None,
) -> tuple[Case, bytes]:
    data, d = generate_case(number, opts.seed, pool, ext)
    if path is None:
        path = f"fuzz/b{batch:02d}/{case_id}_{d['kind']}.{d['ext']}"
    return Case(
        case_id, path, d["seed_file"], d["family"], d["kind"], d["params"], len(data), batch
    ), data


def fuzz(opts: argparse.Namespace, work: Path) -> dict[str, Any]:
    source = Path(opts.source).resolve()
    for sub in ("corpus", "index", "index-clean", "logs", "seeds"):
        shutil.rmtree(work / sub, ignore_errors=True)
    corpus, logs = work / "corpus", work / "logs"
    corpus.mkdir(parents=True)
    logs.mkdir()
    env = _env(opts.embedder, source)
    settings, err = run_helper(["settings"], env, source)
    if settings is None:
        raise SystemExit(f"cannot load the project's settings from {source}: {err}")
    stall_s = max(600.0, 4 * float(settings["extract_timeout_s"]))
    pool = make_seed_pool(source, work, opts.seed)
    # The minimal valid catalogue: no entries, so every file's metadata is derived.
    (corpus / "catalogue.yaml").write_text("# fuzz corpus: metadata derived\ndocuments: {}\n")
    for name, data in pool.files.items():
        _write(corpus, f"fuzz/seeds/{name}", data)
    cases: list[Case] = []
    by_path: dict[str, Case] = {}
    runs: list[RunResult] = []
    batches = [range(s, min(s + opts.batch, opts.cases)) for s in range(0, opts.cases, opts.batch)]
    index_args = ["--corpus", str(corpus), "--index", str(work / "index")]
    for b, numbers in enumerate(batches):
        if b and opts.churn > 0:
            _churn(b, cases, by_path, corpus, pool, opts)
        for n in numbers:
            case, data = _new_case(n, f"c{n:04d}", b, pool, opts)
            _write(corpus, case.path, data)
            cases.append(case)
            by_path[case.path] = case
        if opts.generate_only:
            continue
        new = sum(1 for c in cases if c.batch == b)
        _say(f"[{b + 1}/{len(batches)}] {new} new/replaced files; ingesting ...")
        run = run_cli(
            f"batch{b:02d}",
            [*index_args, "run", "--json"],
            env,
            source,
            logs,
            stall_s,
            opts.plain_cli,
        )
        runs.append(run)
        _say(f"    {_run_line(run)}")
    manifest = {"seed": opts.seed, "seeds": sorted(pool.files), "cases": [asdict(c) for c in cases]}
    (work / "manifest.json").write_text(json.dumps(manifest, indent=1))
    if opts.generate_only:
        return {"generated": len(cases), "workdir": str(work), "corpus": str(corpus)}
    _say("clean build of the final corpus into a second index ...")
    clean = run_cli(
        "clean-full",
        ["--corpus", str(corpus), "--index", str(work / "index-clean"), "run", "--full", "--json"],
        env,
        source,
        logs,
        stall_s,
        opts.plain_cli,
    )
    _say(f"    {_run_line(clean)}")
    _say("checking the indexes ...")
    fuzzed, err_a = run_helper(["inspect", str(work / "index"), pool.marker], env, source)
    cleaned, err_b = run_helper(["inspect", str(work / "index-clean"), pool.marker], env, source)
    if fuzzed is not None and cleaned is not None:
        integrity = check_integrity(fuzzed, cleaned, runs[-1], clean, "")
    else:
        integrity = check_integrity_by_status(
            status_json(work / "index", corpus, env, source),
            status_json(work / "index-clean", corpus, env, source),
        )
        integrity["note"] = f"store not readable from Python ({err_a or err_b}); compared status"
    controls = {n: runs[0].files.get(f"fuzz/seeds/{n}", {}).get("action") for n in pool.files}
    all_runs = [*runs, clean]
    return {
        "command": " ".join(["python", "benchmarks/fuzz_ingest.py", *opts.argv]),
        "source": str(source),
        "workdir": str(work),
        "seed": opts.seed,
        "embedder": opts.embedder,
        "settings": settings,
        "psutil": _has_psutil(),
        "cases": len(cases),
        "new_cases": opts.cases,
        "replacements": sum(1 for c in cases if c.replaces),
        "deleted": sum(1 for c in cases if c.deleted_in is not None),
        "final_files": sum(1 for c in cases if c.deleted_in is None and c.superseded_in is None),
        "controls": controls,
        "runs": [_run_summary(r) for r in all_runs],
        "crashes": [
            {
                "run": r.label,
                "why": r.crash,
                "tracebacks": r.tracebacks,
                "leaked": r.leaked,
                "log": str(logs / f"{r.label}.err"),
            }
            for r in all_runs
            if r.crash
        ],
        "outcomes": analyse(cases, runs, clean, str(work)),
        "bounds": check_bounds(all_runs, settings),
        "integrity": integrity,
        "total_wall_s": round(sum(r.wall_s for r in all_runs), 1),
    }


def _churn(
    b: int,
    cases: list[Case],
    by_path: dict[str, Case],
    corpus: Path,
    pool: SeedPool,
    opts: argparse.Namespace,
) -> None:
    """Before run ``b``: replace some earlier files with new mutations, delete a few others."""
    rng = random.Random(f"fuzz-ingest-churn:{opts.seed}:{b}")
    active = [c for c in by_path.values() if c.deleted_in is None and c.superseded_in is None]
    n_replace = round(opts.churn * len(active))
    n_delete = round(opts.churn / 2 * len(active))
    picked = rng.sample(active, min(len(active), n_replace + n_delete))
    for j, old in enumerate(picked[:n_replace]):
        ext = old.path.rsplit(".", 1)[1]
        case, data = _new_case(
            1_000_000 + b * 10_000 + j, f"r{b:02d}-{j:03d}", b, pool, opts, path=old.path, ext=ext
        )
        case.replaces = old.case
        old.superseded_in = b
        _write(corpus, case.path, data)
        cases.append(case)
        by_path[case.path] = case
    for old in picked[n_replace:]:
        (corpus / old.path).unlink()
        old.deleted_in = b


def _has_psutil() -> bool:
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True


def _run_summary(r: RunResult) -> dict[str, Any]:
    summary = (r.report or {}).get("summary", {})
    slowest = max(r.timings, key=lambda t: t["seconds"], default=None)
    return {
        "label": r.label,
        "returncode": r.returncode,
        "wall_s": round(r.wall_s, 1),
        "report_seconds": summary.get("seconds"),
        "summary": summary,
        "extractions_timed": len(r.timings),
        "slowest_extraction": slowest,
        "timing_note": r.timing_note,
        "memory": r.memory,
        "stderr_lines": r.stderr_lines,
        "crash": r.crash,
    }


def _secs(timing: dict[str, Any] | None) -> str:
    return f"{timing['seconds']:.1f} s" if timing else "n/a"


def _run_line(r: RunResult) -> str:
    s = (r.report or {}).get("summary", {})
    slow = max(r.timings, key=lambda t: t["seconds"], default=None)
    return (
        f"rc {r.returncode}, {r.wall_s:.0f} s, added {s.get('added', '?')}, changed "
        f"{s.get('changed', '?')}, removed {s.get('removed', '?')}, failed "
        f"{s.get('failed', '?')}; slowest extraction {_secs(slow)}; tree peak "
        f"{r.memory.get('tree_peak_mb', '?')} MB" + (f"; CRASH: {r.crash}" if r.crash else "")
    )


# --- output ----------------------------------------------------------------------------------


def render(res: dict[str, Any]) -> str:
    st = res["settings"]
    lines = [
        "Ingestion fuzzing",
        f"  command: {res['command']}",
        f"  source tree: {res['source']}; embedder {res['embedder']}; extraction timeout "
        f"{st['extract_timeout_s']:g} s, memory limit {st['extract_memory_mb']} MB, "
        f"{st['workers']} worker(s); psutil {'yes' if res['psutil'] else 'no (read /proc)'}",
        f"  cases: {res['cases']} ({res['new_cases']} new, {res['replacements']} replacing "
        f"earlier files; {res['deleted']} deleted later); {res['final_files']} in the final "
        f"corpus plus {len(res['controls'])} unmutated seeds as controls "
        f"(control outcomes: {dict(Counter(res['controls'].values()))})",
        "",
        "Runs:",
        f"  {'run':<11} {'rc':>3} {'wall s':>7} {'added':>6} {'chgd':>5} {'rmvd':>5} "
        f"{'failed':>6} {'slowest extraction':>19} {'tree MB':>8} {'main MB':>8} {'worker MB':>9}",
    ]
    for r in res["runs"]:
        s, m = r["summary"], r["memory"]
        slow = r["slowest_extraction"]
        lines.append(
            f"  {r['label']:<11} {r['returncode']!s:>3} {r['wall_s']:>7}"
            f" {s.get('added', '?')!s:>6} {s.get('changed', '?')!s:>5}"
            f" {s.get('removed', '?')!s:>5} {s.get('failed', '?')!s:>6}"
            f" {_secs(slow):>19} {m.get('tree_peak_mb', '?')!s:>8}"
            f" {m.get('main_peak_mb', '?')!s:>8} {m.get('worker_peak_mb', '?')!s:>9}"
        )
    lines.append(f"  total CLI wall time: {res['total_wall_s']} s")
    lines += ["", f"Crashes of the ingestion run: {len(res['crashes'])} (target 0)"]
    for c in res["crashes"]:
        lines.append(f"  {c['run']}: {'; '.join(c['why'])} (stderr: {c['log']})")
        for tb in c["tracebacks"][:3]:
            lines += ["    " + x for x in tb.splitlines()[-6:]]
        lines += [f"    left running: {x}" for x in c["leaked"]]
    o = res["outcomes"]
    lines += [
        "",
        f"Per-file outcomes (each case in the run that first saw it): {o['indexed']} indexed, "
        f"{o['failed']} failed, {o['not_in_report']} missing from the report",
        f"  top reasons ({o['distinct_reasons']} distinct after masking numbers and bytes):",
    ]
    lines += [f"  {n:>5}  {reason}" for reason, n in o["top_reasons"]]
    lines.append("  reason categories:")
    lines += [f"  {n:>5}  {cat}" for cat, n in o["categories"]]
    if o["warnings"]:
        lines.append("  warnings on indexed files:")
        lines += [f"  {n:>5}  {w}" for w, n in o["warnings"]]
    lines += [
        "",
        "By mutation kind:",
        f"  {'kind':<26} {'cases':>5} {'indexed':>7} {'failed':>6}  most common reason",
    ]
    for kind, k in o["by_kind"].items():
        top = k["top_reasons"][0][0] if k["top_reasons"] else ""
        lines.append(f"  {kind:<26} {k['cases']:>5} {k['indexed']:>7} {k['failed']:>6}  {top}")
    lines.append(f"  flaky files (outcome changed between runs): {len(o['flaky'])}")
    for f in o["flaky"][:10]:
        lines.append(
            f"    {f['path']} ({f['kind']}): " + "; ".join(f"{r}: {x}" for r, x in f["outcomes"])
        )
    lines.append(f"  unexpected changed/removed actions: {o['unexpected_action_count']}")
    b = res["bounds"]
    slow, fin = b["slowest_extraction"], b["slowest_finished_extraction"]
    lines += [
        "",
        "Bounds:",
        "  slowest extraction: "
        + (f"{_secs(slow)} ({slow['path']}, {slow['run']})" if slow else "not measured")
        + f"; {b['extractions_timed']} extractions timed",
        "  slowest extraction not stopped by the timeout: "
        + (f"{_secs(fin)} ({fin['path']}, {fin['run']})" if fin else "n/a")
        + f"; each run's first extraction, which includes starting the worker pool: "
        f"up to {b['first_extraction_max_s']} s",
        f"  timeouts reported: {b['timeouts_reported']} ({len(b['timeout_files'])} files); "
        f"worker deaths reported: {b['worker_deaths_reported']}",
        f"  time bound (every extraction <= {b['timeout_s']:g} s + {b['slack_s']:g} s): "
        + {True: "HELD", False: "BROKEN", None: "not measured"}[b["time_bound_held"]],
        f"  peak RSS: process tree {b['tree_peak_mb']} MB, main process {b['main_peak_mb']} MB, "
        f"worker {b['worker_peak_mb']} MB",
        f"  memory bound (workers <= {b['memory_limit_mb']:g} MB and ran under that "
        f"limit): {'HELD' if b['memory_bound_held'] else 'BROKEN'}",
    ]
    lines += [f"    {n}" for n in b["memory_notes"]]
    i = res["integrity"]
    lines += ["", f"Index integrity ({i['method']}): {'OK' if i['ok'] else 'PROBLEMS'}"]
    if i.get("note"):
        lines.append(f"  note: {i['note']}")
    if i["method"] == "store":
        for name in ("fuzzed", "clean"):
            x = i[name]
            lines.append(
                f"  {name}: {x['documents_complete']} complete documents, {x['chunks']} chunks "
                f"(records say {x['chunks_expected']}); wrong counts {len(x['wrong_chunk_counts'])}"
                f", orphan chunks {sum(x['orphan_chunks_by_doc'].values())}, pending "
                f"{len(x['documents_pending'])}, XXE marker found in {len(x['marker_hits'])}"
            )
        lines.append(
            f"  incremental index == clean build: {i['equal_to_clean_build']}; equal apart from "
            f"{len(i['kept_previous_versions'])} document(s) that keep their previous version "
            f"after a failed replacement and {len(i['timing_dependent_docs'])} timing-dependent "
            f"one(s): {i['equal_apart_from_explained']} "
            f"({i['chunks_compared']} chunks compared)"
        )
        for d, n in i["timing_dependent_docs"].items():
            lines.append(
                f"  timing-dependent: {d} timed out in one build only ({n['chunks_fuzzed']} "
                f"chunks in the incremental index, {n['chunks_clean']} in the clean build)"
            )
        if i["unexplained_difference_docs"]:
            lines.append(f"  differing documents: {i['unexplained_difference_docs'][:10]}")
    else:
        lines.append(f"  fuzzed {i.get('fuzzed')} vs clean {i.get('clean')}")
    lines += [f"  problem: {p}" for p in i.get("problems", [])]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="Fuzz the ingestion CLI with mutated PDF and DOCX files.",
        epilog="Environment: PESKB_* variables are passed on, e.g. "
        "PESKB_INGEST__EXTRACT_TIMEOUT_S=20 to shorten the extraction timeout.",
    )
    p.add_argument("--cases", type=int, default=1000, help="mutated files (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="random seed; same seed, same files")
    p.add_argument("--batch", type=int, default=250, help="new files per ingestion run")
    p.add_argument(
        "--churn",
        type=float,
        default=0.02,
        help="before each later run, replace this share of the earlier files with "
        "new mutations and delete half as many (default 0.02; 0 = only add)",
    )
    p.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="keep corpus, indexes, logs and manifest here (replaced on every run); "
        "default: a temporary folder removed at the end",
    )
    p.add_argument("--embedder", choices=("fake", "e5"), default="fake")
    p.add_argument(
        "--source",
        type=Path,
        default=REPO_ROOT,
        help="source tree whose ingest/kb packages are tested (default: this repo)",
    )
    p.add_argument(
        "--plain-cli",
        action="store_true",
        help="run `python -m ingest` itself (no per-file extraction times)",
    )
    p.add_argument(
        "--generate-only",
        action="store_true",
        help="only write the mutated corpus and manifest (needs --workdir)",
    )
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--_cli"]:  # internal: the ingestion CLI with extraction timing
        rest = argv[2:]
        return cli_with_timings(argv[1], rest[1:] if rest[:1] == ["--"] else rest)
    if argv[:1] == ["--_helper"]:  # internal: settings / index inspection
        return helper_main(argv[1:])
    opts = _parser().parse_args(argv)
    opts.argv = argv
    if opts.generate_only and opts.workdir is None:
        _parser().error("--generate-only needs --workdir")
    work = opts.workdir.resolve() if opts.workdir else Path(tempfile.mkdtemp(prefix="fuzz-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        res = fuzz(opts, work)
        if opts.workdir:
            (work / "results.json").write_text(json.dumps(res, indent=1, ensure_ascii=False))
    finally:
        if opts.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    if opts.generate_only:
        print(json.dumps(res, indent=2))
        return 0
    print(json.dumps(res, indent=2, ensure_ascii=False) if opts.json else render(res))
    broken = (
        res["crashes"]
        or not res["integrity"]["ok"]
        or res["bounds"]["time_bound_held"] is False
        or not res["bounds"]["memory_bound_held"]
    )
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
