"""No exported spreadsheet cell is a formula: the access-log CSV and the registry lists' CSV and XLSX."""

from __future__ import annotations

import csv
import io

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from registry.access_logs.ingest import ingest_bytes
from registry.models import System

from .builders import build_system, canonical_csv, line

HOSTILE = "=cmd|' /C calc'!A0"


def streamed(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


class ExportsNeutralizeFormulasTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.system = build_system()
        cls.system.name = HOSTILE
        cls.system.save()
        data = canonical_csv(line(login=HOSTILE, terminal="@SUM(1+1)"), line(terminal="-2+3"))
        result = ingest_bytes(data, system=cls.system, source="a.csv", fmt="csv")
        assert result.stored == 2, result.errors  # noqa: S101
        cls.admin = get_user_model().objects.create_superuser("root", "root@example.jp", "x")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_the_access_log_csv_export_quotes_every_formula_like_cell(self):
        response = self.client.get(reverse("registry_access_logs"), {"system": self.system.pk, "format": "csv"})
        rows = list(csv.reader(io.StringIO(streamed(response))))
        cells = [cell for row in rows[1:] for cell in row]
        self.assertIn("'" + HOSTILE, cells)
        self.assertIn("'@SUM(1+1)", cells)
        self.assertIn("'-2+3", cells)
        self.assertIn("'" + HOSTILE, cells, "the system's name too")
        self.assertFalse([cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")])

    def test_the_registry_list_csv_quotes_a_formula_like_cell(self):
        url = reverse(System.snippet_viewset.get_url_name("list")) + "?export=csv"
        rows = list(csv.reader(io.StringIO(streamed(self.client.get(url)))))
        self.assertIn("'" + HOSTILE, [row[0] for row in rows[1:]])

    def test_the_registry_list_xlsx_holds_no_formula(self):
        response = self.client.get(reverse(System.snippet_viewset.get_url_name("list")) + "?export=xlsx")
        sheet = load_workbook(io.BytesIO(streamed_bytes(response))).active
        names = [row[0] for row in sheet.iter_rows(min_row=2)]
        self.assertEqual([cell.value for cell in names], ["'" + HOSTILE])
        self.assertTrue(all(cell.data_type == "s" for cell in names))


def streamed_bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content
