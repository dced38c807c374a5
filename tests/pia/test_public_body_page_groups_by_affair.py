"""A body's public page lists its assessments grouped by affair (事務): the 基礎 first, then its 重点."""

from __future__ import annotations

import re

from django.test import Client
from lxml import html

from pia.models import KisoAssessmentPage
from tests.factories.pia import create_assessment
from tests.personas import AFFAIR, PersonaTestCase


class PublicBodyPageTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        common = {"officer": cls.officer, "approver": cls.approver, "registry": cls.registry, "publications": 1}
        create_assessment(
            cls.organization,
            slug="yobo-sesshu-kiso",
            title=f"{AFFAIR} 基礎項目評価書",
            affair=AFFAIR,
            page_class=KisoAssessmentPage,
            **common,
        )
        create_assessment(
            cls.organization,
            slug="kaigo",
            title="介護保険に関する事務 重点項目評価書",
            affair="介護保険に関する事務",
            **common,
        )

    def test_assessments_are_grouped_by_affair_with_the_kiso_first(self):
        tree = html.fromstring(Client().get("/nagaoka/").content.decode())

        groups = []
        for body in tree.xpath("//table//tbody"):
            heading = body.xpath("string(.//th[@scope='rowgroup'])")
            kinds = [cell.text_content().strip() for cell in body.xpath(".//td[@data-label='種類']")]
            groups.append((re.sub(r"\s+", "", heading), kinds))

        self.assertCountEqual(
            groups,
            [
                (f"事務：{AFFAIR}", ["基礎項目評価書", "重点項目評価書"]),
                ("事務：介護保険に関する事務", ["重点項目評価書"]),
            ],
        )
