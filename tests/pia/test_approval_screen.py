"""The approver approves on one screen: compare, proposed annex rows, evidence checks and the 公表日.

On an assessment built by the factories (not the demo): an officer submits a change, the approver
opens the approval screen, sets the 公表日 and approves. Every output of the new version prints it.
"""

import datetime as dt

import time_machine
from django.urls import reverse
from lxml import etree
from wagtail.models import TaskState, WorkflowState

from controls.models import CheckRun
from exports.artifact_data import published_data
from exports.xml.document import publication_xml
from pia.formdef.document import role_texts
from pia.models import Publication
from registry.jp.mynumber import MY_NUMBER_MESSAGE
from tests.personas import LATEST_PUBLICATION_DATE, VERSIONS, PersonaTestCase
from tests.privacy.spellings import spellings

NEW_PURPOSE = "予防接種事務の効率的な運用を図るため（承認画面の試験）。"
# 2026-12-03 23:30 in Japan is still 2026-12-03 there, and already past midnight nowhere else that matters.
JAPAN_EVENING = dt.datetime(2026, 12, 3, 14, 30, tzinfo=dt.UTC)


class ApprovalScreenTest(PersonaTestCase):
    def task_state(self, page):
        return WorkflowState.objects.get(object_id=str(page.pk), status="in_progress").current_task_state

    def approval_url(self, page):
        return reverse("pia_assessment_approval", args=[page.pk])

    def approve(self, page, **data):
        self.client.force_login(self.approver)
        form = {"kohyo_bi": "2026-12-10", "comment": "", "confirmed": "on"} | data
        return self.client.post(self.approval_url(page), form, follow=True)

    def test_the_screen_shows_the_compare_the_annex_rows_the_checks_and_todays_date_in_japan(self):
        page = self.submit_change(NEW_PURPOSE)
        self.client.force_login(self.approver)
        with time_machine.travel(JAPAN_EVENING, tick=False):
            response = self.client.get(self.approval_url(page))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        headings = (
            "１．版の比較",
            "２．変更箇所（案）（別添２）",
            "３．証跡チェック（下書きに対して実行）",
            "４．公表日を決めて承認する",
        )
        for heading in headings:
            self.assertIn(heading, html)
        self.assertIn(NEW_PURPOSE, html)  # in the compare table
        self.assertIn("③使用目的", html)  # the annex row's item, as printed
        self.assertIn('value="2026-12-03"', html)  # today in Japan, not the UTC date
        self.assertIn("令和8年12月3日", html)
        self.assertIn(f"第{VERSIONS + 1}版", html)

    def test_approving_publishes_with_the_chosen_date_on_every_output(self):
        page = self.submit_change(NEW_PURPOSE)
        response = self.approve(page, kohyo_bi="2026-12-10")
        messages = [str(m) for m in response.context["messages"]]
        self.assertIn(f"承認しました。第{VERSIONS + 1}版として公表しました（公表日 令和8年12月10日）。", messages[-1])
        publication = Publication.objects.get(page=page, version=VERSIONS + 1)
        self.assertEqual(publication.kohyo_bi, dt.date(2026, 12, 10))
        self.assertEqual(role_texts(publication.document)["publication_date"], "令和8年12月10日")
        root = etree.fromstring(publication_xml(published_data(publication)))
        self.assertEqual(root.get("kohyo-bi"), "2026-12-10")
        self.assertFalse(WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists())

    def test_a_date_before_the_previous_versions_is_refused_and_nothing_is_published(self):
        page = self.submit_change(NEW_PURPOSE)
        earlier = LATEST_PUBLICATION_DATE - dt.timedelta(days=1)
        response = self.approve(page, kohyo_bi=earlier.isoformat())
        self.assertContains(response, f"公表日は前の版（第{VERSIONS}版）の公表日")
        self.assertEqual(Publication.objects.filter(page=page).count(), VERSIONS)
        self.assertEqual(self.task_state(page).status, TaskState.STATUS_IN_PROGRESS)

    def test_an_approval_comment_holding_a_my_number_is_refused_in_every_spelling_and_nothing_is_published(self):
        page = self.submit_change(NEW_PURPOSE)
        for name, text in spellings().items():
            with self.subTest(spelling=name):
                response = self.approve(page, comment=f"確認済み {text}")
                self.assertContains(response, MY_NUMBER_MESSAGE)
                self.assertNotContains(response, text)  # the refused value is not echoed
                self.assertEqual(Publication.objects.filter(page=page).count(), VERSIONS)
                self.assertEqual(self.task_state(page).status, TaskState.STATUS_IN_PROGRESS)

    def test_approval_needs_the_confirmation(self):
        page = self.submit_change(NEW_PURPOSE)
        self.client.force_login(self.approver)
        response = self.client.post(self.approval_url(page), {"kohyo_bi": "2026-12-10", "comment": ""})
        self.assertContains(response, "内容を確認したことにチェックを入れてください。")
        self.assertEqual(Publication.objects.filter(page=page).count(), VERSIONS)

    def test_wagtails_own_approve_action_publishes_nothing_and_leads_to_the_screen(self):
        page = self.submit_change(NEW_PURPOSE)
        task_state = self.task_state(page)
        self.client.force_login(self.approver)
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        response = self.client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
        self.assertIn(self.approval_url(page), response.content.decode())
        self.assertEqual(Publication.objects.filter(page=page).count(), VERSIONS)
        self.assertEqual(self.task_state(page).status, TaskState.STATUS_IN_PROGRESS)
        dialog = self.client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
        self.assertIn("承認画面を開く", dialog.json()["html"])

    def test_only_the_organizations_approver_opens_the_screen(self):
        page = self.submit_change(NEW_PURPOSE)
        for user in (self.officer, self.auditor, self.outsider):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                response = self.client.get(self.approval_url(page), follow=True)
                # Wagtail's "permission denied" (a redirect to the dashboard), or not found for another body
                self.assertNotIn("承認して公表する", response.content.decode())
                self.assertTrue(response.status_code == 404 or ("/admin/", 302) in response.redirect_chain)

    def test_without_a_submission_there_is_nothing_to_approve(self):
        self.client.force_login(self.approver)
        response = self.client.get(self.approval_url(self.fresh_assessment()), follow=True)
        self.assertNotContains(response, "承認して公表する")


