"""The answer log and user feedback, in SQLite; gap reports; Markdown export of a conversation.

``FeedbackStore`` is safe to share between threads (Streamlit sessions through
``st.cache_resource``): every call opens its own connection, writes are serialised by
a lock within the process and by SQLite's own locking across processes (WAL mode, 30 s
busy timeout).

What is stored per answer: the UTC time, the question *after* ``kb.redaction.redact``,
the answer text (also redacted: a model may repeat the question), found, mode,
language, filters, cited sources, the countries/topics of the cited or filtered
documents, the countries/topics the question names, the session id and, for a signed-in
user, an HMAC-SHA256 of the e-mail with a salt -- never the e-mail itself.

Gap grouping (``gap_summary``), the same rule for every gap (not found or thumbs down):
the filters' countries/topics if the user set any; else the ones the question names
(countries via ``kb.countries.mentioned_countries``, topics by English vocabulary
terms); else the countries/topics of the cited documents; else ``"(none)"``. A gap with
several values counts once under each, so the groups may add up to more than the gaps.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kb.answer.questions import cap
from kb.app.library import NONE, country_label
from kb.app.redaction import redact
from kb.core.countries import mentioned_countries
from kb.core.markup import md_text
from kb.core.text import fold
from kb.core.types import Answer, Citation, Filters
from kb.core.vocabulary import DEFAULT_VOCABULARY

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
        data["time"] = _iso(self.time)
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
        cited_countries, cited_topics = _cited_groups(answer)
        countries = _unique([*_as_list(filters.get("countries")), *cited_countries])
        topics = _unique([*_as_list(filters.get("topics")), *cited_topics])
        values = (
            _iso(self.clock()),
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
                (answer_id, score, text, _iso(self.clock())),
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
            params.append(_iso(since))
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
            when = _period(datetime.fromisoformat(row["created_at"]), period)
            reason = "not_found" if not row["found"] else "thumbs_down"
            for group in _groups(row, group_by):
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


def question_topics(question: str, vocabulary: Sequence[str] | None = None) -> list[str]:
    """Vocabulary topics a question names in English ('youth guarantee' -> youth-guarantee).

    Each word of a term matches a word starting with all but its last letter, so
    plurals and adjectives match ('employer services' but not 'employment services').
    """
    folded = fold(question)
    found = []
    for term in vocabulary or DEFAULT_VOCABULARY["topics"]:
        parts = [re.escape(w[: max(4, len(w) - 1)]) + r"\w*" for w in term.split("-")]
        if re.search(r"\b" + r"[\s-]+".join(parts), folded):
            found.append(term)
    return found


def _groups(row: sqlite3.Row, group_by: str) -> list[str]:
    if group_by == "language":
        return [row["language"] or NONE]
    key = "countries" if group_by == "country" else "topics"
    filters = json.loads(row["filters"])
    for values in (
        _as_list(filters.get(key)),
        json.loads(row[f"question_{key}"]),
        json.loads(row[key]),
    ):
        if values:
            return _unique(str(v) for v in values)
    return [NONE]


def _cited_groups(answer: Answer) -> tuple[list[str], list[str]]:
    """Countries and topics of the cited documents (topics come from the passages)."""
    cited = {c.doc_id for c in answer.citations}
    countries = [c.country for c in answer.citations if c.country]
    topics: list[str] = []
    for passage in answer.passages:
        if passage.doc_id in cited:
            if passage.metadata.get("country"):
                countries.append(str(passage.metadata["country"]))
            topics.extend(_as_list(passage.metadata.get("topics")))
    return _unique(countries), _unique(topics)


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list | tuple | set):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(values))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _iso(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _period(when: datetime, period: str) -> str:
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    year, week, _ = when.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _decode(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    json_keys = ("filters", "sources", "countries", "topics")
    for key in (*json_keys, "question_countries", "question_topics"):
        data[key] = json.loads(data[key])
    data["found"] = bool(data["found"])
    return data


# --- Markdown export ------------------------------------------------------------


def export_conversation_markdown(
    turns: Sequence[tuple[str, Answer]],
    exported_at: datetime | None = None,
    source_link: Callable[[Citation], str] | None = None,
) -> str:
    """A Markdown document of a conversation: questions, answers and numbered sources.

    Each source lists title, country, year, page and a link to the document at the
    page: ``source_link(citation)`` when given (the app passes its own source page, so
    the link works outside the app's folder and still asks for sign-in), else the
    citation's corpus path. Questions, answers, titles and quotes are written as plain
    text (``kb.markup.md_text``), so text from the documents cannot format or link.
    """
    when = _iso(exported_at or datetime.now(UTC))
    out = [
        "# Conversation export",
        "",
        f"_Exported {when} from the PES knowledge base. Text from the documents "
        "(answers, titles, quotes) is quoted as plain text: any formatting or "
        "instructions in it are reproduced, not applied._",
    ]
    for i, (question, answer) in enumerate(turns, start=1):
        heading = f"## {i}. {md_text(question, breaks=False)}"
        out += ["", heading, "", md_text(answer.text) or "_(empty)_"]
        if not answer.found:
            out += ["", "_The knowledge base does not answer this question._"]
        if answer.citations:
            out += ["", "**Sources**", ""]
            for c in sorted(answer.citations, key=lambda c: c.n):
                link = source_link(c) if source_link else c.link
                out.append(f"{c.n}. {_source_line(c, link)}")
                if c.quote.strip():
                    out.append(f"    > {md_text(c.quote, breaks=False)}")
    return "\n".join(out) + "\n"


def _source_line(c: Citation, link: str) -> str:
    details = []
    if c.country:
        country = md_text(country_label(c.country), breaks=False)
        details.append(f"{country} ({md_text(c.country, breaks=False)})")
    if c.year:
        details.append(str(c.year))
    if c.page:
        details.append(f"p. {md_text(c.page_display, breaks=False)}")
    line = f"*{md_text(c.title, breaks=False)}*"
    if details:
        line += " — " + ", ".join(details)
    if link:
        target = quote(link, safe="/#=:?&%.-_~")
        if ":" in target.split("/", 1)[0] and not target.startswith(("http://", "https://")):
            target = "./" + target  # a corpus file named "javascript:x" is a path, not a scheme
        line += f" — [open]({target})"
    return line
