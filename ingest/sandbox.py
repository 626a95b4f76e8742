"""Run untrusted-file extraction in worker processes bounded in time and memory.

pypdf has had infinite-loop and memory-blow-up bugs; a worker that exceeds its
time is killed and replaced (pebble), and its address space is capped with
RLIMIT_AS, so one hostile file costs one failed entry in the report and
nothing else.
"""

from __future__ import annotations

import io
import os
import resource
import zipfile
from concurrent.futures import TimeoutError as FutureTimeout
from multiprocessing import context as mp_context
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from typing import Any

from pebble import ProcessExpired, ProcessFuture, ProcessPool

from ingest import ocr
from ingest.limits import LimitError
from ingest.loaders import ExtractionError
from ingest.prepare import PreparedDocument, PrepareJob, prepare


class _NoMainPopen(popen_forkserver.Popen):
    """Start a forkserver worker without re-importing ``__main__``.

    Workers only run ``ingest`` code, but multiprocessing re-runs the parent's
    main script in each worker: slow for scripts and fatal when there is no
    file (stdin, notebooks). This is CPython 3.11's ``_launch`` minus that step.
    """

    def _launch(self, process_obj):  # noqa: ANN001 - mirrors CPython
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        mp_context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            mp_context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        _parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _WorkerProcess(mp_context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):  # noqa: ANN001, N802 - multiprocessing's name
        return _NoMainPopen(process_obj)


class _WorkerContext(mp_context.ForkServerContext):
    Process = _WorkerProcess


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def describe_failure(exc: BaseException, memory_mb: int = 0) -> str:
    """A curator-readable reason for a failed extraction."""
    from pypdf import errors as pdf

    name = type(exc).__name__
    if isinstance(exc, ExtractionError):
        return str(exc)
    if isinstance(exc, pdf.FileNotDecryptedError):
        return "encrypted PDF (password protected): cannot extract text"
    if isinstance(exc, pdf.DependencyError):
        if "crypt" in str(exc).lower() or "aes" in str(exc).lower():
            return f"encrypted PDF needs the 'cryptography' package: {exc}"
        return f"PDF needs a decoder that is not installed: {exc}"
    if isinstance(exc, pdf.EmptyFileError):
        return "empty file (0 bytes)"
    if isinstance(exc, pdf.LimitReachedError):
        return f"content exceeds the decompression limit (possible decompression bomb): {exc}"
    if isinstance(exc, pdf.PyPdfError | pdf.PdfStreamError):
        return f"corrupted or truncated PDF ({name}: {exc})"
    if isinstance(exc, RecursionError):
        return "corrupted document structure (cyclic references)"
    if isinstance(exc, zipfile.BadZipFile | KeyError):
        return f"corrupted DOCX package ({name}: {exc})"
    if isinstance(exc, MemoryError):
        return f"extraction exceeded the memory limit ({memory_mb} MB)"
    return f"could not read the file ({name}: {exc})"


def _prepare_in_worker(job: PrepareJob, memory_mb: int) -> PreparedDocument:
    try:
        return prepare(job)
    except LimitError:
        raise
    except MemoryError:
        raise LimitError(
            f"extraction exceeded the memory limit of {memory_mb} MB (ingest.extract_memory_mb)",
            "extract_memory_mb",
        ) from None
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a report line
        raise ExtractionError(describe_failure(exc, memory_mb)) from None


def _context() -> _WorkerContext:
    # Workers fork from a clean server, never from a parent holding Chroma's threads.
    context = _WorkerContext()
    context.set_forkserver_preload(["ingest.worker_preload"])
    return context


def warm_up() -> None:
    """Start the extraction forkserver now: it imports its preload (~3 s on 2 cores) in
    its own process while the caller reads the index, instead of when the first file is
    extracted. Each curation write runs in a new process, so it paid this every time."""
    _context()
    forkserver.ensure_running()


class Extractor:
    """A small pool of bounded extraction workers; use as a context manager."""

    def __init__(self, workers: int = 1, timeout_s: float = 60.0, memory_mb: int = 1536) -> None:
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self._pool = ProcessPool(
            max_workers=workers,
            initializer=_limit_memory,
            initargs=(memory_mb,),
            context=_context(),
        )

    def submit(self, job: PrepareJob) -> ProcessFuture:
        # A PDF's image-only pages are read by OCR inside the worker, each page bounded and
        # all of them by the job's OCR budget, which the worker's time limit makes room for.
        timeout = self.timeout_s
        if job.ocr and job.path.lower().endswith(".pdf") and ocr.available():
            timeout += job.ocr_budget_s
        return self._pool.schedule(_prepare_in_worker, args=(job, self.memory_mb), timeout=timeout)

    def outcome(self, future: ProcessFuture) -> PreparedDocument:
        """The prepared document, or ExtractionError with the reason."""
        try:
            return future.result()
        except ExtractionError:
            raise
        except FutureTimeout:
            raise LimitError(
                f"extraction took longer than the limit of {self.timeout_s:g} s "
                "(ingest.extract_timeout_s) and was stopped",
                "extract_timeout_s",
            ) from None
        except ProcessExpired as exc:
            raise LimitError(
                f"extraction process died (exit code {exc.exitcode}); "
                f"likely over the memory limit of {self.memory_mb} MB (ingest.extract_memory_mb)",
                "extract_memory_mb",
            ) from None

    def close(self) -> None:
        self._pool.stop()
        self._pool.join()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
