"""The whole publication as an Excel workbook laid out like the official form.

Bodies exchange and submit the form as Excel, so this is the form itself: one sheet
per section (表紙, Ⅰ … Ⅴ, 別添１, 別添２) with the rows the PDF prints (`exports.printed_rows`):
the printed numbers and labels, single choices as ``[ 十分である ]`` beside their ＜選択肢＞,
counts beside their choice, check lists as ``[ ○ ]`` lines, entry names in the entry's header
cell, and the side label of a group such as 再委託 written vertically beside its items. The
表紙 is laid out as the form's cover.

Four columns: the side label, the printed label, the value, the ＜選択肢＞ (a value other
than a single choice spans the last two). They fit A4 portrait at about 100%, so the text
prints at 10pt or more. Row heights are computed from the text (Excel does not grow rows by
itself), cells longer than Excel's row limit continue on the next row, and nothing is
hidden. Fonts are ＭＳ 明朝 and ＭＳ ゴシック, which every Japanese Windows PC has.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from exports.artifact_data import PublishedData
from exports.printed_rows import (
    PrintedRow,
    check_text,
    chosen_text,
    count_text,
    mark,
    option_texts,
    printed_rows,
)
from exports.text_measure import take_lines
from exports.xlsx.annex import (
    FONT_NAME,
    FONT_SIZE,
    LINE_HEIGHT_PT,
    MAX_LINES_PER_ROW,
    PADDING_PT,
    put_text,
    set_margins,
    wrapped_lines,
    write_annex_sheet,
)
from pia.formdef.document import cover_key, cover_layout, printed_entries
from pia.formdef.types import ItemNode, SectionNode

HEADING_FONT = "ＭＳ ゴシック"
# Columns (Excel character units, a full-width character takes two): the side label (再委託), the
# printed label, the value, the ＜選択肢＞ of a single choice. 102 units fit A4 portrait at about 100%.
WIDTHS = (4, 26, 46, 26)
SIDE, LABEL, VALUE, OPTIONS = 1, 2, 3, 4
INDENT = "　"
_FILLS = {
    "group": PatternFill("solid", fgColor="D9D9D9"),
    "range": PatternFill("solid", fgColor="EDEDED"),
    "entry": PatternFill("solid", fgColor="EDEDED"),
    "label": PatternFill("solid", fgColor="F2F2F2"),
}
CONTINUED = "（続き）"


def value_cells(node: ItemNode, inline: ItemNode | None = None) -> tuple[str, str]:
    """The value and the ＜選択肢＞ column of one item, as the form prints them."""
    match node["type"]:
        case "single_choice":
            chosen = chosen_text(node) + (f"　{count_text(inline)}" if inline is not None else "")
            return chosen, "\n".join(["＜選択肢＞", *option_texts(node)])
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


def _width(first: int, last: int) -> int:
    return sum(WIDTHS[first - 1 : last])


def _lines(text: str, first: int, last: int) -> int:
    return wrapped_lines(text, _width(first, last))


class _SheetWriter:
    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 1

    def cell(self, first: int, last: int, text: str, *, fill: str | None = None, heading: bool = False) -> None:
        """Text in columns *first*..*last* of the current row (merged when several), bordered and wrapped."""
        for column in range(first, last + 1):
            put_text(self.sheet, self.row, column, text if column == first else "")
        if last > first:
            self.sheet.merge_cells(start_row=self.row, start_column=first, end_row=self.row, end_column=last)
        cell = self.sheet.cell(row=self.row, column=first)
        if fill:
            cell.fill = _FILLS[fill]
        if heading:
            cell.font = Font(name=HEADING_FONT, size=FONT_SIZE, bold=fill == "group")

    def end_row(self, lines: int) -> None:
        self.sheet.row_dimensions[self.row].height = max(1, lines) * LINE_HEIGHT_PT + PADDING_PT
        self.row += 1

    def title(self, text: str, *, size: int = 12, centered: bool = False) -> None:
        cell = self.sheet.cell(row=self.row, column=1, value=text)
        cell.font = Font(name=HEADING_FONT, size=size, bold=True)
        if centered:
            self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=len(WIDTHS))
            cell.alignment = Alignment(horizontal="center", vertical="center")
        self.sheet.row_dimensions[self.row].height = size * 1.4
        self.row += 1

    def heading(self, printed: PrintedRow) -> None:
        text = INDENT * printed.depth + printed.label
        last = len(WIDTHS)
        if printed.marks or printed.title is not None:
            if printed.marks:
                beside = "　".join(value_cells(node)[0] for node in printed.marks)
            else:
                beside = value_cells(printed.title)[0]  # type: ignore[arg-type]
            self.cell(VALUE, last, beside, fill=printed.kind if printed.marks else None)
            self.cell(SIDE, LABEL, text, fill=printed.kind, heading=True)
            self.end_row(max(_lines(text, SIDE, LABEL), _lines(beside, VALUE, last)))
            return
        self.cell(SIDE, last, text, fill=printed.kind, heading=True)
        self.end_row(_lines(text, SIDE, last))

    def item(self, printed: PrintedRow) -> None:
        node = printed.item
        label_first = LABEL if printed.side else SIDE
        label = INDENT * printed.depth + (printed.label if printed.kind == "item" else "")
        value, options = value_cells(node, printed.inline)
        if node["type"] == "single_choice":
            self.cell(label_first, LABEL, label, fill="label")
            self.cell(VALUE, VALUE, value)
            self.cell(OPTIONS, OPTIONS, options)
            self.end_row(
                max(_lines(label, label_first, LABEL), _lines(value, VALUE, VALUE), _lines(options, OPTIONS, OPTIONS))
            )
            return
        if printed.kind == "checkbox":
            self.cell(label_first, OPTIONS, value)
            self.end_row(_lines(value, label_first, OPTIONS))
            return
        for n, part in enumerate(split_long(value, _width(VALUE, OPTIONS))):
            shown = label if n == 0 else label + CONTINUED
            self.cell(label_first, LABEL, shown, fill="label")
            self.cell(VALUE, OPTIONS, part)
            self.end_row(max(_lines(shown, label_first, LABEL), _lines(part, VALUE, OPTIONS)))

    def side_label(self, text: str, first: int) -> None:
        """A group's label written vertically in the first column beside all its rows (再委託)."""
        for row in range(first, self.row):
            put_text(self.sheet, row, SIDE, text if row == first else "")
        if self.row - 1 > first:
            self.sheet.merge_cells(start_row=first, start_column=SIDE, end_row=self.row - 1, end_column=SIDE)
        cell = self.sheet.cell(row=first, column=SIDE)
        cell.alignment = Alignment(text_rotation=255, horizontal="center", vertical="center", wrap_text=True)
        cell.fill = _FILLS["label"]

    def rows(self, rows: list[PrintedRow]) -> None:
        side_start, remaining = 0, 0
        for printed in rows:
            if printed.side_span:
                side_start, remaining = self.row, printed.side_span
            if printed.kind in ("group", "range", "entry"):
                self.heading(printed)
            else:
                self.item(printed)
            if remaining:
                remaining -= 1
                if not remaining:
                    self.side_label(printed.side or "", side_start)


