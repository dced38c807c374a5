"""A 別添２ cell longer than a page (PDF) or a row (Excel) continues after 。 or 、 or at a line
break, never inside a word such as 「個人を特定するために」 (issue 16)."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from exports.artifact_data import AnnexLine
from exports.pdf.annex_pages import annex_cells, paginate
from exports.xlsx.annex import annex_workbook

SENTENCE = "情報照会、情報提供に用いる個人の識別子である符号と、情報保有機関内で個人を特定するために利用する統合利用番号とを紐付け、その情報を保管・管理する。"  # noqa: E501
LONG = "\n".join(f"{n}　{SENTENCE}" for n in range(1, 90))


def line(text: str) -> AnnexLine:
    return AnnexLine(
        henko_bi=dt.date(2025, 6, 30),
        komoku="Ⅰ　基本情報 ２．特定個人情報ファイルを取り扱う事務において使用するシステム ②システムの機能",
        henko_mae="",
        henko_go=text,
        teishutsu_jiki="事後",
        is_significant=False,
    )


def assert_cut_between_sentences(parts: list[str], whole: str) -> None:
    assert len(parts) > 1
    rest = whole
    for part in parts[:-1]:
        assert rest.startswith(part)
        after = rest[len(part) :]
        # Cut after a clause or a sentence, or at a line break (which the cut consumes).
        assert part.endswith(("。", "、")) or after.startswith("\n"), part[-20:]
        rest = after.removeprefix("\n")
    assert rest == parts[-1]


def test_the_pdf_annex_continues_a_long_cell_on_the_next_page_between_sentences():
    pages = paginate(annex_cells([line(LONG)]))
    parts = [row.cells[3] for page in pages for row in page]
    assert_cut_between_sentences(parts, LONG)
    assert all(row.cells[1].endswith("（続き）") for page in pages[1:] for row in page)


def test_a_long_cell_without_line_breaks_is_cut_after_a_clause():
    text = SENTENCE * 40
    pages = paginate(annex_cells([line(text)]))
    parts = [row.cells[3] for page in pages for row in page]
    assert_cut_between_sentences(parts, text)


def test_the_excel_annex_continues_a_long_cell_on_the_next_row_between_sentences():
    sheet = load_workbook(io.BytesIO(annex_workbook([line(LONG)], title="t", organization="o")))["変更箇所"]
    parts = [str(sheet.cell(row=row, column=4).value or "") for row in range(4, sheet.max_row + 1)]
    assert_cut_between_sentences(parts, LONG)
    assert sheet.cell(row=5, column=2).value.endswith("（続き）")
