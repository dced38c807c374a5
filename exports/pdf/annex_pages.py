"""別添２ paginated ahead of rendering, so each printed page is an independent unit.

The annex grows with every publication while its earlier rows never change. Cutting it
into pages here (from the wrapped line count of every cell) makes each page's HTML
depend only on its own rows: the pages of earlier versions render the same bytes in
every later version and come from the cache. A row taller than a page continues on the
next one, marked 「（続き）」, as the Excel annex does, each cell after a 。 or 、 or at a line
break, never inside a word; nothing is cut off.

The estimate is on the safe side; a page that still overflows when rendered is split
again by the renderer (see pdf.py), so a wrong guess costs a page, never text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from exports.artifact_data import AnnexLine
from exports.text_measure import EM, take_lines, wrapped_runs
from registry.jp.wareki import format_date

CONTINUED = "（続き）"
HEADERS = ("変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明")
# Column widths in percent of the table (form-print.css, table.annex col.*).
COLUMN_PERCENT = (11, 17, 26, 26, 7.5, 12.5)

# Geometry of an A4 page with form-print.css, in millimetres.
CONTENT_WIDTH_MM = 210 - 14 - 14
CONTENT_HEIGHT_MM = 297 - 16 - 18
FONT_MM = 8 * 0.3528  # 8pt
LINE_MM = FONT_MM * 1.45
CELL_PADDING_MM = 2 * 0.8 + 0.3
HEADING_MM = 12 * 0.3528 * 1.45 + 3 + 2
SAFETY_MM = 8.0
# Kinsoku (no 、。 at the start of a line) can push a character to the next line: keep one em spare.
SPARE_EM = 1.0
# A row is not broken across pages when fewer lines than this would stay on the first page.
MIN_LINES_BEFORE_BREAK = 4


@dataclass(frozen=True)
class AnnexCells:
    """One printed row: the six cells as text."""

    cells: tuple[str, str, str, str, str, str]


def _capacity_em(column: int) -> float:
    width_mm = CONTENT_WIDTH_MM * COLUMN_PERCENT[column] / 100 - CELL_PADDING_MM
    return width_mm / FONT_MM - SPARE_EM


def _lines(cells: Sequence[str]) -> list[list[tuple[str, bool]]]:
    return [wrapped_runs(text, _capacity_em(column), EM) for column, text in enumerate(cells)]


def row_height_mm(cells: Sequence[str]) -> float:
    return max(len(lines) for lines in _lines(cells)) * LINE_MM + CELL_PADDING_MM


def _split(cells: tuple[str, ...], first_lines: int, max_lines: int) -> list[tuple[str, ...]]:
    """The row cut into parts: the first of at most *first_lines* lines, the others of *max_lines*.

    Each cell continues after a sentence or a clause (。、) or at a line break, never inside a
    word; the continued parts repeat the 項目 marked 「（続き）」.
    """
    wrapped = _lines(cells)
    if max(len(lines) for lines in wrapped) <= first_lines:
        return [cells]
    rest = list(cells)
    parts: list[tuple[str, ...]] = []
    budget = first_lines
    while True:
        part = []
        for column, text in enumerate(rest):
            if parts and column in (0, 4):
                part.append("")
            elif column == 1:
                part.append(cells[1] + CONTINUED if parts else text)  # a short path: printed whole
            else:
                head, rest[column] = take_lines(text, _capacity_em(column), budget, EM)
                part.append(head)
        parts.append(tuple(part))
        if not any(rest[column] for column in (2, 3, 5)):
            return parts
        budget = max_lines


def annex_cells(lines: Iterable[AnnexLine]) -> list[AnnexCells]:
    return [
        AnnexCells((format_date(x.henko_bi), x.komoku, x.henko_mae, x.henko_go, x.teishutsu_jiki, x.explanation))
        for x in lines
    ]


def paginate(rows: Sequence[AnnexCells]) -> list[list[AnnexCells]]:
    """Rows grouped into printed pages; the first page also carries the 別添２ heading.

    A row that does not fit in what is left of a page continues on the next one, as
    long as a few of its lines fit; otherwise it starts the next page.
    """
    header_mm = row_height_mm(HEADERS)
    bottom = CONTENT_HEIGHT_MM - SAFETY_MM
    page_lines = int((bottom - header_mm - CELL_PADDING_MM) // LINE_MM)
    pages: list[list[AnnexCells]] = [[]]
    used = HEADING_MM + header_mm

    def new_page() -> None:
        nonlocal used
        pages.append([])
        used = header_mm

    for row in rows:
        left = int((bottom - used - CELL_PADDING_MM) // LINE_MM)
        if left < MIN_LINES_BEFORE_BREAK and pages[-1]:
            new_page()
            left = page_lines
        parts = _split(row.cells, max(left, 1), page_lines)
        for n, part in enumerate(parts):
            if n:
                new_page()
            pages[-1].append(AnnexCells(part))  # type: ignore[arg-type]
            used += row_height_mm(part)
    return pages
