"""BM25 kept as counts, so a write updates it for the chunks it changed.

bm25s precomputes every (chunk, token) score, and each depends on the whole corpus (the
idf and the average length), so one changed document meant re-tokenising and re-scoring
every chunk (92 s at 100,000 chunks). Here each chunk keeps its token counts; document
frequencies, lengths and postings are derived from them with array operations, and a
score is computed when a question asks for it. The scores are bm25s's, to the bit (its
Lucene variant with k1 = 1.5, b = 0.75, float32): the same formula with the same
operand types and the same order of addition.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

K1 = 1.5
B = 0.75


class CountsBM25:
    """Chunk rows of token counts; rows are added and removed, never edited."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {"": 0}  # bm25s always has the empty token
        self.row_tokens: list[np.ndarray] = []  # token ids of each row (unique)
        self.row_tf: list[np.ndarray] = []  # their counts, float32 as bm25s
        self.lengths: list[int] = []  # tokens per row, repeats included
        self._derived: tuple[np.ndarray, ...] | None = None

    def __len__(self) -> int:
        return len(self.lengths)

    def __getstate__(self) -> dict[str, object]:
        # Rows as two flat arrays and their sizes: pickling 100,000 small arrays one by one
        # took seconds at every write and every reader's switch to a new generation.
        sizes = np.fromiter((len(t) for t in self.row_tokens), np.int64, len(self))
        return {
            "vocab": self.vocab,
            "sizes": sizes,
            "tokens": np.concatenate(self.row_tokens) if len(self) else np.zeros(0, np.int32),
            "tf": np.concatenate(self.row_tf) if len(self) else np.zeros(0, np.float32),
            "lengths": np.asarray(self.lengths, dtype=np.int64),
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        if "row_tokens" in state:  # pickled by earlier code, row by row
            self.__dict__.update(state)
            self._derived = None
            return
        sizes = np.asarray(state["sizes"])
        cuts = np.cumsum(sizes)[:-1] if len(sizes) else []
        self.vocab = state["vocab"]  # type: ignore[assignment]
        self.row_tokens = np.split(np.asarray(state["tokens"]), cuts) if len(sizes) else []
        self.row_tf = np.split(np.asarray(state["tf"]), cuts) if len(sizes) else []
        self.lengths = [int(n) for n in np.asarray(state["lengths"])]
        self._derived = None

    def add(self, corpus: Sequence[list[str]]) -> None:
        """Rows appended for ``corpus`` (token lists; an empty one counts as the empty
        token, as ingestion has always indexed it)."""
        for tokens in corpus:
            counts = Counter(tokens or [""])
            ids = [self.vocab.setdefault(t, len(self.vocab)) for t in counts]
            self.row_tokens.append(np.asarray(ids, dtype=np.int32))
            self.row_tf.append(np.asarray(list(counts.values()), dtype=np.float32))
            self.lengths.append(len(tokens) or 1)
        self._derived = None

    def keep(self, rows: np.ndarray) -> CountsBM25:
        """A copy with only ``rows`` (positions, in the order given)."""
        out = CountsBM25()
        out.vocab = dict(self.vocab)  # ids of tokens no row has any more are simply unused
        out.row_tokens = [self.row_tokens[int(r)] for r in rows]
        out.row_tf = [self.row_tf[int(r)] for r in rows]
        out.lengths = [self.lengths[int(r)] for r in rows]
        return out

    def _arrays(self) -> tuple[np.ndarray, ...]:
        """(indptr, posting rows, posting counts, document frequency, lengths, avg)."""
        if self._derived is None:
            n_vocab = len(self.vocab)
            sizes = np.fromiter((len(t) for t in self.row_tokens), np.int64, len(self))
            tokens = np.concatenate(self.row_tokens) if len(self) else np.zeros(0, np.int32)
            tf = np.concatenate(self.row_tf) if len(self) else np.zeros(0, np.float32)
            rows = np.repeat(np.arange(len(self), dtype=np.int64), sizes)
            order = np.argsort(tokens, kind="stable")
            df = np.bincount(tokens, minlength=n_vocab)
            indptr = np.concatenate([[0], np.cumsum(df)])
            lengths = np.asarray(self.lengths, dtype=np.int64)
            avg = np.array(self.lengths).mean() if len(self) else 1.0
            self._derived = (indptr, rows[order], tf[order], df, lengths, avg)
        return self._derived

    def __contains__(self, token: str) -> bool:
        """Whether a chunk has ``token`` (the empty token always counts, as in bm25s)."""
        i = self.vocab.get(token)
        df = self._arrays()[3]
        return i is not None and (i == 0 or (i < len(df) and bool(df[i])))

    def idf(self, token: str) -> float:
        """The token's inverse document frequency as the scores use it; 0 when no row has it."""
        i = self.vocab.get(token)
        df = self._arrays()[3]
        if i is None or i >= len(df) or not df[i]:
            return 0.0
        return math.log(1 + (len(self) - df[i] + 0.5) / (df[i] + 0.5))

    def get_scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 of every row for the query ``tokens`` (unknown tokens count for nothing)."""
        indptr, rows, tf, df, lengths, avg = self._arrays()
        scores = np.zeros(len(self), dtype=np.float32)
        n = len(self)
        for token in tokens:
            i = self.vocab.get(token)
            if i is None or i >= len(df) or not df[i]:
                continue
            start, end = indptr[i], indptr[i + 1]
            idf = np.float32(math.log(1 + (n - df[i] + 0.5) / (df[i] + 0.5)))
            t = tf[start:end]
            tfc = t / (K1 * ((1 - B) + B * lengths[rows[start:end]] / avg) + t)
            np.add.at(scores, rows[start:end], (idf * tfc).astype(np.float32))
        return scores
