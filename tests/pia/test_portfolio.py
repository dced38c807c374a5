"""The body's 特定個人情報保護評価計画管理書 (様式１) in the admin: its rows, its checks, who reads it."""

from __future__ import annotations

from django.urls import reverse

from controls.threshold import Required
from pia.compliance.portfolio import threshold_result_item
from pia.models import JutenAssessmentPage, KisoAssessmentPage
from tests.factories.pia import create_assessment, sample_values
from tests.personas import AFFAIR, TITLE, PersonaTestCase
from tests.pia.portfolio_data import kiso_values, set_at

URL = "/admin/pia/portfolio/"
KISO_TITLE = "予防接種に関する事務 基礎項目評価書"
OTHER_BODY_TITLE = "緑野市 住民基本台帳に関する事務 基礎項目評価書"
LONE_AFFAIR = "児童手当に関する事務"
LONE_TITLE = "児童手当に関する事務 重点項目評価書"


class PortfolioTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # The 基礎 of the persona's 重点: the same affair (written with a full-width space), the same
        # 評価書番号 (1), a しきい値判断 that requires the 重点 the 重点 states in its Ⅴ1②.
        values = kiso_values(
            affair=AFFAIR,
            title=KISO_TITLE,
            number="1",
            subjects=150_000,
            handlers=120,
            result=Required.JUTEN,
            organization_name=cls.organization.name,
        )
        cls.kiso = create_assessment(
            cls.organization,
            officer=cls.officer,
            approver=cls.approver,
            slug="yobo-sesshu-kiso",
            title=KISO_TITLE,
            affair=AFFAIR.replace("に関する", "に関する　"),
            values=values,
            publications=1,
            page_class=KisoAssessmentPage,
        )
        create_assessment(
            cls.other_organization,
            officer=cls.outsider,
            slug="jumin-kiso",
            title=OTHER_BODY_TITLE,
            affair="住民基本台帳に関する事務",
            page_class=KisoAssessmentPage,
        )

    def get(self, user, url=URL, **params):
        self.client.force_login(user)
        return self.client.get(url, params)


class TheRegisterListsTheBodysAssessments(PortfolioTestCase):
    def test_it_lists_every_assessment_by_affair_with_number_kind_edition_date_status_and_deadlines(self):
        response = self.get(self.officer)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "評価計画管理書")
        self.assertContains(response, "長岡市長")
        self.assertContains(response, TITLE)
        self.assertContains(response, KISO_TITLE)
        self.assertContains(response, '<th scope="rowgroup" colspan="8">予防接種に関する事務</th>', html=True)
        self.assertContains(response, "基礎項目評価書")
        self.assertContains(response, "[令和６年10月　様式２]")
        self.assertContains(response, "[令和６年10月　様式３]")
        self.assertContains(response, "令和7年6月30日（第3版）")  # the 重点's latest 公表日
        self.assertContains(response, "令和5年6月1日（第1版）")  # the 基礎's
        self.assertContains(response, "公表中")
        self.assertContains(response, "見直し")  # the dashboard's deadlines
        self.assertContains(response, reverse("pia_assessment_document", args=[self.assessment.pk]))
        self.assertContains(response, reverse("pia_assessment_document", args=[self.kiso.pk]))
        self.assertContains(response, "いずれも整合しています")

    def test_the_auditor_reads_it(self):
        response = self.get(self.auditor)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, KISO_TITLE)

    def test_another_bodys_assessments_are_never_listed(self):
        for user in (self.officer, self.approver, self.auditor):
            self.assertNotContains(self.get(user), OTHER_BODY_TITLE)
        response = self.get(self.outsider)
        self.assertContains(response, OTHER_BODY_TITLE)
        self.assertNotContains(response, TITLE)
        self.assertNotContains(response, KISO_TITLE)

    def test_an_outsider_asking_for_another_body_is_denied(self):
        self.assertEqual(self.get(self.outsider, organization="nagaoka").status_code, 404)
        self.assertEqual(
            self.get(self.outsider, reverse("pia_portfolio_xlsx"), organization="nagaoka").status_code, 404
        )

    def test_an_administrator_picks_a_body(self):
        response = self.get(self.admin)
        self.assertContains(response, "評価実施機関を選んでください")
        self.assertNotContains(response, TITLE)
        response = self.get(self.admin, organization="midorino")
        self.assertContains(response, OTHER_BODY_TITLE)
        self.assertNotContains(response, TITLE)

    def test_a_draft_is_listed_as_such(self):
        response = self.get(self.outsider)
        self.assertContains(response, "下書き（未公表）")


class TheRegisterChecksTheRulesAcrossKinds(PortfolioTestCase):
    def test_a_juten_without_kiso_and_a_shared_number_are_shown(self):
        values = sample_values(
            JutenAssessmentPage.definition_of_class(), title=LONE_TITLE, affair=LONE_AFFAIR, evaluation_number="1"
        )
        create_assessment(
            self.organization,
            officer=self.officer,
            slug="jido-teate",
            title=LONE_TITLE,
            affair=LONE_AFFAIR,
            values=values,
        )
        response = self.get(self.officer)
        self.assertContains(response, f"「{LONE_AFFAIR}」には重点項目評価書がありますが、基礎項目評価書がありません。")
        self.assertContains(response, "評価書番号「1」が別の事務")
        self.assertNotContains(response, "いずれも整合しています")

    def test_a_juten_stating_another_threshold_result_than_its_kiso_is_shown(self):
        page = self.fresh_assessment()
        item = threshold_result_item(page.definition)
        values = page.get_values()
        set_at(values, item.path, item.choice_list.choices[1])  # 基礎項目評価の実施が義務付けられる（任意に…）
        page.set_values(values)
        page.save_revision(user=self.officer)
        response = self.get(self.auditor)
        self.assertContains(response, "しきい値判断結果の一致")
        self.assertContains(
            response, "基礎項目評価書の結果（基礎項目評価及び重点項目評価の実施が義務付けられる）と一致しません"
        )

    def test_the_kind_the_kisos_result_requires_is_missing(self):
        values = kiso_values(
            affair=LONE_AFFAIR,
            title="児童手当に関する事務 基礎項目評価書",
            number="2",
            subjects=400_000,
            handlers=10,
            result=Required.ZENKOMOKU,
            organization_name=self.organization.name,
        )
        create_assessment(
            self.organization,
            officer=self.officer,
            slug="jido-teate-kiso",
            title="児童手当に関する事務 基礎項目評価書",
            affair=LONE_AFFAIR,
            values=values,
            page_class=KisoAssessmentPage,
        )
        response = self.get(self.officer)
        self.assertContains(response, "全項目評価書がありません")