def split_long(value: str, width: int) -> list[str]:
    """A value longer than Excel's tallest row continues on the next rows, at a 。、 or a line break."""
    parts = []
    rest = value
    while True:
        head, rest = take_lines(rest, width, MAX_LINES_PER_ROW)
        parts.append(head)
        if not rest:
            return parts


def _setup(sheet: Worksheet, data: PublishedData) -> None:
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(ord("A") + column - 1)].width = width
    set_margins(sheet)
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


def _cover(writer: _SheetWriter, data: PublishedData) -> None:
    """The cover as the form lays it out: title, 評価書番号 and 評価書名 side by side, the
    statements each under its heading, the edition tag, then 評価実施機関名 and 公表日."""
    document = data.document
    layout = cover_layout(document)
    last = len(WIDTHS)
    writer.title(document["definition"]["title"], size=16, centered=True)
    writer.end_row(1)
    if layout.heading:
        spans = [(SIDE, LABEL), (VALUE, last)] if len(layout.heading) == 2 else [(SIDE, last)]
        for node, (first, end) in zip(layout.heading, spans, strict=False):
            writer.cell(first, end, node["label"], fill="label", heading=True)
        writer.end_row(1)
        for node, (first, end) in zip(layout.heading, spans, strict=False):
            writer.cell(first, end, node.get("text") or "")
        writer.end_row(
            max(_lines(node.get("text") or "", *span) for node, span in zip(layout.heading, spans, strict=False))
        )
        writer.end_row(1)
    for node in layout.statements:
        writer.cell(SIDE, last, node["label"], fill="label", heading=True)
        writer.sheet.cell(row=writer.row, column=SIDE).alignment = Alignment(horizontal="center", vertical="top")
        writer.end_row(_lines(node["label"], SIDE, last))
        text = node.get("text") or ""
        for part in split_long(text, _width(SIDE, last)):
            writer.cell(SIDE, last, part)
            writer.end_row(_lines(part, SIDE, last))
        writer.end_row(1)
    label = writer.sheet.cell(row=writer.row, column=SIDE, value=document["definition"]["form_label"])
    writer.sheet.merge_cells(start_row=writer.row, start_column=SIDE, end_row=writer.row, end_column=last)
    label.font = Font(name=FONT_NAME, size=FONT_SIZE)
    label.alignment = Alignment(horizontal="right")
    writer.end_row(1)
    for node in layout.facts:
        text = node.get("text") or ""
        writer.cell(SIDE, LABEL, node["label"], fill="label")
        writer.cell(VALUE, last, text)
        writer.end_row(max(_lines(node["label"], SIDE, LABEL), _lines(text, VALUE, last)))


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
        if section["key"] == cover:
            _cover(writer, data)
            continue
        writer.title(section["label"])
        for heading, items in printed_entries(data.document, section):
            if heading:
                writer.title(heading)
            writer.rows(list(printed_rows(data.document, items)))
        sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
