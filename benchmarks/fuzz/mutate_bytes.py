"""Byte-level mutations, for both formats."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from fuzz.seeds import SeedPool

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
