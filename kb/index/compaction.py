"""When a write collapses a generation's stack of segments into one (compaction).

A write adds one segment over the published generation's (``kb.index.segments``), so
it costs what it changes; readers pay for the stack instead (each dense query asks
every segment, tombstones make them ask for more). Compaction copies the visible
records into one fresh segment: a generation with identical content, published like
any other under the writer lock, at the cost of rewriting the whole index (minutes at
100,000 chunks). So the caller decides when it may happen:

- ``defer`` (curation and any other small write): only at the hard bound,
  ``store.max_segments_hard`` segments. Nobody compacting must not let the stack grow
  without limit, and refusing the curator's write would lose the edit; so the write
  that would pass the bound compacts, slowly, and still publishes.
- ``auto`` (the scheduled ``python -m ingest run``): past the soft bounds,
  ``store.max_segments`` segments or ``store.max_dead_share`` of the stored records
  tombstoned.
- ``force`` (``python -m ingest compact``): whenever there is more than one segment
  or any tombstone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kb.index.segments import SegmentRef
from kb.index.store import KnowledgeStore

Compaction = Literal["defer", "auto", "force"]
MODES: tuple[str, ...] = ("defer", "auto", "force")


@dataclass(frozen=True)
class StackBounds:
    max_segments: int = 8
    max_dead_share: float = 0.2
    max_segments_hard: int = 24


def stored_records(ref: SegmentRef, layer: KnowledgeStore) -> int:
    """Records a segment holds, tombstoned or not: recorded in the descriptor when the
    segment was published (counting a large Chroma collection takes ~0.2 s)."""
    if ref.stored is None:
        windows = layer.windows.count() if layer.windows is not None else 0
        ref.stored = {
            "chunks": layer.chunks.count(),
            "windows": windows,
            "manifest": layer.manifest.count(),
        }
    return sum(ref.stored.values())


def visible_chunks(refs: Sequence[SegmentRef], layers: Sequence[KnowledgeStore]) -> int:
    """Chunks a stack shows (stored minus tombstoned), from the recorded counts."""
    total = 0
    for ref, layer in zip(refs, layers, strict=True):
        stored_records(ref, layer)
        assert ref.stored is not None
        total += ref.stored["chunks"] - len(ref.dead["chunks"])
    return total


def must_compact(
    mode: Compaction,
    refs: Sequence[SegmentRef],
    layers: Sequence[KnowledgeStore],
    bounds: StackBounds,
) -> bool:
    """Whether a draft over these (non-empty) segments starts one fresh segment."""
    if mode not in MODES:
        raise ValueError(f"unknown compaction mode {mode!r} (one of {', '.join(MODES)})")
    dead = sum(len(ids) for ref in refs for ids in ref.dead.values())
    if mode == "force":
        return len(refs) > 1 or dead > 0
    # the draft's own segment goes on top: past the bound, it would be one too many
    if len(refs) + 1 > max(bounds.max_segments_hard, bounds.max_segments):
        return True
    if mode == "defer":
        return False
    if len(refs) + 1 > bounds.max_segments:
        return True
    if not dead:
        return False
    stored = sum(stored_records(r, x) for r, x in zip(refs, layers, strict=True))
    return dead > bounds.max_dead_share * stored


def copy_store(source: KnowledgeStore, target: KnowledgeStore) -> None:
    """Every chunk and window (with their vectors) and manifest record of ``source``
    into ``target``."""
    include = ["documents", "metadatas", "embeddings"]
    for page in source.iter_chunks(include):
        target.add_chunks(page["ids"], page["documents"], page["embeddings"], page["metadatas"])
    for page in source.iter_chunks(include, collection="windows"):
        target.add_windows(page["ids"], page["documents"], page["embeddings"], page["metadatas"])
    for record in source.documents().values():
        target.put_record(record)
    for doc_id, failure in source.failures().items():
        target.put_failure(doc_id, failure)
