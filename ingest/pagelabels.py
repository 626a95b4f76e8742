"""Printed page numbers: the PDF's page labels, else the numbers printed on its pages.

A counsellor quotes the number printed on paper ("p. 21"), which differs from the PDF's
page index when covers and flaps are not numbered.
"""

from __future__ import annotations

from collections import Counter

from ingest.cleaning import PAGE_NUMBER, Line, normalise


def printed_page_numbers(pages: list[list[Line]], edge: int = 2) -> list[str]:
    """Printed page numbers, when one offset from the PDF index holds on most pages.

    "" for pages outside the numbered range (covers). Empty list when not reliable.
    """
    found: dict[int, int] = {}
    for index, lines in enumerate(pages):
        n = len(lines)
        ends = lines if n <= 2 * edge else lines[:edge] + lines[-edge:]
        if n > 2 * edge and any(line.y for line in lines):
            ends += sorted(lines, key=lambda line: line.y)[:edge]
            ends += sorted(lines, key=lambda line: line.y)[-edge:]
        for line in ends:
            m = PAGE_NUMBER.match(line.text.strip())
            if m:
                found[index] = int(m.group(1)) - index
                break
    if not found:
        return []
    offset, hits = Counter(found.values()).most_common(1)[0]
    if hits < 3 or hits < 0.6 * len(found):
        return []
    numbered = [i for i, off in found.items() if off == offset]
    first, last = min(numbered), max(numbered)
    return [
        str(i + offset) if first <= i <= last and i + offset >= 1 else "" for i in range(len(pages))
    ]


def page_labels(reader, raw_pages: list[list[Line]]) -> tuple[list[str], str]:
    """Each page's printed label and where the labels came from ("pdf", "printed", "")."""
    n = len(reader.pages)
    try:
        if "/PageLabels" in reader.trailer["/Root"]:
            # A label is the file's own text, shown in citations: kept short and plain.
            labels = [normalise(str(label))[:16] for label in reader.page_labels]
            if len(labels) == n:
                return labels, "pdf"
    except Exception:  # noqa: BLE001 - a broken label tree only loses the labels
        pass
    printed = printed_page_numbers(raw_pages)
    return (printed, "printed") if printed else ([""] * n, "")