class PublicationDateWithoutTheScreenTest(PersonaTestCase):
    def test_a_version_published_directly_never_keeps_the_previous_versions_date(self):
        page = self.fresh_assessment()
        values = page.get_values()
        values["files"][0]["nyushu"]["shiyo_mokuteki"] = NEW_PURPOSE
        page.set_values(values)  # the cover still says the previous version's 公表日
        revision = page.save_revision(user=self.officer)
        with time_machine.travel(JAPAN_EVENING, tick=False):
            revision.publish(user=self.approver)
        publication = Publication.objects.get(page=page, version=VERSIONS + 1)
        self.assertEqual(publication.kohyo_bi, dt.date(2026, 12, 3))
        self.assertEqual(role_texts(publication.document)["publication_date"], "令和8年12月3日")


class ChecksRecordWhatTheyCheckedTest(PersonaTestCase):
    def test_the_screen_checks_the_draft_and_publication_checks_the_new_version(self):
        page = self.submit_change(NEW_PURPOSE)
        draft_revision = self.fresh_assessment().latest_revision
        self.client.force_login(self.approver)
        self.client.get(reverse("pia_assessment_approval", args=[page.pk]))
        on_screen = CheckRun.objects.filter(assessment_id=page.pk, trigger="approval")
        self.assertTrue(on_screen.exists())
        self.assertEqual(
            {(run.revision_id, run.subject) for run in on_screen},
            {(draft_revision.pk, f"下書き（保存番号 {draft_revision.pk}）")},
        )
        with self.captureOnCommitCallbacks(execute=True):  # the publication's handlers run after the commit
            self.client.post(
                reverse("pia_assessment_approval", args=[page.pk]),
                {"kohyo_bi": "2026-12-10", "comment": "", "confirmed": "on"},
            )
        publication = Publication.objects.get(page=page, version=VERSIONS + 1)
        at_publication = CheckRun.objects.filter(assessment_id=page.pk, trigger="publication")
        self.assertEqual(
            {(run.revision_id, run.subject) for run in at_publication},
            {(publication.revision_id, f"第{VERSIONS + 1}版")},
        )

    def test_the_checks_page_says_what_the_results_describe_and_when_they_are_stale(self):
        page = self.fresh_assessment()
        self.client.force_login(self.officer)
        self.client.post(reverse("pia_assessment_checks", args=[page.pk]))  # 今すぐ実行: the live version
        url = reverse("pia_assessment_checks", args=[page.pk])
        self.assertContains(self.client.get(url), f"最新の結果は<strong>第{VERSIONS}版</strong>に対して")
        self.assertNotContains(self.client.get(url), "この結果は古い可能性があります")
        self.submit_change(NEW_PURPOSE)  # a newer draft than the checked version
        self.assertContains(self.client.get(url), "この結果は古い可能性があります")
