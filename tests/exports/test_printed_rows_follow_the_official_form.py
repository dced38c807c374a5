"""The PDF and the whole-form workbook lay rows out as the official form does (issue 16).

Entry names in the entry's header cell, no heading rows the form lacks, each item once, counts
beside their choice, 再委託 labelled at the side of its items, the first entry of every repeat
printed with all its items, no internal labels, the 表紙 laid out as the form's cover. The
labels looked for come from the research schema (tests/reference), not from our definition.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from exports.artifact_data import published_data
from exports.xlsx.annex import annex_workbook
from exports.xlsx.form import form_workbook
from pia.models import Publication
from tests.exports.rendered import PrintedText, page_texts, pdf_of, squeeze
from tests.personas import VERSIONS, PersonaTestCase
from tests.reference import reference_schema


def schema_fields(*path: str) -> list[dict]:
    """The fields of the reference schema at *path* (section key, then field keys)."""
    section = next(s for s in reference_schema()["sections"] if s["key"] == path[0])
    fields = section["fields"]
    for key in path[1:]:
        fields = next(field for field in fields if field["key"] == key)["fields"]
    return fields


class PrintedRowsTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.data = published_data(Publication.objects.get(page=cls.assessment, version=VERSIONS))
        cls.pdf = pdf_of(cls.data)
        cls.printed = PrintedText(cls.pdf)
        cls.lines = [line.strip() for text in page_texts(cls.pdf) for line in text.splitlines()]
        cls.form_xlsx = form_workbook(cls.data)
        cls.annex_xlsx = annex_workbook(cls.data.annex, title=cls.data.title, organization=cls.data.organization)

    def setUp(self):
        # Loaded per test: Django deep-copies class-level test data, which breaks openpyxl's style tables.
        self.workbook = load_workbook(io.BytesIO(self.form_xlsx))

    def sheet_rows(self, sheet: str) -> list[list[str]]:
        return [
            [str(cell or "").strip("　 ") for cell in row]
            for row in self.workbook[sheet].iter_rows(max_col=4, values_only=True)
        ]

    def sheet_text(self, sheet: str) -> str:
        return "\n".join(cell for row in self.sheet_rows(sheet) for cell in row if cell)

    def test_the_first_entry_of_a_repeat_prints_all_its_items_even_when_nothing_was_entered(self):
        # The assessment has no 移転先: 移転先1 is printed with every item, empty, before 移転先2～5.
        labels = [
            f["label_ja"] for f in schema_fields("files", "teikyo_iten", "itensaki") if "{n}" not in f["label_ja"]
        ]
        self.assertEqual(len(labels), 7)
        joined = self.printed.joined
        first = joined[joined.index("移転先1") : joined.index(squeeze("移転先2～5"))]
        for label in labels:
            self.assertIn(squeeze(label), first)
        sheet = self.sheet_text("Ⅱ特定個人情報ファイルの概要")
        first = sheet[sheet.index("移転先1") : sheet.index("移転先2～5")]
        for label in labels:
            self.assertIn(label, first)

    def test_an_entrys_name_prints_in_its_header_cell_not_as_a_row_of_its_own(self):
        name = next(
            node["text"] for node in _nodes(self.data.document) if node["path"] == "files[1].itaku.jiko[1].title"
        )
        self.assertIn(squeeze(f"委託事項1 {name}"), self.printed.joined)
        self.assertNotIn("委託事項１（件名）", self.printed.joined)
        self.assertNotIn("提供先１（提供先名）", self.printed.joined)
        rows = self.sheet_rows("Ⅱ特定個人情報ファイルの概要")
        self.assertIn(["委託事項1", "", name, ""], rows)
        self.assertNotIn("委託事項１（件名）", self.sheet_text("Ⅱ特定個人情報ファイルの概要"))

    def test_no_heading_row_the_form_lacks(self):
        for heading in ("委託事項", "提供先", "移転先", "様式表示"):
            self.assertNotIn(heading, self.lines)
            for sheet in self.workbook.sheetnames:
                self.assertNotIn(heading, [cell for row in self.sheet_rows(sheet) for cell in row], sheet)

    def test_each_item_is_printed_once(self):
        body = "".join(page for page in self.printed.pages if "変更前の記載" not in page)
        # ⑤使用方法 groups ⑤使用方法 and 情報の突合: the label is printed once, beside its text.
        self.assertEqual(body.count("⑤使用方法"), 1)
        self.assertIn(squeeze("⑤使用方法 使用方法についての記載。"), body)
        self.assertEqual(self.sheet_text("Ⅱ特定個人情報ファイルの概要").count("⑤使用方法"), 1)

    def test_a_count_prints_beside_its_choice(self):
        self.assertIn(squeeze("委託の有無　※ [ 委託する ]　（ 2 ）件"), self.printed.joined)
        self.assertNotIn(squeeze("（　）件 2"), self.printed.joined)
        rows = self.sheet_rows("Ⅱ特定個人情報ファイルの概要")
        chosen = next(row for row in rows if row[0] == "委託の有無　※")
        self.assertEqual(chosen[2], "[ 委託する ]　（ 2 ）件")
        self.assertFalse(any(row[0] == "（　）件" for row in rows))

    def test_sub_delegation_is_labelled_at_the_side_of_its_items(self):
        # The form prints 再委託 vertically beside ④⑤⑥, not as a heading row.
        self.assertIn(squeeze("再\n委\n託\n④再委託の有無"), self.printed.joined)
        self.assertNotIn("再委託", self.lines)
        sheet = self.workbook["Ⅱ特定個人情報ファイルの概要"]
        side = next(cell for row in sheet.iter_rows(max_col=1) for cell in row if cell.value == "再委託")
        self.assertEqual(side.alignment.text_rotation, 255)  # vertical text
        merged = next(r for r in sheet.merged_cells.ranges if r.min_row == side.row and r.min_col == 1)
        self.assertEqual(merged.max_row - merged.min_row + 1, 3)  # ④ ⑤ ⑥
        labels = [sheet.cell(row=row, column=2).value.strip("　") for row in range(merged.min_row, merged.max_row + 1)]
        self.assertEqual(labels, ["④再委託の有無　※", "⑤再委託の許諾方法", "⑥再委託事項"])

    def test_check_boxes_the_form_prints_beside_a_heading_stand_beside_it(self):
        self.assertIn(squeeze("４．特定個人情報ファイルの取扱いの委託 [ 　 ] 委託しない"), self.printed.joined)
        rows = self.sheet_rows("Ⅲリスク対策")
        self.assertIn(["４．特定個人情報ファイルの取扱いの委託", "", "[ 　 ] 委託しない", ""], rows)

    def test_no_internal_label_is_printed_anywhere(self):
        self.assertNotIn("様式表示", self.printed.joined)
        for data in (self.form_xlsx, self.annex_xlsx):
            workbook = load_workbook(io.BytesIO(data))
            cells = [str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row if c]
            self.assertFalse([cell for cell in cells if "様式表示" in cell])

    def test_the_excel_cover_is_laid_out_as_the_forms_cover(self):
        sheet = self.workbook["表紙"]
        self.assertEqual(sheet["A1"].value, "特定個人情報保護評価書（重点項目評価書）")
        self.assertEqual(sheet["A1"].alignment.horizontal, "center")
        rows = self.sheet_rows("表紙")
        # 評価書番号 and 評価書名 side by side, their values under them.
        heading = next(n for n, row in enumerate(rows) if row[0] == "評価書番号")
        self.assertEqual(rows[heading][2], "評価書名")
        self.assertEqual(rows[heading + 1][2], self.data.title)
        # Each statement under its own heading row, then the edition tag, then 評価実施機関名 and 公表日.
        order = [row[0] for row in rows if row[0]]
        statements = ["個人のプライバシー等の権利利益の保護の宣言", "特記事項"]
        positions = [order.index(text) for text in [*statements, "[令和６年10月　様式３]", "評価実施機関名", "公表日"]]
        self.assertEqual(positions, sorted(positions))
        self.assertEqual(next(row for row in rows if row[0] == "公表日")[2], "令和7年6月30日")
        label_cell = next(c for row in sheet.iter_rows(max_col=1) for c in row if c.value == "[令和６年10月　様式３]")
        self.assertEqual(label_cell.alignment.horizontal, "right")


def _nodes(document):
    from pia.formdef.document import iter_nodes

    return list(iter_nodes(document))
