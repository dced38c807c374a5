"""The 計画管理書 (様式１) as Excel: read back with openpyxl, from the admin and from the pure export."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from controls.deadlines import Deadline, Status
from controls.portfolio import Finding, Rule
from exports.xlsx.portfolio import HEADERS, portfolio_workbook
from pia.compliance.portfolio import AffairGroup, Portfolio, PortfolioRow
from pia.compliance.portfolio import Status as RowStatus
from pia.models import KisoAssessmentPage
from tests.factories.pia import create_assessment
from tests.personas import AFFAIR, TITLE, PersonaTestCase


def cells(sheet) -> list[list[str]]:
    return [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]


def row(**fields) -> PortfolioRow:
    defaults = {
        "page_id": 1,
        "number": "7",
        "title": '=HYPERLINK("x") 国民健康保険に関する事務 基礎項目評価書',
        "affair": "国民健康保険に関する事務",
        "kind": "kiso",
        "kind_label": "基礎項目評価書",
        "form_label": "[令和６年10月　様式２]",
        "published_on": dt.date(2025, 4, 1),
        "version": 2,
        "status": RowStatus.ENDED,
        "affair_ended_on": dt.date(2026, 3, 31),
        "deadlines": [Deadline("見直し", dt.date(2026, 4, 1), "公表日から1年", Status.OVERDUE)],
    }
    return PortfolioRow(**{**defaults, **fields})


def test_the_pure_export_prints_japanese_headers_wareki_dates_and_a4_landscape():
    portfolio = Portfolio(
        "内子町長",
        "uchiko",
        dt.date(2026, 5, 1),
        [AffairGroup("国民健康保険に関する事務", [row()])],
        [Finding(Rule.NUMBER_MISSING, "評価書番号が記載されていません。", (1,))],
    )
    workbook = load_workbook(io.BytesIO(portfolio_workbook(portfolio)))
    sheet = workbook["計画管理書"]
    rows = cells(sheet)
    assert rows[0] == ["特定個人情報保護評価計画管理書"]
    assert rows[1] == ["評価実施機関名：内子町長"]
    assert rows[2] == ["作成日：令和8年5月1日"]
    assert rows[3] == list(HEADERS)
    assert rows[4] == ["事務：国民健康保険に関する事務"]
    assert rows[5] == [
        "7",
        "国民健康保険に関する事務",
        '=HYPERLINK("x") 国民健康保険に関する事務 基礎項目評価書',
        "基礎項目評価書",
        "[令和６年10月　様式２]",
        "令和7年4月1日（第2版）",
        "終了（令和8年3月31日）",
        "見直し：令和8年4月1日（期限超過）",
    ]
    assert sheet.cell(row=6, column=3).data_type == "s"  # a title that looks like a formula stays text
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4  # 9: A4
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert cells(workbook["確認事項"])[2] == ["評価書番号の記載", "評価書番号が記載されていません。"]


class TheAdminDownload(PersonaTestCase):
    def test_members_download_their_bodys_register(self):
        create_assessment(
            self.organization,
            officer=self.officer,
            slug="yobo-sesshu-kiso",
            title="予防接種に関する事務 基礎項目評価書",
            affair=AFFAIR,
            page_class=KisoAssessmentPage,
        )
        self.client.force_login(self.auditor)
        response = self.client.get("/admin/pia/portfolio/xlsx/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("keikaku-kanrisho-nagaoka-", response["Content-Disposition"])
        rows = cells(load_workbook(io.BytesIO(response.content))["計画管理書"])
        self.assertEqual(rows[1], ["評価実施機関名：長岡市長"])
        self.assertEqual(rows[4], [f"事務：{AFFAIR}"])
        self.assertEqual(
            rows[5][2:6], ["予防接種に関する事務 基礎項目評価書", "基礎項目評価書", "[令和６年10月　様式２]", "—"]
        )
        self.assertEqual(rows[6][2:6], [TITLE, "重点項目評価書", "[令和６年10月　様式３]", "令和7年6月30日（第3版）"])

    def test_an_administrator_without_a_chosen_body_is_sent_to_pick_one(self):
        self.client.force_login(self.admin)
        response = self.client.get("/admin/pia/portfolio/xlsx/")
        self.assertRedirects(response, "/admin/pia/portfolio/", fetch_redirect_response=False)
        response = self.client.get("/admin/pia/portfolio/xlsx/", {"organization": "midorino"})
        self.assertEqual(response.status_code, 200)
