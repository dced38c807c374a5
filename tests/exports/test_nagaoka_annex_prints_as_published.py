"""Nagaoka's 別添２ in the published files is the annex Nagaoka published, cell by cell (issue 16).

The 90 rows of the research seed (tests/reference/jp-pia-seed-values.yaml), each column verbatim,
提出時期に係る説明 included in whichever of Nagaoka's four wordings it used, in the XML and in the
Excel annex of 第8版; the reason recorded for departing from the defaults is not printed.
"""

from __future__ import annotations

import io

from lxml import etree
from openpyxl import load_workbook

from exports.artifact_data import published_data
from exports.xlsx.annex import annex_workbook
from exports.xml.document import NAMESPACE, publication_xml
from pia.models import Publication
from tests.exports.rendered import PrintedText, pdf_of
from tests.nagaoka import NAGAOKA_VERSIONS, NagaokaTestCase
from tests.reference import reference_values

NS = {"p": NAMESPACE}
COLUMNS = ("変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明")


def seed_rows() -> list[tuple[str, ...]]:
    return [
        (
            row["henko_bi"],
            " ".join(row["komoku"]),
            row["henko_mae"] or "",
            row["henko_go"] or "",
            row["teishutsu_jiki"],
            row["teishutsu_jiki_setsumei"],
        )
        for row in reference_values()["betten2"]
    ]


class NagaokaAnnexFilesTest(NagaokaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.data = published_data(Publication.objects.get(page=cls.assessment, version=NAGAOKA_VERSIONS))

    def test_the_xml_holds_every_row_verbatim(self):
        root = etree.fromstring(publication_xml(self.data))
        rows = [
            tuple(
                row.findtext(f"p:{name}", namespaces=NS) or ""
                for name in ("henko-bi-wareki", "komoku", "henko-mae", "henko-go", "teishutsu-jiki", "setsumei")
            )
            for row in root.iterfind("p:annex/p:row", NS)
        ]
        self.assert_rows(rows)

    def test_the_excel_annex_holds_every_row_verbatim(self):
        sheet = load_workbook(io.BytesIO(annex_workbook(self.data.annex, title="t", organization="o")))["変更箇所"]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(min_row=4, values_only=True):
            cells = ["" if value is None else str(value) for value in values]
            if rows and not cells[0] and cells[1].endswith("（続き）"):
                # A long cell continues on the next row, cut after 。、 or at a line break it consumed.
                for column in (2, 3, 5):
                    joint = "" if not cells[column] or rows[-1][column].endswith(("。", "、")) else "\n"
                    rows[-1][column] += joint + cells[column]
                continue
            rows.append(cells)
        self.assert_rows([tuple(row) for row in rows], continued_loosely=True)

    def test_the_reason_for_departing_from_the_defaults_is_not_printed(self):
        overridden = [line for line in self.data.annex if line.justification]
        self.assertTrue(overridden)
        reason = overridden[0].justification
        self.assertNotIn(reason, publication_xml(self.data).decode("utf-8"))
        self.assertFalse(PrintedText(pdf_of(self.data)).contains(reason))
        sheet = load_workbook(io.BytesIO(annex_workbook(self.data.annex, title="t", organization="o")))["変更箇所"]
        self.assertFalse(any(reason in str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell))

    def assert_rows(self, rows: list[tuple[str, ...]], *, continued_loosely: bool = False) -> None:
        wanted = seed_rows()
        self.assertEqual(len(rows), len(wanted))
        for number, (got, seed) in enumerate(zip(rows, wanted, strict=True), start=1):
            for column, (cell, expected) in enumerate(zip(got, seed, strict=True)):
                with self.subTest(row=number, column=COLUMNS[column]):
                    if continued_loosely and column in (2, 3):
                        # Where a joined continuation cannot tell a consumed line break from none.
                        self.assertEqual(cell.replace("\n", ""), expected.replace("\n", ""))
                    else:
                        self.assertEqual(cell, expected)
