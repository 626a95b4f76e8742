"""Text from documents and users, made safe for Markdown: the one escaper every page uses.

Streamlit renders ``st.markdown``, titles, captions, alerts and widget labels as
Markdown (GitHub flavour plus ``:material/...:`` icons, ``:red[...]`` colours and
``$...$`` LaTeX). A document's title, heading, organisation or passage must show as the
characters it contains: no link, image, HTML element or formatting of its own. So every
character that can start a construct is backslash-escaped (CommonMark allows that for
any ASCII punctuation), list items and underlines at a line start are broken up, and
a zero-width space after ``http``/``www`` and before ``@`` stops GitHub autolinks.
"""

from __future__ import annotations

import re

# Everything that opens a link, image, HTML tag, entity, emphasis, code, heading, table,
# strikethrough, LaTeX, Streamlit directive (":red[", ":material/x:") or autolink
# ("http:", "a@b.org").
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+|~!$&:@^])")
# GitHub's autolink literals are found in the *parsed* text, where escapes no longer
# count: a zero-width space keeps "http://", "www." and "a@b.org" from becoming links.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|www)(?=\\?[:.])|(?<=[\w.+-])(?=\\@)")
_ZWSP = "\u200b"
_LINE_START = re.compile(r"^(\d+)([.)])|^([-=])")  # ordered and bullet list items, underlines


def _line(text: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", text.strip())
    escaped = _AUTOLINK.sub(lambda m: (m.group(1) or "") + _ZWSP, escaped)
    return _LINE_START.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", escaped
    )


def md_text(text: object, *, breaks: bool = True) -> str:
    """``text`` as Markdown that renders as exactly that text.

    With ``breaks`` (the default) line breaks and paragraphs are kept; without, all
    whitespace collapses to single spaces (for one-line places: list items, headings).
    """
    value = str(text if text is not None else "").replace("\r\n", "\n").replace("\r", "\n")
    if not breaks:
        return _line(" ".join(value.split()))
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", value) if p.strip()]
    return "\n\n".join(
        "  \n".join(_line(" ".join(line.split())) for line in p.split("\n") if line.strip())
        for p in paragraphs
    )


_BULLET = re.compile(r"^- (.*)$")


def md_answer(text: object) -> str:
    """An answer as Markdown: its ``- `` lines a list, the line heading a list bold (an
    extractive answer's document heading), everything else escaped as by ``md_text``."""
    out = []
    for paragraph in re.split(r"\n[ \t]*\n", str(text if text is not None else "")):
        lines = [line for line in paragraph.split("\n") if line.strip()]
        listed = any(_BULLET.match(line) for line in lines)
        rendered = []
        for i, line in enumerate(lines):
            bullet = _BULLET.match(line)
            if bullet:
                rendered.append("- " + md_text(bullet.group(1), breaks=False))
            elif listed and i == 0:
                rendered.append(f"**{md_text(line, breaks=False)}**")
            else:
                rendered.append(md_text(line, breaks=False) + "  ")
        if rendered:
            out.append("\n".join(rendered).rstrip())
    return "\n\n".join(out)
