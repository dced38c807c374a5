"""A 基礎項目評価書 whose しきい値判断結果 contradicts its own answers is flagged in the editor and refused at
submission.

A fictitious body (旭ヶ丘町長) with its own registry holds a published 基礎 whose answers (1万人以上10万人未満,
500人未満, 発生なし) require the 基礎 only (jp-pia-domain.md §2.a).
"""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse
from wagtail.models import WorkflowState

from pia.models import KisoAssessmentPage
from registry.enums import Role
from tests.editor import edit_form_data
from tests.factories import OrganizationFactory
from tests.factories.pia import create_assessment, member, set_up_organization
from tests.factories.registry import build_registry

KISO_ONLY = "基礎項目評価の実施が義務付けられる"
JUTEN = "基礎項目評価及び重点項目評価の実施が義務付けられる"
REFUSAL = "しきい値判断の記載が矛盾しているため、承認に提出できません"


class KisoThresholdContradictionTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organization = OrganizationFactory(
            slug="asahigaoka", name="旭ヶ丘町長", municipality="旭ヶ丘町（架空の団体）"
        )
        set_up_organization(cls.organization)
        cls.officer = member(cls.organization, Role.OFFICER, username="asahigaoka-officer")
        cls.approver = member(cls.organization, Role.APPROVER, username="asahigaoka-approver")
        cls.page_id = create_assessment(
            cls.organization,
            officer=cls.officer,
            approver=cls.approver,
            slug="kokumin-kenko-hoken",
            title="国民健康保険に関する事務 基礎項目評価書",
            affair="国民健康保険に関する事務",
            registry=build_registry(cls.organization),
            publications=1,
            page_class=KisoAssessmentPage,
        ).pk

    def setUp(self):
        self.page = KisoAssessmentPage.objects.get(pk=self.page_id)
        self.client.force_login(self.officer)
        self.edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def post(self, *, result=KISO_ONLY, handlers="500人未満", **actions):
        values = self.page.get_values()
        values["shikiichi"]["toriatsukai_shasu"]["ninzu"] = handlers
        values["kekka"]["shikiichi_kekka"] = result
        return self.client.post(self.edit_url, edit_form_data(self.page, values, **actions))

    def workflow_states(self):
        return WorkflowState.objects.filter(base_content_type__isnull=False, object_id=str(self.page.pk))

    def test_the_published_sample_agrees_with_itself(self):
        self.assertEqual(self.page.get_values()["kekka"]["shikiichi_kekka"], KISO_ONLY)
        response = self.client.get(self.edit_url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "と記載されています。")

    def test_a_consistent_change_is_submitted_for_approval(self):
        # 500人以上 in the band 1万人以上10万人未満 requires the 重点 too, and the result now says so.
        response = self.post(result=JUTEN, handlers="500人以上", **{"action-submit": "submit"})

        if response.status_code != 302:
            self.fail(response.context["form"].errors)
        self.assertEqual(self.workflow_states().get().status, WorkflowState.STATUS_IN_PROGRESS)

    def test_a_result_its_answers_contradict_is_refused_at_submission(self):
        revisions = self.page.revisions.count()

        response = self.post(result=KISO_ONLY, handlers="500人以上", **{"action-submit": "submit"})

        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].non_field_errors()
        self.assertEqual(len(errors), 1, errors)
        self.assertIn(REFUSAL, errors[0])
        self.assertIn(f"からは「{JUTEN}」となりますが、「{KISO_ONLY}」と記載されています。", errors[0])
        self.assertIn("Ⅲ　しきい値判断結果 しきい値判断結果", errors[0])
        self.assertFalse(self.workflow_states().exists(), "nothing reaches the approver")
        self.assertEqual(self.page.revisions.count(), revisions, "nothing is saved")

    def test_the_contradiction_can_be_saved_as_a_draft_and_is_flagged_in_the_editor(self):
        response = self.post(result=KISO_ONLY, handlers="500人以上")

        self.assertEqual(response.status_code, 302)
        draft = KisoAssessmentPage.objects.get(pk=self.page.pk).latest_draft()
        self.assertEqual(draft.get_values()["kekka"]["shikiichi_kekka"], KISO_ONLY)
        editor = self.client.get(self.edit_url)
        self.assertContains(editor, f"からは「{JUTEN}」となりますが、「{KISO_ONLY}」と記載されています。")
        self.assertContains(editor, 'data-pia-path="kekka.shikiichi_kekka"')
        self.assertFalse(self.workflow_states().exists())

    def test_correcting_the_result_lets_it_through(self):
        self.post(result=KISO_ONLY, handlers="500人以上")
        self.page = KisoAssessmentPage.objects.get(pk=self.page.pk).latest_draft()

        response = self.post(result=JUTEN, handlers="500人以上", **{"action-submit": "submit"})

        self.assertEqual(response.status_code, 302)
        self.assertTrue(self.workflow_states().exists())
