"""The answer log and user feedback, in SQLite, and gap reports (grouping rules in
``kb.app.gap_groups``; the Markdown export of a conversation is ``kb.app.export``).

``FeedbackStore`` is safe to share between threads (Streamlit sessions through
``st.cache_resource``): every call opens its own connection, writes are serialised by
a lock within the process and by SQLite's own locking across processes (WAL mode, 30 s
busy timeout).

What is stored per answer: the UTC time, the question *after* ``kb.app.redaction.redact``,
the answer text (also redacted: a model may repeat the question), found, mode,
language, filters, cited sources, the countries/topics of the cited or filtered
documents, the countries/topics the question names, the session id and, for a signed-in
user, an HMAC-SHA256 of the e-mail with a salt -- never the e-mail itself.

Gap grouping (``gap_summary``), the same rule for every gap (not found or thumbs down):
the filters' countries/topics if the user set any; else the ones the question names
(countries via ``kb.core.countries.mentioned_countries``, topics by English vocabulary
terms); else the countries/topics of the cited documents; else ``"(none)"``. A gap with
several values counts once under each, so the groups may add up to more than the gaps.
"""

from __future__ import annotations

import hmac
import json
import secrets
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any

from kb.answer.questions import cap
from kb.app.gap_groups import (
    as_list,
    cited_groups,
    period_of,
    question_topics,
    row_groups,
    unique,
)
from kb.app.redaction import redact
from kb.core.countries import mentioned_countries
from kb.core.types import Answer, Filters

