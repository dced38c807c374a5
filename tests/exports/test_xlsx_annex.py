"""The change annex as Excel: the printed columns, 和暦 dates, nothing hidden, A4 landscape."""

import datetime as dt
import io

from openpyxl import load_workbook

from exports.xlsx.annex import (
    HEADERS,
    LINE_HEIGHT_PT,
    MAX_ROW_HEIGHT_PT,
    WIDTHS,
    AnnexLine,
    annex_workbook,
    display_width,
    visual_lines,
)

ROW = AnnexLine(
    henko_bi=dt.date(2021, 11, 19),
    komoku="Ⅱ特定個人情報ファイルの概要 ６．特定個人情報の保管・消去 保管場所",
    henko_mae="ワクチン接種記録システムは、" * 3,
    henko_go="セキュリティカード及び生体認証等にて入退室管理をしている部屋に設置したサーバ内に保管。\n" * 4,
    teishutsu_jiki="事前",
    is_significant=True,
)


def sheet_of(*lines):
    workbook = load_workbook(io.BytesIO(annex_workbook(lines, title="予防接種事務", organization="長岡市長")))
    return workbook["変更箇所"]


def test_it_has_the_forms_columns_and_wareki_dates():
    sheet = sheet_of(ROW)
    assert tuple(cell.value for cell in sheet[3]) == HEADERS
    assert sheet["A4"].value == "令和3年11月19日"
    assert sheet["E4"].value == "事前"
    assert sheet["F4"].value == "重要な変更にあたる項目"


def test_rows_are_tall_enough_for_their_wrapped_text():
    sheet = sheet_of(ROW)
    lines = len(visual_lines(ROW.henko_go, WIDTHS[3]))
    assert sheet.row_dimensions[4].height >= lines * LINE_HEIGHT_PT
    assert sheet["D4"].alignment.wrap_text


def test_a_cell_longer_than_excel_allows_continues_on_the_next_row_and_loses_nothing():
    long_text = "\n".join(f"・第{n}項　保管場所の措置を記載する。" for n in range(1, 80))
    sheet = sheet_of(
        AnnexLine(
            henko_bi=dt.date(2025, 6, 30),
            komoku="Ⅲリスク対策",
            henko_mae="",
            henko_go=long_text,
            teishutsu_jiki="事前",
            is_significant=True,
        )
    )
    rows = list(range(4, sheet.max_row + 1))
    assert len(rows) > 1
    assert all(sheet.row_dimensions[row].height <= MAX_ROW_HEIGHT_PT for row in rows)
    shown = "\n".join(sheet.cell(row=row, column=4).value for row in rows)
    assert shown.replace("\n", "") == long_text.replace("\n", "")
    assert sheet.cell(row=rows[1], column=2).value == "Ⅲリスク対策（続き）"


def test_it_prints_on_a4_landscape_fit_to_width_with_the_header_repeated():
    sheet = sheet_of(ROW)
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$3:$3"


def test_it_uses_a_font_every_japanese_windows_pc_has():
    assert sheet_of(ROW)["C4"].font.name == "ＭＳ 明朝"


def test_text_that_looks_like_a_formula_stays_text():
    hostile = AnnexLine(
        henko_bi=dt.date(2025, 6, 30),
        komoku='=HYPERLINK("http://evil")',
        henko_mae="+1",
        henko_go="-2",
        teishutsu_jiki="@SUM(A1)",
        is_significant=False,
        setsumei="=1+1",
    )
    sheet = sheet_of(hostile)
    for column in range(2, 7):
        cell = sheet.cell(row=4, column=column)
        assert cell.data_type == "s"
    assert sheet["B4"].value == '=HYPERLINK("http://evil")'


def test_display_width_counts_full_width_characters_twice_and_latin_a_quarter_more():
    # IPAex's Latin is proportional and wider than half an em: counted on the safe side.
    assert display_width("ＡBあ１") == 7.4
