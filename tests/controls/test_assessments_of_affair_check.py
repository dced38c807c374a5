"""The evidence check 'assessments_of_affair': the rules across a body's assessments (controls.portfolio),
run for one assessment over the files of its affair.

A fictitious body (桜台村長) with its own registry holds a 重点項目評価書 linked to its 予防接種ファイル
(180,000 人: the registry requires the 重点). The 基礎 links no file: it is checked over the 重点's.
"""

from __future__ import annotations

from django.test import TestCase

from controls.models import CheckResult, CheckRun
from controls.services import run_checks
from controls.threshold import Required
from pia.compliance.evidence import check_assessment, claims_of
from pia.compliance.portfolio import threshold_result_item
from pia.models import JutenAssessmentPage, KisoAssessmentPage
from registry.enums import Role
from tests.factories import OrganizationFactory
from tests.factories.pia import create_assessment, member, sample_values, set_up_organization
from tests.factories.registry import build_registry
from tests.pia.portfolio_data import kiso_values, set_at

AFFAIR = "予防接種に関する事務"
JUTEN_RESULT = "基礎項目評価及び重点項目評価の実施が義務付けられる"
KEY = "assessments_of_affair"


class AssessmentsOfAffairCheckTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organization = OrganizationFactory(slug="sakuradai", name="桜台村長", municipality="桜台村（架空の団体）")
        set_up_organization(cls.organization)
        cls.officer = member(cls.organization, Role.OFFICER, username="sakuradai-officer")
        cls.approver = member(cls.organization, Role.APPROVER, username="sakuradai-approver")
        cls.registry = build_registry(cls.organization)
        definition = JutenAssessmentPage.definition_of_class()
        values = sample_values(
            definition,
            registry=cls.registry,
            title=f"{AFFAIR} 重点項目評価書",
            affair=AFFAIR,
            organization_name=cls.organization.name,
        )
        set_at(values, threshold_result_item(definition).path, JUTEN_RESULT)  # Ⅴ1②
        cls.juten_id = create_assessment(
            cls.organization,
            officer=cls.officer,
            approver=cls.approver,
            slug="yobo-sesshu",
            title=f"{AFFAIR} 重点項目評価書",
            affair=AFFAIR,
            values=values,
            publications=1,
        ).pk

    def juten(self) -> JutenAssessmentPage:
        return JutenAssessmentPage.objects.get(pk=self.juten_id)

    def add_kiso(self, result: Required) -> KisoAssessmentPage:
        """The affair's 基礎, its Ⅱ answered for the registry's counts and its Ⅲ stating *result*."""
        values = kiso_values(
            affair=AFFAIR,
            title=f"{AFFAIR} 基礎項目評価書",
            number="1",
            subjects=180_000,
            handlers=50,
            result=result,
            organization_name=self.organization.name,
        )
        return create_assessment(
            self.organization,
            officer=self.officer,
            approver=self.approver,
            slug="yobo-sesshu-kiso",
            title=f"{AFFAIR} 基礎項目評価書",
            affair=AFFAIR,
            values=values,
            publications=1,
            page_class=KisoAssessmentPage,
        )

    def results(self, page, key: str = KEY) -> list[CheckResult]:
        runs = check_assessment(page)
        self.assertEqual([run.file_id for run in runs], [self.registry.file.pk])
        return list(CheckResult.objects.filter(run__in=runs, key=key))

    def result(self, page, key: str = KEY) -> CheckResult:
        [result] = self.results(page, key)
        return result

    def test_a_juten_without_its_kiso_fails_naming_the_kiso(self):
        result = self.result(self.juten())
        self.assertEqual(result.outcome, "fail")
        self.assertEqual(
            result.title, "事務の評価書がそろい、しきい値判断結果が一致する（基礎項目評価書・求められる評価書）"
        )
        self.assertEqual(result.summary, f"「{AFFAIR}」には重点項目評価書がありますが、基礎項目評価書がありません。")
        self.assertEqual(result.supports, ["Ⅴ　評価実施手続 １．基礎項目評価 ②しきい値判断結果"])

    def test_adding_the_kiso_that_states_juten_makes_both_pass(self):
        self.add_kiso(Required.JUTEN)
        result = self.result(self.juten())
        self.assertEqual(
            (result.outcome, result.summary), ("pass", "事務の評価書はそろい、しきい値判断結果も一致しています")
        )
        self.assertEqual(result.figures["affair_assessments"], 2)
        kiso = KisoAssessmentPage.objects.get(slug="yobo-sesshu-kiso")
        self.assertEqual(self.result(kiso).outcome, "pass")  # run over the 重点's file

    def test_a_kiso_stating_zenkomoku_while_only_a_juten_exists_fails_both(self):
        kiso = self.add_kiso(Required.ZENKOMOKU)
        missing = (
            f"「{AFFAIR}」の基礎項目評価書のしきい値判断結果は「基礎項目評価及び全項目評価の実施が義務付けられる」ですが、"
            "全項目評価書がありません。"
        )
        disagrees = (
            f"「{AFFAIR}」の重点項目評価書のしきい値判断結果（基礎項目評価及び重点項目評価の実施が義務付けられる）が"
            "基礎項目評価書の結果（基礎項目評価及び全項目評価の実施が義務付けられる）と一致しません。"
        )
        on_kiso = self.result(kiso)  # the 基礎 links no file: it runs over the 重点's
        self.assertEqual((on_kiso.outcome, on_kiso.summary), ("fail", missing + disagrees))
        on_juten = self.result(self.juten())
        self.assertEqual((on_juten.outcome, on_juten.summary), ("fail", missing + disagrees))
        self.assertEqual(on_juten.figures["rules"], ["しきい値判断が求める評価書の有無", "しきい値判断結果の一致"])
        self.assertEqual(on_juten.figures["findings"], [missing, disagrees])

    def test_the_kiso_checked_is_the_instance_given_not_its_saved_version(self):
        kiso = self.add_kiso(Required.JUTEN)
        values = kiso.get_values()
        set_at(values, threshold_result_item(kiso.definition).path, "基礎項目評価及び全項目評価の実施が義務付けられる")
        kiso.set_values(values)  # a draft not saved
        self.assertEqual(self.result(kiso).outcome, "fail")
        self.assertEqual(self.result(self.juten()).outcome, "pass")  # the 重点 reads the 基礎's saved draft

    def test_without_the_claim_the_check_does_not_apply(self):
        juten = self.juten()
        file = self.registry.file
        run = run_checks(file, assessment=juten, claims=claims_of(juten, file))
        result = CheckResult.objects.get(run=run, key=KEY)
        self.assertEqual((result.outcome, result.summary), ("n/a", "機関の評価書の一覧が渡されていません"))
        self.assertEqual(CheckRun.objects.filter(assessment=juten).count(), 1)

    def test_a_kiso_stating_the_required_result_is_not_told_it_is_too_light(self):
        kiso = self.add_kiso(Required.JUTEN)
        result = self.result(kiso, "threshold_agrees")
        self.assertEqual(result.outcome, "pass", result.summary)
        self.assertNotIn("この評価書では足りません", result.summary)
        self.state_result(kiso, "基礎項目評価の実施が義務付けられる")
        result = self.result(kiso, "threshold_agrees")
        self.assertEqual(result.outcome, "fail")
        self.assertIn("しきい値判断は「基礎項目評価及び重点項目評価の実施が義務付けられる」", result.summary)
        self.assertNotIn("この評価書では足りません", result.summary)

    def state_result(self, kiso: KisoAssessmentPage, label: str) -> None:
        values = kiso.get_values()
        set_at(values, threshold_result_item(kiso.definition).path, label)
        kiso.set_values(values)
