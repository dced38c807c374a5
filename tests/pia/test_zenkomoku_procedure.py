"""A 全項目評価書 goes to its approver only with its procedure recorded: a public comment period of 30 days
or more (or a shorter one with its 特段の理由), ending after it starts, and the 第三者点検's date.

A fictitious body (青葉台市長) with its own registry holds a published 全項目 whose comment period is 30 days
(tests/factories/pia.py COMMENT_PERIOD). Drafts are always saved; the editor flags what submission refuses.
"""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse
from wagtail.models import WorkflowState

from pia.models import ZenkomokuAssessmentPage
from registry.enums import Role
from tests.editor import edit_form_data
from tests.factories import OrganizationFactory
from tests.factories.pia import create_assessment, member, set_by_path, set_up_organization
from tests.factories.registry import build_registry

START = "tetsuzuki.iken.kikan.kaishi_bi"
END = "tetsuzuki.iken.kikan.shuryo_bi"
REASON = "tetsuzuki.iken.tanshuku_riyu"
THIRD_PARTY = "tetsuzuki.daisansha.jisshi_bi"
MISSING = "必須項目が"
PROCEDURE = "評価実施手続の記載に不備があるため、承認に提出できません"
TOO_SHORT = (
    "意見聴取の期間（令和8年1月5日～令和8年2月2日）は29日で、30日に満たないため、"
    "③期間を短縮する特段の理由を記載してください。"
)
SUBMIT = {"action-submit": "submit"}


class ZenkomokuProcedureTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organization = OrganizationFactory(slug="aobadai", name="青葉台市長", municipality="青葉台市（架空の団体）")
        set_up_organization(cls.organization)
        cls.officer = member(cls.organization, Role.OFFICER, username="aobadai-officer")
        cls.approver = member(cls.organization, Role.APPROVER, username="aobadai-approver")
        cls.page_id = create_assessment(
            cls.organization,
            officer=cls.officer,
            approver=cls.approver,
            slug="kokumin-nenkin",
            title="国民年金に関する事務 全項目評価書",
            affair="国民年金に関する事務",
            registry=build_registry(cls.organization),
            publications=1,
            page_class=ZenkomokuAssessmentPage,
        ).pk

    def setUp(self):
        self.page = ZenkomokuAssessmentPage.objects.get(pk=self.page_id)
        self.client.force_login(self.officer)
        self.edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def post(self, changes, **actions):
        values = self.page.get_values()
        for path, value in changes.items():
            set_by_path(values, path, value)
        return self.client.post(self.edit_url, edit_form_data(self.page, values, **actions))

    def period(self, start, end, reason=None):
        return {START: start, END: end, REASON: reason}

    def workflow_states(self):
        return WorkflowState.objects.filter(base_content_type__isnull=False, object_id=str(self.page.pk))

    def assert_refused(self, response, *wanted):
        self.assertEqual(response.status_code, 200)
        errors = " ".join(response.context["form"].non_field_errors())
        for text in wanted:
            self.assertIn(text, errors)
        self.assertFalse(self.workflow_states().exists(), "nothing reaches the approver")
        return errors

    def assert_submitted(self, response):
        if response.status_code != 302:
            self.fail(response.context["form"].errors)
        self.assertEqual(self.workflow_states().get().status, WorkflowState.STATUS_IN_PROGRESS)

    def test_a_period_of_30_days_is_submitted(self):
        self.assert_submitted(self.post(self.period("2026-01-05", "2026-02-03"), **SUBMIT))

    def test_a_period_of_29_days_without_a_reason_is_refused(self):
        revisions = self.page.revisions.count()

        response = self.post(self.period("2026-01-05", "2026-02-02"), **SUBMIT)

        errors = self.assert_refused(response, PROCEDURE, TOO_SHORT)
        self.assertIn("Ⅵ　評価実施手続 ２．国民・住民等からの意見の聴取 ③期間を短縮する特段の理由", errors)
        self.assertEqual(self.page.revisions.count(), revisions, "nothing is saved")

    def test_a_period_of_29_days_with_its_reason_is_submitted(self):
        reason = "法令の施行日までに評価を終える必要があるため。"
        self.assert_submitted(self.post(self.period("2026-01-05", "2026-02-02", reason), **SUBMIT))

    def test_a_missing_period_is_refused_naming_it(self):
        response = self.post(self.period(None, None), **SUBMIT)

        errors = self.assert_refused(response, MISSING)
        self.assertIn("②実施日・期間 開始日", errors)
        self.assertIn("②実施日・期間 終了日", errors)

    def test_a_missing_third_party_review_is_refused_naming_it(self):
        response = self.post({THIRD_PARTY: None}, **SUBMIT)

        errors = self.assert_refused(response, MISSING)
        self.assertIn("Ⅵ　評価実施手続 ３．第三者点検 ①実施日", errors)
        self.assertNotIn(PROCEDURE, errors)

    def test_an_end_before_the_start_is_refused(self):
        response = self.post(self.period("2026-02-03", "2026-01-05", "理由"), **SUBMIT)

        self.assert_refused(response, PROCEDURE, "終了日（令和8年1月5日）が開始日（令和8年2月3日）より前です。")

    def test_drafts_are_always_saved_and_the_editor_flags_the_short_period(self):
        for changes in (self.period("2026-01-05", "2026-02-02"), self.period(None, None), {THIRD_PARTY: None}):
            with self.subTest(changes=changes):
                self.assertEqual(self.post(changes).status_code, 302)
        self.post(self.period("2026-01-05", "2026-02-02"))

        draft = ZenkomokuAssessmentPage.objects.get(pk=self.page.pk).latest_draft()
        self.assertEqual(draft.get_values()["tetsuzuki"]["iken"]["kikan"]["shuryo_bi"], "2026-02-02")
        editor = self.client.get(self.edit_url)
        self.assertContains(editor, TOO_SHORT)
        self.assertContains(editor, f'data-pia-path="{REASON}"')
        self.assertFalse(self.workflow_states().exists())
