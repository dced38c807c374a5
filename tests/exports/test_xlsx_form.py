"""The whole publication as the official form in Excel, read back with openpyxl."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from exports.artifact_data import published_data
from exports.xlsx.annex import annex_workbook
from exports.xlsx.form import WIDTHS, form_workbook
from pia.formdef.document import iter_nodes
from pia.models import Publication
from registry.jp.numerals import halfwidth
from tests.personas import VERSIONS, PersonaTestCase


class FormWorkbookTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.data = published_data(Publication.objects.get(page=cls.assessment, version=VERSIONS))
        cls.xlsx = form_workbook(cls.data)

    def setUp(self):
        # Loaded per test: Django deep-copies class-level test data, which breaks openpyxl's style tables.
        self.workbook = load_workbook(io.BytesIO(self.xlsx))

    def test_it_has_one_sheet_per_section_in_the_forms_order(self):
        self.assertEqual(
            self.workbook.sheetnames,
            [
                "表紙",
                "Ⅰ基本情報",
                "Ⅱ特定個人情報ファイルの概要",
                "（別添１）特定個人情報ファイル記録項目",
                "Ⅲリスク対策",
                "Ⅳ開示請求、問合せ",
                "Ⅴ評価実施手続",
                "変更箇所",
            ],
        )

    def cells(self, sheet):
        return [str(cell.value) for row in self.workbook[sheet].iter_rows() for cell in row if cell.value]

    def joined_values(self, sheet):
        """Per printed row: its side label, label, value and ＜選択肢＞, a value continued on rows marked
        （続き） joined back."""
        rows: list[list[str]] = []
        for cells in self.workbook[sheet].iter_rows(max_col=4, values_only=True):
            first, second, value, options = (str(cell or "") for cell in cells)
            # A label spans the first two columns, or stands in the second beside a side label (再委託).
            label, side = (second, first) if second else (first, "")
            if label.endswith("（続き）") and rows:
                rows[-1][1] += "\n" + value
            else:
                rows.append([label.strip("　"), value, options, side])
        return ["\n".join(row) for row in rows]

    def test_every_label_and_value_is_in_a_cell_with_the_forms_marks(self):
        everything = "\n".join(text for sheet in self.workbook.sheetnames[:-1] for text in self.joined_values(sheet))
        nodes = list(iter_nodes(self.data.document))
        titles = {
            entry["items"][0]["path"]: entry["label"]
            for node in nodes
            for entry in node.get("entries", [])
            if entry["items"][0]["label"].startswith(entry["label"] + "（")
        }
        for node in nodes:
            if node["path"] in titles:
                # An entry's name is printed in its header cell: 委託事項1 | the name.
                self.assertIn(f"{halfwidth(titles[node['path']])}\n{node['text']}", everything)
            elif node["type"] == "integer":
                self.assertIn(f"（ {node['value']} ）件", everything)  # beside its choice: [ 委託する ]　（ 2 ）件
            elif node["type"] != "constant":
                self.assertIn(node["label"], everything)
            if node["type"] == "single_choice" and node["value"]:
                self.assertIn(f"[ {node['value']} ]", everything)
            elif node["type"] in ("text", "multiline_text", "date") and node["text"]:
                self.assertIn(node["text"], everything)
        self.assertIn("＜選択肢＞\n1） 特に力を入れている\n2） 十分である\n3） 課題が残されている", everything)
        self.assertIn("[ ○ ] その他（ 健康管理システム ）", everything)
        self.assertIn("システム6～10", everything)
        self.assertIn("[ 委託する ]　（ 2 ）件", everything)
        self.assertNotIn("様式表示", everything)

    def test_row_heights_fit_the_wrapped_text_and_nothing_is_hidden(self):
        for sheet in self.workbook.worksheets[:-1]:
            for row in sheet.iter_rows(min_row=2, max_col=4):
                lines = max(len(str(cell.value or "").split("\n")) for cell in row)
                height = sheet.row_dimensions[row[0].row].height
                self.assertIsNotNone(height, f"{sheet.title} row {row[0].row}")
                # At least 10.5pt a line: ＭＳ 明朝 10.5pt lines are 14 px apart.
                self.assertGreaterEqual(height, lines * 10.5, f"{sheet.title} row {row[0].row}")
                self.assertLessEqual(height, 409)
                self.assertFalse(sheet.row_dimensions[row[0].row].hidden)
            for column in "ABCD":
                self.assertFalse(sheet.column_dimensions[column].hidden)

    def test_it_prints_on_a4_fit_to_width_with_the_form_label_and_hash(self):
        sheet = self.workbook["Ⅲリスク対策"]
        self.assertEqual(int(sheet.page_setup.paperSize), 9)  # A4 in the OOXML paper size list
        self.assertEqual(int(sheet.page_setup.fitToWidth), 1)
        self.assertTrue(sheet.sheet_properties.pageSetUpPr.fitToPage)
        self.assertIn("様式３", sheet.oddHeader.right.text)
        self.assertIn(self.data.content_hash, sheet.oddFooter.left.text)
        self.assertEqual(sheet.column_dimensions["B"].width, WIDTHS[1])
        self.assertEqual(sheet["A1"].font.name, "ＭＳ ゴシック")  # the section's title
        heading = next(row[0] for row in sheet.iter_rows() if str(row[0].value).startswith("３．特定個人情報の使用"))
        self.assertEqual(heading.font.name, "ＭＳ ゴシック")
        item = next(row for row in sheet.iter_rows() if str(row[0].value).strip() == "リスクへの対策は十分か")
        self.assertEqual(item[0].font.name, "ＭＳ 明朝")
        self.assertEqual(item[2].font.name, "ＭＳ 明朝")


class PublicationAnnexWorkbookTest(PersonaTestCase):
    def test_it_holds_exactly_the_publications_rows_in_the_forms_columns(self):
        publication = Publication.objects.get(page=self.assessment, version=VERSIONS)
        data = published_data(publication)
        sheet = load_workbook(io.BytesIO(annex_workbook(data.annex, title="t", organization="o"))).active
        self.assertEqual(
            [cell.value for cell in sheet[3]],
            ["変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明"],
        )
        self.assertEqual(sheet.max_column, 6)
        dated = [row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]
        self.assertEqual(len(dated), publication.cumulative_annex().count())
        self.assertEqual(len(dated), len(data.annex))
        self.assertEqual(len(dated), VERSIONS - 1)
        self.assertEqual(dated[0][0], "令和6年6月3日")  # version 2's row comes first
