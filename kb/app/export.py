"""A conversation as a Markdown document, for staff to keep or share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from urllib.parse import quote

from kb.app.feedback import utc_iso
from kb.app.library import country_label
from kb.core.markup import md_text
from kb.core.types import Answer, Citation


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
    text (``kb.core.markup.md_text``), so text from the documents cannot format or link.
    """
    when = utc_iso(exported_at or datetime.now(UTC))
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
