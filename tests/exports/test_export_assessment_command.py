"""`manage.py export_assessment` prints or writes the resolved document."""

import json
from io import StringIO

from django.core.management import CommandError, call_command

from tests.personas import AFFAIR, IDENTIFIER, VERSIONS, PersonaTestCase


class ExportAssessmentCommandTest(PersonaTestCase):
    def run_command(self, *args):
        out, err = StringIO(), StringIO()
        call_command("export_assessment", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_it_lists_every_assessment_identifier(self):
        out, _err = self.run_command("--list")
        self.assertIn(IDENTIFIER, out)

    def test_it_prints_the_resolved_document_as_json(self):
        out, _err = self.run_command(IDENTIFIER, "--format", "json")
        document = json.loads(out)
        self.assertEqual(document["assessment"]["identifier"], IDENTIFIER)
        self.assertEqual([s["key"] for s in document["sections"]][:3], ["cover", "kihon", "files"])
        self.assertIn(AFFAIR, out)  # readable Japanese, not \\u escapes

    def test_it_writes_to_a_file(self):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "nagaoka.json"
            self.run_command(IDENTIFIER, "--out", str(target))
            self.assertEqual(json.loads(target.read_text(encoding="utf-8"))["definition"]["id"], "juten-r06-10")

    def test_an_unknown_identifier_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "評価書 nagaoka/absent は見つかりません"):
            self.run_command("nagaoka/absent")

    def test_a_malformed_identifier_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "機関/評価書"):
            self.run_command("no-slash")


class ExportPublicationCommandTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        page = cls.assessment
        values = page.get_values()
        values["kihon"]["jimu"]["meisho"] = "予防接種事務（第2版）"
        page.set_values(values)
        page.save_revision(user=cls.officer).publish(user=cls.approver)

    def run_command(self, *args):
        out = StringIO()
        call_command("export_assessment", *args, stdout=out, stderr=StringIO())
        return out.getvalue()

    def test_it_exports_a_publications_frozen_document(self):
        first = json.loads(self.run_command(IDENTIFIER, "--version", str(VERSIONS)))
        second = json.loads(self.run_command(IDENTIFIER, "--version", str(VERSIONS + 1)))
        self.assertIn(AFFAIR, json.dumps(first, ensure_ascii=False))
        self.assertNotIn("予防接種事務（第2版）", json.dumps(first, ensure_ascii=False))
        self.assertIn("予防接種事務（第2版）", json.dumps(second, ensure_ascii=False))

    def test_it_exports_the_cumulative_annex(self):
        rows = json.loads(self.run_command(IDENTIFIER, "--version", str(VERSIONS + 1), "--format", "annex-json"))
        self.assertEqual(len(rows), (VERSIONS - 1) + 1)  # the earlier versions' rows, then this one's
        self.assertEqual(rows[0]["変更日"], "令和6年6月3日")
        row = rows[-1]
        self.assertEqual(row["項目"], "Ⅰ　基本情報 １．特定個人情報ファイルを取り扱う事務 ①事務の名称")
        self.assertEqual(row["提出時期"], "事後")
        self.assertEqual(row["提出時期に係る説明"], "重要な変更にあたらない項目")

    def test_an_unknown_version_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "第99版の公表版はありません"):
            self.run_command(IDENTIFIER, "--version", "99")


class ExportAnnexWorkbookTest(PersonaTestCase):
    def test_it_writes_the_cumulative_annex_as_a_workbook(self):
        import tempfile
        from pathlib import Path

        from openpyxl import load_workbook

        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "annex.xlsx"
            call_command(
                "export_assessment",
                IDENTIFIER,
                "--format",
                "annex-xlsx",
                "--out",
                str(target),
                stdout=StringIO(),
                stderr=StringIO(),
            )
            sheet = load_workbook(target)["変更箇所"]
        dates = [sheet.cell(row=row, column=1).value for row in range(4, sheet.max_row + 1)]
        rows = [date for date in dates if date]  # continuation rows leave the date empty
        self.assertEqual(rows, ["令和6年6月3日", "令和7年6月30日"])  # versions 2 and 3 changed one item each

    def test_a_workbook_needs_a_file_to_go_to(self):
        with self.assertRaisesMessage(CommandError, "--out"):
            call_command("export_assessment", IDENTIFIER, "--format", "annex-xlsx", stdout=StringIO())
