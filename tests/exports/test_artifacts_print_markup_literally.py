"""A value full of markup prints literally in the PDF, both Excel files and the XML."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io

from lxml import etree
from openpyxl import load_workbook

from exports.artifact_data import AnnexLine, published_data
from exports.pdf.form_html import form_chunks
from exports.xlsx.annex import annex_workbook
from exports.xlsx.form import form_workbook
from exports.xml.document import NAMESPACE, publication_xml, read_publication_xml
from pia.formdef.document import iter_nodes
from pia.models import Publication
from tests.exports.rendered import PrintedText, pdf_of, squeeze
from tests.personas import VERSIONS, PersonaTestCase

HOSTILE = """<script>alert("x")</script> & "quotes" 'single' <b>bold</b> &amp; ]]> =SUM(A1)"""


class MarkupPrintsLiterallyTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        data = published_data(Publication.objects.get(page=cls.assessment, version=VERSIONS))
        document = copy.deepcopy(data.document)
        node = next(n for n in iter_nodes(document) if n["path"] == "kihon.jimu.meisho")
        node["value"] = node["text"] = HOSTILE
        line = AnnexLine(
            henko_bi=dt.date(2025, 7, 1),
            komoku=HOSTILE,
            henko_mae=HOSTILE,
            henko_go=HOSTILE,
            teishutsu_jiki="事後",
            is_significant=False,
            setsumei=HOSTILE,  # 提出時期に係る説明 as the officer wrote it
            version=9,
        )
        cls.data = dataclasses.replace(data, document=document, annex=(*data.annex, line))

    def test_the_pdf_prints_it_as_text(self):
        printed = PrintedText(pdf_of(self.data))
        self.assertIn(squeeze(HOSTILE), printed.joined)
        self.assertTrue(all("<script>" not in chunk.html for chunk in form_chunks(self.data)))

    def test_the_whole_form_workbook_holds_it_as_a_string_not_a_formula(self):
        workbook = load_workbook(io.BytesIO(form_workbook(self.data)))
        cells = [cell for row in workbook["Ⅰ基本情報"].iter_rows() for cell in row if cell.value == HOSTILE]
        self.assertEqual(len(cells), 1)
        self.assertEqual(cells[0].data_type, "s")

    def test_the_annex_workbook_holds_it_as_strings(self):
        sheet = load_workbook(io.BytesIO(annex_workbook(self.data.annex, title="t", organization="o"))).active
        last = [cell.value for cell in sheet[sheet.max_row]]
        self.assertEqual(last, ["令和7年7月1日", HOSTILE, HOSTILE, HOSTILE, "事後", HOSTILE])

    def test_the_xml_escapes_it_and_reads_it_back_unchanged(self):
        xml = publication_xml(self.data)
        self.assertNotIn(b"<script>", xml)
        root = etree.fromstring(xml)
        values = [element.text for element in root.iter(f"{{{NAMESPACE}}}value") if element.text == HOSTILE]
        self.assertEqual(len(values), 1)
        back = read_publication_xml(xml)
        self.assertEqual(back.document, self.data.document)
        self.assertEqual(back.annex[-1], self.data.annex[-1])
