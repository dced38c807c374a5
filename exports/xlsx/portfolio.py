"""A body's 特定個人情報保護評価計画管理書 (様式１) as an Excel workbook.

A pure function from the register (pia.compliance.portfolio.Portfolio) to bytes: one sheet with a
row per assessment, grouped by affair, 和暦 dates, A4 landscape fitted to the width with the header
row repeated on every page; a second sheet lists what the rules across the assessments found.
Row heights are computed from the wrapped text, so nothing is hidden on screen or on paper.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.text_measure import line_count
from registry.jp.wareki import format_date

if TYPE_CHECKING:
    from pia.compliance.portfolio import Portfolio, PortfolioRow

TITLE = "特定個人情報保護評価計画管理書"
SHEET_TITLE = "計画管理書"
FINDINGS_SHEET_TITLE = "確認事項"
HEADERS = ("評価書番号", "事務の名称", "評価書名", "種類", "様式", "公表日（最新）", "状態", "次の期限")
# Excel character units (a full-width character takes two); about 150 fit A4 landscape at 100%.
WIDTHS = (10, 26, 34, 14, 22, 16, 12, 30)
FINDING_HEADERS = ("確認項目", "内容")
FINDING_WIDTHS = (26, 110)
FONT_NAME = "ＭＳ 明朝"
HEADING_FONT_NAME = "ＭＳ ゴシック"
FONT_SIZE = 10.5
LINE_HEIGHT_PT = 11.5
PADDING_PT = 3.0
MAX_ROW_HEIGHT_PT = 409.0
HEADER_ROW = 4
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6, "header": 0.25, "footer": 0.25}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORMULA_PREFIXES = ("=", "+", "-", "@")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")


def _put(sheet: Worksheet, row: int, column: int, value: str, *, bold: bool = False) -> None:
    """A bordered, wrapped text cell; text that looks like a formula stays text."""
    if ILLEGAL_CHARACTERS_RE.search(value):
        raise ValueError(f"Excel に書けない文字（制御文字）があります：シート「{sheet.title}」{row}行{column}列")
    cell = sheet.cell(row=row, column=column, value=value)
    if value.startswith(_FORMULA_PREFIXES):
        cell.data_type = "s"
    cell.font = Font(name=HEADING_FONT_NAME if bold else FONT_NAME, size=FONT_SIZE, bold=bold)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.border = _BORDER


def _height(values: tuple[str, ...], widths: tuple[int, ...]) -> float:
    lines = max(line_count(value, width * 0.97) for value, width in zip(values, widths, strict=True))
    return min(MAX_ROW_HEIGHT_PT, max(lines, 1) * LINE_HEIGHT_PT + PADDING_PT)


def _write_row(sheet: Worksheet, row: int, values: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for column, value in enumerate(values, start=1):
        _put(sheet, row, column, value)
    sheet.row_dimensions[row].height = _height(values, widths)


def _header(sheet: Worksheet, row: int, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        _put(sheet, row, column, header, bold=True)
        cell = sheet.cell(row=row, column=column)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[row].height = _height(headers, widths)


def _print_setup(sheet: Worksheet, title_rows: str) -> None:
    sheet.print_title_rows = title_rows
    for name, inches in MARGINS.items():
        setattr(sheet.page_margins, name, inches)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "&P / &N"


def row_values(row: PortfolioRow) -> tuple[str, ...]:
    """One assessment's cells, as the register prints them."""
    published = f"{format_date(row.published_on)}（第{row.version}版）" if row.published_on else "—"
    status = str(row.status) + (f"（{format_date(row.affair_ended_on)}）" if row.affair_ended_on else "")
    deadlines = "\n".join(
        f"{deadline.kind}：{format_date(deadline.due)}" + (f"（{deadline.status}）" if deadline.is_due else "")
        for deadline in row.deadlines
    )
    return (
        row.number or "（未記載）",
        row.affair,
        row.title,
        row.kind_label,
        row.form_label,
        published,
        status,
        deadlines or "—",
    )


def portfolio_workbook(portfolio: Portfolio) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    heading = sheet.cell(row=1, column=1, value=TITLE)
    heading.font = Font(name=HEADING_FONT_NAME, size=14, bold=True)
    sheet.cell(row=2, column=1, value=f"評価実施機関名：{portfolio.organization_name}").font = Font(
        name=FONT_NAME, size=FONT_SIZE
    )
    sheet.cell(row=3, column=1, value=f"作成日：{format_date(portfolio.today)}").font = Font(
        name=FONT_NAME, size=FONT_SIZE
    )
    _header(sheet, HEADER_ROW, HEADERS, WIDTHS)
    row = HEADER_ROW + 1
    for group in portfolio.groups:
        _put(sheet, row, 1, f"事務：{group.affair}", bold=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
        sheet.cell(row=row, column=1).fill = _GROUP_FILL
        row += 1
        for entry in group.rows:
            _write_row(sheet, row, row_values(entry), WIDTHS)
            row += 1
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    _print_setup(sheet, f"{HEADER_ROW}:{HEADER_ROW}")

    findings = workbook.create_sheet(FINDINGS_SHEET_TITLE)
    findings.cell(row=1, column=1, value=f"{TITLE}：評価書間の確認").font = Font(
        name=HEADING_FONT_NAME, size=12, bold=True
    )
    _header(findings, 2, FINDING_HEADERS, FINDING_WIDTHS)
    found = [(str(finding.rule), finding.message) for finding in portfolio.findings] or [
        ("—", "確認が必要な点はありません。")
    ]
    for offset, values in enumerate(found, start=3):
        _write_row(findings, offset, values, FINDING_WIDTHS)
    _print_setup(findings, "2:2")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
