"""Timing wrappers: calls of the embedder and the store, and the pipeline's waits."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingest_bench.procs import ProcSampler

# The project is imported inside functions only: the extraction workers (multiprocessing
# forkserver) re-import a script's __main__ module, and importing the pipeline here would
# load Chroma and LangChain into every worker, which `python -m ingest` does not do.


class Timed:
    """Delegates everything to ``inner``; calls of the named methods are timed."""

    def __init__(self, inner: Any, methods: tuple[str, ...]) -> None:
        self._inner = inner
        self._methods = set(methods)
        self.seconds: dict[str, float] = {m: 0.0 for m in methods}
        self.calls: dict[str, int] = {m: 0 for m in methods}
        self.items = 0  # texts passed to embed_documents

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if name not in self._methods or not callable(attr):
            return attr

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return attr(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1
                if name == "embed_documents" and args:
                    self.items += len(args[0])

        return timed

    def total(self) -> float:
        return sum(self.seconds.values())

    def reset(self) -> None:
        for m in self._methods:
            self.seconds[m], self.calls[m] = 0.0, 0
        self.items = 0


@dataclass
class Patches:
    """Times spent in the main process in functions of the pipeline (not its code)."""

    outcome_s: float = 0.0  # main process blocked on an extraction result
    first_outcome_s: float | None = None  # from run start to the first result
    scan_s: float = 0.0  # scan_corpus: listing and hashing the files
    run_started: float = 0.0
    before_close: list[dict[int, dict[str, float]]] = field(default_factory=list)


@contextlib.contextmanager
def patched(state: Patches, sampler: ProcSampler):
    """Time Extractor.outcome and scan_corpus; sample the workers just before the pool stops."""
    import ingest.pipeline as pipeline
    from ingest.sandbox import Extractor

    orig_outcome, orig_close, orig_scan = Extractor.outcome, Extractor.close, pipeline.scan_corpus

    def outcome(self: Any, future: Any) -> Any:
        start = time.perf_counter()
        try:
            return orig_outcome(self, future)
        finally:
            now = time.perf_counter()
            state.outcome_s += now - start
            if state.first_outcome_s is None:
                state.first_outcome_s = now - state.run_started

    def close(self: Any) -> None:
        sampler.sample()  # the workers' last figures, before they are stopped
        orig_close(self)

    def scan_corpus(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return orig_scan(*args, **kwargs)
        finally:
            state.scan_s += time.perf_counter() - start

    Extractor.outcome, Extractor.close = outcome, close  # type: ignore[method-assign]
    pipeline.scan_corpus = scan_corpus
    try:
        yield
    finally:
        Extractor.outcome, Extractor.close = orig_outcome, orig_close  # type: ignore[method-assign]
        pipeline.scan_corpus = orig_scan
