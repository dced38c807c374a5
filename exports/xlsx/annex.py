"""The change annex (別添２ 変更箇所) as an Excel workbook municipalities submit.

A pure function from annex rows to bytes. Row heights are computed from the text so
nothing is hidden when the sheet is opened or printed (the seed's PDF lost text to
fixed Excel row heights). The font is ＭＳ 明朝, installed on every Japanese Windows PC.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from exports.artifact_data import AnnexLine
from exports.text_measure import display_width, line_count, take_lines, visual_lines
from registry.jp.wareki import format_date

__all__ = ["AnnexLine", "annex_workbook", "display_width", "visual_lines"]

FONT_NAME = "ＭＳ 明朝"
FONT_SIZE = 10.5
# Wrapped lines of ＭＳ 明朝 10.5pt are 14 px (10.5pt) apart in Excel, as IPAex's are in LibreOffice;
# a tenth more keeps Excel's rounding from hiding a last line.
LINE_HEIGHT_PT = 11.5
PADDING_PT = 3.0
MAX_ROW_HEIGHT_PT = 409.0  # Excel's limit; longer cells continue on the next row
MAX_LINES_PER_ROW = int((MAX_ROW_HEIGHT_PT - PADDING_PT) // LINE_HEIGHT_PT)
CONTINUED = "（続き）"
HEADERS = ("変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明")
# In Excel character units: a full-width character takes two (a unit is the default font's digit,
# 7 px for Calibri 11). 147 units fit A4 landscape at about 100%, so the text prints at 10pt or more.
WIDTHS = (12, 22, 42, 42, 9, 20)
# Page margins in inches: narrow at the sides, room for the header and footer.
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6, "header": 0.25, "footer": 0.25}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORMULA_PREFIXES = ("=", "+", "-", "@")


def wrapped_lines(text: str, width: float) -> int:
    """The lines *text* wraps into in a cell *width* Excel units wide (a column of *width* units is
    7 × width + 5 px; the cell's padding leaves 7 × width px or so for the text)."""
    return line_count(text, width)


def split_for_rows(values: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Split an annex line into sheet rows short enough for Excel's row height limit.

    Each cell continues after a 。 or 、 or at a line break, never inside a word.
    """
    if max(wrapped_lines(value, width) for value, width in zip(values, WIDTHS, strict=True)) <= MAX_LINES_PER_ROW:
        return [values]
    rest = list(values)
    parts: list[tuple[str, ...]] = []
    while True:
        part = []
        for column, (text, width) in enumerate(zip(rest, WIDTHS, strict=True)):
            if column in (0, 1, 4):
                part.append(values[column] if not parts else (values[1] + CONTINUED if column == 1 else ""))
                continue
            head, rest[column] = take_lines(text, width, MAX_LINES_PER_ROW)
            part.append(head)
        parts.append(tuple(part))
        if not any(rest[column] for column in (2, 3, 5)):
            return parts


def row_height(values: Iterable[str]) -> float:
    lines = max(wrapped_lines(value, width) for value, width in zip(values, WIDTHS, strict=True))
    return min(MAX_ROW_HEIGHT_PT, lines * LINE_HEIGHT_PT + PADDING_PT)


def set_margins(sheet: Worksheet) -> None:
    for name, inches in MARGINS.items():
        setattr(sheet.page_margins, name, inches)


def put_text(sheet: Worksheet, row: int, column: int, value: str) -> None:
    """A bordered, wrapped text cell in ＭＳ 明朝; text that looks like a formula stays text."""
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        # openpyxl's own error repeats the whole value; name the place instead.
        raise ValueError(f"Excel に書けない文字（制御文字）があります：シート「{sheet.title}」{row}行{column}列")
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        cell.data_type = "s"  # text typed by a user is never a formula
    cell.font = Font(name=FONT_NAME, size=FONT_SIZE)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.border = _BORDER


def annex_workbook(lines: Iterable[AnnexLine], *, title: str, organization: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    write_annex_sheet(sheet, lines, title=title, organization=organization)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_annex_sheet(sheet: Worksheet, lines: Iterable[AnnexLine], *, title: str, organization: str) -> None:
    """別添２ on *sheet*: the form's columns, 和暦 dates, computed row heights, A4 landscape print setup."""
    sheet.title = "変更箇所"
    sheet.cell(row=1, column=1, value="（別添２）変更箇所").font = Font(name=FONT_NAME, size=12, bold=True)
    sheet.cell(row=2, column=1, value=f"{organization}　{title}").font = Font(name=FONT_NAME, size=FONT_SIZE)
    for column, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        put_text(sheet, 3, column, header)
        sheet.cell(row=3, column=column).fill = PatternFill("solid", fgColor="D9D9D9")
        sheet.cell(row=3, column=column).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[chr(ord("A") + column - 1)].width = width
    sheet.row_dimensions[3].height = row_height(HEADERS)
    row = 4
    for line in lines:
        values = (
            format_date(line.henko_bi),
            line.komoku,
            line.henko_mae,
            line.henko_go,
            line.teishutsu_jiki,
            line.explanation,
        )
        for part in split_for_rows(values):
            for column, value in enumerate(part, start=1):
                put_text(sheet, row, column, value or "")
            sheet.row_dimensions[row].height = row_height(part)
            row += 1
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    set_margins(sheet)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "&P / &N"
