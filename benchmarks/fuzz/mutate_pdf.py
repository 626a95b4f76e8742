"""Structure-aware PDF mutations: xref, objects, streams, filters, content."""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass
from typing import Any

from fuzz.config import MB
from fuzz.mutate_bytes import m_overwrite
from fuzz.seeds import FILLER_WORDS, SeedPool
from fuzz.zips import deflate_repeated

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
