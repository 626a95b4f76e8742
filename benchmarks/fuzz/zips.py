"""ZIP and deflate helpers for the DOCX mutations."""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass

from fuzz.config import _ZIP_DATE, _ZIP_TIME

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