SCHEMA_VERSION = 1
NOT_FOUND = "not found"
THUMBS_DOWN = "thumbs down"
GROUPS = ("topic", "country", "language")
PERIODS = ("week", "month")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,               -- UTC, ISO 8601, seconds
    session_id TEXT NOT NULL,
    user_hash TEXT,                         -- HMAC-SHA256(salt, e-mail), never the e-mail
    question TEXT NOT NULL,                 -- redacted
    answer TEXT NOT NULL,                   -- redacted
    found INTEGER NOT NULL,
    mode TEXT NOT NULL,
    language TEXT NOT NULL,
    filters TEXT NOT NULL,                  -- JSON object
    sources TEXT NOT NULL,                  -- JSON [{n, doc_id, title, page, country, year}]
    countries TEXT NOT NULL,                -- JSON: countries of cited or filtered documents
    topics TEXT NOT NULL,                   -- JSON: topics of cited or filtered documents
    question_countries TEXT NOT NULL,       -- JSON: countries the question names
    question_topics TEXT NOT NULL           -- JSON: vocabulary topics the question names
);
CREATE INDEX IF NOT EXISTS answers_created ON answers (created_at);
CREATE TABLE IF NOT EXISTS feedback (
    answer_id INTEGER PRIMARY KEY REFERENCES answers (id) ON DELETE CASCADE,
    score INTEGER NOT NULL CHECK (score IN (0, 1)),
    comment TEXT,                           -- redacted
    updated_at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class GapRow:
    """A question the knowledge base did not answer well."""

    answer_id: int
    time: datetime  # when the question was asked (UTC)
    question: str  # redacted
    language: str
    filters: dict[str, Any]
    reason: str  # NOT_FOUND or THUMBS_DOWN
    comment: str | None
    mode: str = ""
    countries: list[str] = field(default_factory=list)  # of cited or filtered documents
    topics: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["time"] = utc_iso(self.time)
        return data


class FeedbackStore:
    """Answer log plus thumbs up/down, one SQLite file; shareable across threads.

    ``salt`` keys the hash of user e-mails. Pass a deployment secret (e.g. from
    ``st.secrets``) so the database alone cannot confirm a guessed address; without
    one, a random salt is created once and kept in the database. ``clock`` returns
    the current time (tests pass a fixed one).
    """

    def __init__(
        self,
        path: Path,
        salt: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = Path(path)
        self.clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self._connect() as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(_SCHEMA)  # idempotent; commits by itself
            con.execute("BEGIN IMMEDIATE")
            self._check_version(con)
            self._salt = salt if salt is not None else self._stored_salt(con)
            con.execute("COMMIT")

    # --- connections ------------------------------------------------------
    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            con.row_factory = sqlite3.Row
            con.execute("PRAGMA foreign_keys=ON")
            con.execute("PRAGMA busy_timeout=30000")
            con.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; far fewer fsyncs
            yield con
        finally:
            con.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    @staticmethod
    def _check_version(con: sqlite3.Connection) -> None:
        row = con.execute("SELECT MAX(version) FROM schema_version").fetchone()
        version = row[0]
        if version is None:
            con.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        elif version > SCHEMA_VERSION:
            raise RuntimeError(
                f"feedback database schema {version} is newer than this code ({SCHEMA_VERSION})"
            )

    @staticmethod
    def _stored_salt(con: sqlite3.Connection) -> str:
        row = con.execute("SELECT value FROM meta WHERE key = 'user_salt'").fetchone()
        if row:
            return str(row[0])
        salt = secrets.token_hex(16)
        con.execute("INSERT INTO meta (key, value) VALUES ('user_salt', ?)", (salt,))
        return salt

    def schema_version(self) -> int:
        with self._connect() as con:
            return int(con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0])

    # --- writing ----------------------------------------------------------
    def hash_user(self, user: str) -> str:
        """The stored form of a user id: HMAC-SHA256 of the trimmed, lower-cased e-mail."""
        return hmac.new(self._salt.encode(), user.strip().lower().encode(), sha256).hexdigest()

    def record_answer(
        self,
        question: str,
        answer: Answer,
        filters: Mapping[str, Any] | Filters | None,
        session_id: str,
        user: str | None = None,
    ) -> int:
        """Log one answered question; returns the answer id for ``record_feedback``."""
        if isinstance(filters, Filters):
            filters = filters.to_dict()
        filters = dict(filters or answer.filters or {})
        sources = [
            {
                "n": c.n,
                "doc_id": c.doc_id,
                "title": c.title,
                "page": c.page,
                "country": c.country,
                "year": c.year,
            }
            for c in answer.citations
        ]
        cited_countries, cited_topics = cited_groups(answer)
        countries = unique([*as_list(filters.get("countries")), *cited_countries])
        topics = unique([*as_list(filters.get("topics")), *cited_topics])
        values = (
            utc_iso(self.clock()),
            session_id,
            self.hash_user(user) if user and user.strip() else None,
            redact(cap(question)),  # the app refuses longer ones; this bounds the rest
            redact(cap(answer.text, 20_000)),
            int(bool(answer.found)),
            answer.mode or "",
            answer.language or "",
            _json(filters),
            _json(sources),
            _json(countries),
            _json(topics),
            _json(mentioned_countries(question)),
            _json(question_topics(question)),
        )
        with self._write() as con:
            cur = con.execute(
                "INSERT INTO answers (created_at, session_id, user_hash, question, answer, "
                "found, mode, language, filters, sources, countries, topics, "
                "question_countries, question_topics) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                values,
            )
            return int(cur.lastrowid or 0)

    def record_feedback(self, answer_id: int, score: int, comment: str | None = None) -> None:
        """Thumbs up (1) or down (0) with an optional comment; the latest one counts.

        Raises KeyError for an unknown answer id and ValueError for another score.
        """
        if isinstance(score, bool):
            score = int(score)
        if score not in (0, 1):
            raise ValueError(f"score must be 1 (thumbs up) or 0 (thumbs down), not {score!r}")
        text = redact(cap(comment.strip())) if comment and comment.strip() else None
        with self._write() as con:
            if not con.execute("SELECT 1 FROM answers WHERE id = ?", (answer_id,)).fetchone():
                raise KeyError(f"no answer with id {answer_id}")
            con.execute(
                "INSERT INTO feedback (answer_id, score, comment, updated_at) VALUES (?,?,?,?) "
                "ON CONFLICT (answer_id) DO UPDATE SET score = excluded.score, "
                "comment = excluded.comment, updated_at = excluded.updated_at",
                (answer_id, score, text, utc_iso(self.clock())),
            )

    # --- reading ----------------------------------------------------------
    def get_answer(self, answer_id: int) -> dict[str, Any] | None:
        """One logged answer with its JSON fields decoded and its feedback (or None)."""
        with self._connect() as con:
            row = con.execute(
                "SELECT a.*, f.score, f.comment FROM answers a "
                "LEFT JOIN feedback f ON f.answer_id = a.id WHERE a.id = ?",
                (answer_id,),
            ).fetchone()
        return _decode(row) if row else None

    def gaps(self, since: datetime | None = None) -> list[GapRow]:
        """Answers that were 'not found' or got a thumbs down, newest first.

        ``since`` filters on the time the question was asked (naive = UTC). An answer
        both not found and thumbed down is listed once, as NOT_FOUND, with the comment.
        """
        return [
            GapRow(
                answer_id=row["id"],
                time=datetime.fromisoformat(row["created_at"]),
                question=row["question"],
                language=row["language"],
                filters=json.loads(row["filters"]),
                reason=NOT_FOUND if not row["found"] else THUMBS_DOWN,
                comment=row["comment"],
                mode=row["mode"],
                countries=json.loads(row["countries"]),
                topics=json.loads(row["topics"]),
            )
            for row in self._gap_rows(since)
        ]

    def _gap_rows(self, since: datetime | None) -> list[sqlite3.Row]:
        """Answers not found or thumbed down (with their latest feedback), newest first."""
        sql = (
            "SELECT a.*, f.score, f.comment FROM answers a "
            "LEFT JOIN feedback f ON f.answer_id = a.id WHERE (a.found = 0 OR f.score = 0)"
        )
        params: list[Any] = []
        if since is not None:
            sql += " AND a.created_at >= ?"
            params.append(utc_iso(since))
        sql += " ORDER BY a.created_at DESC, a.id DESC"
        with self._connect() as con:
            return con.execute(sql, params).fetchall()

    def gap_summary(
        self, group_by: str, period: str = "week", since: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Gap counts per period and group, for charts and tables.

        ``group_by``: "topic", "country" or "language"; ``period``: "week" (ISO week,
        '2026-W48') or "month" ('2026-11'). Rows ``{"period", "group", "not_found",
        "thumbs_down", "total"}`` sorted by period, then by total (descending), then
        group. How a gap is assigned to groups is explained in the module docstring.
        """
        if group_by not in GROUPS:
            raise ValueError(f"group_by must be one of {', '.join(GROUPS)}, not {group_by!r}")
        if period not in PERIODS:
            raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
        counts: Counter[tuple[str, str, str]] = Counter()
        for row in self._gap_rows(since):
            when = period_of(datetime.fromisoformat(row["created_at"]), period)
            reason = "not_found" if not row["found"] else "thumbs_down"
            for group in row_groups(row, group_by):
                counts[(when, group, reason)] += 1
        table: dict[tuple[str, str], dict[str, Any]] = {}
        for (when, group, reason), n in counts.items():
            entry = table.setdefault(
                (when, group),
                {"period": when, "group": group, "not_found": 0, "thumbs_down": 0, "total": 0},
            )
            entry[reason] += n
            entry["total"] += n
        return sorted(table.values(), key=lambda e: (e["period"], -e["total"], e["group"]))


# --- helpers ---------------------------------------------------------------------


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def utc_iso(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _decode(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    json_keys = ("filters", "sources", "countries", "topics")
    for key in (*json_keys, "question_countries", "question_topics"):
        data[key] = json.loads(data[key])
    data["found"] = bool(data["found"])
    return data
