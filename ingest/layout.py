"""Reading order of a PDF page: columns read one after the other, table rows as lines of cells.

pypdf's text visitor gives every text fragment with its position, font and size. Fragments
are joined into segments (a run of text on one baseline without a wide gap); segments
are then ordered as a reader reads the page:

- a page with two text columns (a gutter: several long lines starting at one x in the
  middle of the page, with text on its left that does not cross it) is read in bands from
  top to bottom: a line that spans both columns ends a band, and within a band the whole
  left column comes before the right one;
- otherwise the content stream's order is kept, with segments of one baseline brought
  together left to right (a table drawn column by column becomes rows).

Segments of one baseline separated by a wide gap are cells of a table row and are joined
with " | ".

The widths of fragments come from the fonts' width tables (an estimate where the font
has none); a wrong estimate only moves a cell boundary, never loses text.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

CELL_SEPARATOR = " | "
_CELL_GAP_EM = 2.0  # a gap this wide (in font sizes) on one baseline separates cells
_BASELINE = 1.0  # points: fragments this close vertically are on one line
_BULLET = re.compile(
    r"[\u2022\u25aa\u25cf\u2013\u2014\-*>\u00b7\uf0b7]|\(?\d{1,2}[.)]|\d{1,2}(?:\.\d{1,2})+\.?"
)
_MIN_COLUMN_LINES = 3
_MIN_COLUMN_CHARS = 15  # the mean length of a column's lines: shorter ones are table cells


@dataclass
class Fragment:
    text: str
    x: float
    y: float
    size: float
    bold: bool
    width: float
    positioned: bool = True  # False: pypdf gave no position (continues the previous one)


@dataclass
class Segment:
    """Text on one baseline without a wide gap: a line of a column, or a table cell."""

    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    y: float = 0.0
    sizes: list[float] = field(default_factory=list)
    bolds: list[bool] = field(default_factory=list)
    index: int = 0  # position in the content stream: the tie-break

    @property
    def size(self) -> float:
        return max(self.sizes) if self.sizes else 0.0


Widths = dict[int, tuple[int, list[float], float]]


def _font_widths(font: dict | None, cache: Widths) -> tuple[int, list[float], float]:
    """(first char code, widths in em, mean width in em) of a font dictionary. The cache
    lives for one page, while its font objects (and so their ids) do."""
    if not font:
        return 0, [], 0.5
    key = id(font)
    if key in cache:
        return cache[key]
    first, widths = 0, []
    try:
        if "/Widths" in font:
            first = int(font.get("/FirstChar", 0))
            widths = [float(w) / 1000 for w in font["/Widths"].get_object()]
        elif "/DescendantFonts" in font:
            desc = font["/DescendantFonts"].get_object()[0].get_object()
            array = desc.get("/W")
            raw = list(array.get_object()) if array is not None else []
            i, cid_widths = 0, []
            while i < len(raw):
                item = raw[i + 1].get_object() if i + 1 < len(raw) else None
                if isinstance(item, list):
                    cid_widths += [float(w) for w in item]
                    i += 2
                else:
                    if i + 2 < len(raw):
                        cid_widths.append(float(raw[i + 2]))
                    i += 3
            default = float(desc.get("/DW", 1000))
            mean = statistics.fmean(w for w in cid_widths if w > 0) if cid_widths else default
            cache[key] = (0, [], min(max(mean / 1000, 0.3), 1.0))
            return cache[key]
    except Exception:  # a damaged width table: the estimate below will do
        first, widths = 0, []
    positive = [w for w in widths if w > 0]
    mean = statistics.fmean(positive) if positive else 0.5
    cache[key] = (first, widths, min(max(mean, 0.3), 0.8))
    return cache[key]


def text_width(text: str, font: dict | None, size: float, cache: Widths) -> float:
    first, widths, mean = _font_widths(font, cache)
    total = 0.0
    for ch in text:
        code = ord(ch) - first
        if ch.isascii() and 0 <= code < len(widths) and widths[code] > 0:
            total += widths[code]
        else:
            total += 0.25 if ch == " " else mean
    return total * size


def page_fragments(page) -> list[Fragment]:
    """The page's text fragments with positions (pypdf's visitor), in content-stream order."""
    frags: list[Fragment] = []
    cache: Widths = {}

    def visit(text, cm, tm, font_dict, font_size):
        scale = abs(tm[3] * cm[3]) or 1.0
        base = str((font_dict or {}).get("/BaseFont", ""))
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        size = round(font_size * scale, 1)
        width = text_width(text.rstrip("\n"), font_dict, size, cache)
        positioned = bool(tm[4] or tm[5]) or bool(cm[4] or cm[5])
        frags.append(Fragment(text, x, y, size, "Bold" in base, width, positioned))

    page.extract_text(visitor_text=visit)
    return frags


def _wordy(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _is_label(text: str, following: str = "", first: bool = False) -> bool:
    """A bullet or a list or section number: what follows it is not another cell. A bare
    number is one only first on its line and before a word ("1   Welche ...")."""
    text = text.strip()
    if _BULLET.fullmatch(text):
        return True
    return first and text.isdigit() and len(text) <= 2 and following.strip()[:1].isalpha()


def segments(frags: list[Fragment]) -> list[Segment]:
    """Fragments joined into segments: split at a newline, a change of baseline, or a gap
    wider than two font sizes."""
    out: list[Segment] = []
    seg: Segment | None = None

    def close():
        nonlocal seg
        if seg is not None and seg.text.strip():
            seg.index = len(out)
            out.append(seg)
        seg = None

    last: tuple[float, float] | None = None
    for frag in frags:
        # pypdf sometimes repeats the previous fragment's position for the next one on the
        # line (it does not advance): that fragment goes on where the text before it ends.
        stale = last == (frag.x, frag.y) and seg is not None and bool(seg.text)
        positioned = frag.positioned and not stale
        if frag.positioned:
            last = (frag.x, frag.y)
        parts = frag.text.split("\n")
        for i, part in enumerate(parts):
            if i > 0:
                close()
            if not part:
                continue
            if seg is not None and seg.text and positioned:
                gap = frag.x - seg.x1
                if abs(frag.y - seg.y) > _BASELINE:
                    close()
                elif (
                    gap > _CELL_GAP_EM * max(frag.size, 1.0)
                    and not _is_label(seg.text, part, first=True)
                    and _wordy(part)  # a hyphen or a comma ends the text before it
                ):
                    close()
            if seg is None:
                seg = Segment(x0=frag.x, x1=frag.x, y=frag.y)
            if not seg.text.strip() and positioned:
                seg.x0, seg.y = frag.x, frag.y
            label = seg.text and _is_label(seg.text, part, True) and not seg.text[-1:].isspace()
            if label and part[:1].isalpha():
                seg.text += " "  # "2.4" and "Pflichten" are separate fragments of a heading
            if part.strip():
                seg.sizes.append(frag.size)
                seg.bolds.append(frag.bold)
            seg.text += part
            seg.x1 = max(seg.x1, (frag.x if positioned else seg.x1) + frag.width)
    close()
    return out


def _gutter(segs: list[Segment], page_left: float, page_width: float) -> float | None:
    """The x where a right text column starts, or None for a page without columns."""
    starts: dict[int, int] = {}
    for s in segs:
        if 0.25 * page_width <= s.x0 - page_left <= 0.75 * page_width and len(s.text.strip()) >= 10:
            starts[round(s.x0)] = starts.get(round(s.x0), 0) + 1
    best, best_count = None, 0
    for start, _ in sorted(starts.items(), key=lambda kv: -kv[1]):
        right = [s for s in segs if abs(s.x0 - start) <= 2]
        if len(right) < _MIN_COLUMN_LINES or len(right) <= best_count:
            continue
        top, bottom = max(s.y for s in right), min(s.y for s in right)
        inside = [s for s in segs if bottom <= s.y <= top and s.x0 < start - 2]
        tol = statistics.median(s.size for s in right) * 0.5
        left = [s for s in inside if s.x1 <= start + tol]
        crossing = [s for s in inside if s.x1 > start + tol]
        if (
            len(left) >= _MIN_COLUMN_LINES
            and statistics.fmean(len(s.text.strip()) for s in left) >= _MIN_COLUMN_CHARS
            and statistics.fmean(len(s.text.strip()) for s in right) >= _MIN_COLUMN_CHARS
            and len(crossing) <= 0.25 * (len(left) + len(right))
        ):
            best, best_count = float(start), len(right)
    return best


def _rows(segs: list[Segment]) -> list[list[Segment]]:
    """Segments grouped by baseline, top to bottom; a row's cells left to right. A small
    raised fragment (a footnote mark) goes with the line it is raised above."""
    rows: list[list[Segment]] = []
    for s in sorted(segs, key=lambda s: (-s.y, s.index)):
        if rows:
            row = rows[-1]
            main = max(row, key=lambda r: r.size)
            same = abs(main.y - s.y) <= _BASELINE
            raised = main if main.size < s.size else s  # the smaller one, above the other
            lower = s if raised is main else main
            mark = 0 < raised.y - lower.y <= 0.6 * lower.size and raised.size < 0.8 * lower.size
            if same or mark:
                row.append(s)
                continue
        rows.append([s])
    return [sorted(row, key=lambda s: s.x0) for row in rows]


def reading_order(
    segs: list[Segment], page_width: float, page_left: float = 0.0
) -> list[list[Segment]]:
    """The page's rows in reading order (see the module's docstring)."""
    if not segs:
        return []
    gutter = _gutter(segs, page_left, page_width)
    if gutter is None:
        # One column: the content stream's order, only the cells of a row brought together
        # (the edges of the stream are where running headers and footers are looked for).
        return sorted(_rows(segs), key=lambda row: min(s.index for s in row))
    tol = statistics.median(s.size for s in segs) * 0.5

    def column(s: Segment) -> str:
        if s.x0 >= gutter - 2:
            return "R"
        return "L" if s.x1 <= gutter + tol else "S"

    # A row of three or more cells across the gutter is a table row, not two columns.
    rows = [row for row in _rows(segs) if sum(_wordy(s.text) for s in row) >= 3]
    spanning = {id(s) for row in rows for s in row}
    kinds = {id(s): "S" if id(s) in spanning else column(s) for s in segs}
    bands: list[list[Segment]] = []
    current: list[Segment] = []
    for s in sorted(segs, key=lambda s: (-s.y, s.index)):
        if kinds[id(s)] == "S":
            if current:
                bands.append(current)
            bands.append([s])
            current = []
        else:
            current.append(s)
    if current:
        bands.append(current)
    out: list[list[Segment]] = []
    for band in bands:
        for part in _split_tail(band, kinds):
            left = [s for s in part if kinds[id(s)] != "R"]
            right = [s for s in part if kinds[id(s)] == "R"]
            out += _rows(left) + _rows(right)
    return out


def _split_tail(band: list[Segment], kinds: dict[int, str]) -> list[list[Segment]]:
    """Lines of one column below the other column's end, after a wider gap than the
    band's line spacing, come after both columns (a heading under a two-column part)."""
    left = [s for s in band if kinds[id(s)] != "R"]
    right = [s for s in band if kinds[id(s)] == "R"]
    if not left or not right:
        return [band]
    for longer, other in ((left, right), (right, left)):
        ys = sorted({round(s.y, 1) for s in longer}, reverse=True)
        gaps = [a - b for a, b in zip(ys, ys[1:], strict=False) if a - b > _BASELINE]
        spacing = statistics.median(gaps) if gaps else 0.0
        bottom = min(s.y for s in other)
        below = sorted((s for s in longer if s.y < bottom), key=lambda s: -s.y)
        previous = min((s.y for s in longer if s.y >= bottom), default=bottom)
        for i, s in enumerate(below):
            if spacing and previous - s.y > 1.5 * spacing:
                tail = below[i:]
                keep = [s for s in band if all(s is not t for t in tail)]
                return [keep, tail]
            previous = s.y
    return [band]


def row_text(row: list[Segment]) -> str:
    """One row as one line: cells apart by a wide gap joined with " | "."""
    text = row[0].text
    for prev, seg in zip(row, row[1:], strict=False):
        gap = seg.x0 - prev.x1
        if not _wordy(seg.text):
            text += seg.text  # "ock" and a hyphen drawn apart: "ock-"
        elif gap > _CELL_GAP_EM * max(seg.size, 1.0) and not _is_label(
            prev.text, seg.text, prev is row[0]
        ):
            text = text.rstrip() + CELL_SEPARATOR + seg.text.lstrip()
        elif gap > 0.15 * max(seg.size, 1.0) and not any(
            c.isspace() for c in text[-1:] + seg.text[:1]
        ):
            text += " " + seg.text
        else:
            text += seg.text
    return text
