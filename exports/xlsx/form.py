"""The whole publication as an Excel workbook laid out like the official form.

Bodies exchange and submit the form as Excel, so this is the form itself: one sheet
per section (表紙, Ⅰ … Ⅴ, 別添１, 別添２), the printed numbers and labels, single
choices as ``[ 十分である ]`` beside their ＜選択肢＞, check lists as ``[ ○ ]`` lines.
Row heights are computed from the text (Excel does not grow rows by itself), cells
longer than Excel's row limit continue on the next row, and nothing is hidden.
Fonts are ＭＳ 明朝 and ＭＳ ゴシック, which every Japanese Windows PC has.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from exports.artifact_data import PublishedData
from exports.printed_rows import PrintedRow, check_text, chosen_text, mark, option_texts, printed_rows
from exports.text_measure import line_count
from exports.xlsx.annex import FONT_SIZE, LINE_HEIGHT_PT, MAX_LINES_PER_ROW, PADDING_PT, put_text, write_annex_sheet
from pia.formdef.document import cover_key, printed_entries
from pia.formdef.types import ItemNode, SectionNode

HEADING_FONT = "ＭＳ ゴシック"
# Columns: the printed label, the value, the ＜選択肢＞ of a single choice (Excel character units).
WIDTHS = (34, 62, 34)
INDENT = "　"
_FILLS = {
    "group": PatternFill("solid", fgColor="D9D9D9"),
    "range": PatternFill("solid", fgColor="EDEDED"),
    "entry": PatternFill("solid", fgColor="EDEDED"),
    "label": PatternFill("solid", fgColor="F2F2F2"),
}
CONTINUED = "（続き）"


def value_cells(node: ItemNode) -> tuple[str, str]:
    """The value and the ＜選択肢＞ column of one item, as the form prints them."""
    match node["type"]:
        case "single_choice":
            return chosen_text(node), "\n".join(["＜選択肢＞", *option_texts(node)])
        case "multi_check":
            lines = []
            group = None
            for check in node.get("value") or []:
                if check.get("group") != group:
                    group = check.get("group")
                    if group:
                        lines.append(group)
                lines.append(f"{mark(check.get('checked'))} {check_text(check)}")
            return "\n".join(lines), ""
        case "checkbox":
            return f"{mark(node.get('value'))} {node['label']}", ""
        case _:
            return str(node.get("text") or ""), ""


def _height(values: tuple[str, ...]) -> float:
    lines = max(line_count(value, width - 1) for value, width in zip(values, WIDTHS, strict=True))
    return lines * LINE_HEIGHT_PT + PADDING_PT


def _split_long(values: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """A value longer than Excel's tallest row continues on the next rows, its label marked （続き）."""
    label, value, options = values
    lines = value.split("\n")
    if line_count(value, WIDTHS[1] - 1) <= MAX_LINES_PER_ROW:
        return [values]
    parts: list[tuple[str, str, str]] = []
    current: list[str] = []
    for line in lines:
        if current and line_count("\n".join([*current, line]), WIDTHS[1] - 1) > MAX_LINES_PER_ROW:
            parts.append((label if not parts else label + CONTINUED, "\n".join(current), options if not parts else ""))
            current = []
        current.append(line)
    parts.append((label + CONTINUED if parts else label, "\n".join(current), "" if parts else options))
    return parts


class _SheetWriter:
    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 1

    def title(self, text: str) -> None:
        cell = self.sheet.cell(row=self.row, column=1, value=text)
        cell.font = Font(name=HEADING_FONT, size=12, bold=True)
        self.sheet.row_dimensions[self.row].height = 20
        self.row += 1

    def heading(self, printed: PrintedRow) -> None:
        text = INDENT * printed.depth + printed.label
        put_text(self.sheet, self.row, 1, text)
        for column in (2, 3):
            put_text(self.sheet, self.row, column, "")
        self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=3)
        cell = self.sheet.cell(row=self.row, column=1)
        cell.fill = _FILLS[printed.kind]
        cell.font = Font(name=HEADING_FONT, size=FONT_SIZE, bold=printed.kind == "group")
        self.sheet.row_dimensions[self.row].height = _height((text, "", ""))
        self.row += 1

    def item(self, label: str, value: str, options: str) -> None:
        for part in _split_long((label, value, options)):
            for column, text in enumerate(part, start=1):
                put_text(self.sheet, self.row, column, text)
            self.sheet.cell(row=self.row, column=1).fill = _FILLS["label"]
            self.sheet.row_dimensions[self.row].height = _height(part)
            self.row += 1

    def rows(self, nodes: list[ItemNode]) -> None:
        for printed in printed_rows(nodes):
            if printed.kind in ("group", "range", "entry"):
                self.heading(printed)
            elif printed.kind == "checkbox":
                value, _ = value_cells(printed.item)
                self.item("", value, "")
            else:
                value, options = value_cells(printed.item)
                self.item(INDENT * printed.depth + printed.label, value, options)


def _setup(sheet: Worksheet, data: PublishedData) -> None:
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(ord("A") + column - 1)].width = width
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddHeader.right.text = data.document["definition"]["form_label"].replace("&", "&&")
    sheet.oddFooter.left.text = f"{data.version_label}　SHA-256 {data.content_hash}".replace("&", "&&")
    sheet.oddFooter.right.text = "&P / &N"


def _sheet_title(section: SectionNode) -> str:
    label = section["printed_label"].replace("　", "").replace(" ", "")
    for forbidden in "[]:*?/\\":
        label = label.replace(forbidden, "")
    return label[:31]


def form_workbook(data: PublishedData) -> bytes:
    """The publication as the official form in Excel: one sheet per section, then 別添２."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = f"{data.document['definition']['title']}　{data.title}"
    workbook.properties.creator = data.organization
    workbook.properties.keywords = f"{data.version_label} SHA-256 {data.content_hash}"
    workbook.properties.language = "ja-JP"
    cover = cover_key(data.document)
    for section in data.document["sections"]:
        if "columns" in section:
            write_annex_sheet(workbook.create_sheet(), data.annex, title=data.title, organization=data.organization)
            continue
        sheet = workbook.create_sheet(_sheet_title(section))
        _setup(sheet, data)
        writer = _SheetWriter(sheet)
        writer.title(section["label"] if section["key"] != cover else data.document["definition"]["title"])
        for heading, items in printed_entries(data.document, section):
            if heading:
                writer.title(heading)
            writer.rows(items)
        sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
