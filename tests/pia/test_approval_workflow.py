"""The officer submits, the 所属長 approves (which publishes) or sends back with a reason."""

from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from tests.editor import edit_form_data
from tests.personas import PersonaTestCase

NEW_PURPOSE = "予防接種事務の効率的な運用を図るため（改訂）。"


class ApprovalWorkflowTest(PersonaTestCase):
    def current_task_state(self, page):
        state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk), status="in_progress")
        return state, state.current_task_state

    def act(self, user, page, action, **data):
        _state, task_state = self.current_task_state(page)
        self.client.force_login(user)
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        # The admin posts workflow actions from its modal with XMLHttpRequest.
        return self.client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})

    def test_submission_starts_the_approval_of_the_organizations_approver(self):
        page = self.submit_change(NEW_PURPOSE)
        state, task_state = self.current_task_state(page)
        self.assertEqual(state.workflow.name, "長岡市長 所属長承認")
        self.assertEqual(task_state.task.specific.groups.get().name, "長岡市長 所属長")
        self.assertEqual(state.requested_by, self.officer)

    def test_submission_lists_the_consistency_warnings_again(self):
        page = self.fresh_assessment()
        values = page.get_values()
        self.assertEqual(len(values["files"][0]["teikyo_iten"]["teikyosaki"]), 1)
        values["files"][0]["teikyo_iten"]["umu"]["teikyo"]["count"] = 2  # 提供を行っている（2）件, one 提供先
        self.client.force_login(self.officer)
        data = edit_form_data(page, values, **{"action-submit": "submit"})
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)
        messages = [str(m) for m in response.context["messages"]]
        self.assertTrue(any("（2）件と記載されていますが、提供先は1件です" in m for m in messages), messages)

    def test_approval_by_the_approver_publishes_the_change(self):
        page = self.submit_change(NEW_PURPOSE)
        self.client.force_login(self.approver)
        form = {"kohyo_bi": "2026-12-10", "comment": "", "confirmed": "on"}  # the approval screen
        response = self.client.post(reverse("pia_assessment_approval", args=[page.pk]), form)
        self.assertEqual(response.status_code, 302)
        live = self.fresh_assessment()
        self.assertEqual(live.get_values()["files"][0]["nyushu"]["shiyo_mokuteki"], NEW_PURPOSE)
        self.assertFalse(live.has_unpublished_changes)
        self.assertEqual(WorkflowState.objects.get(object_id=str(page.pk)).status, WorkflowState.STATUS_APPROVED)

    def test_the_officer_cannot_approve_their_own_submission(self):
        page = self.submit_change(NEW_PURPOSE)
        self.act(self.officer, page, "approve", comment="")
        _state, task_state = self.current_task_state(page)
        self.assertEqual(task_state.status, TaskState.STATUS_IN_PROGRESS)
        self.assertNotEqual(self.fresh_assessment().get_values()["files"][0]["nyushu"]["shiyo_mokuteki"], NEW_PURPOSE)

    def test_the_other_organizations_officer_cannot_approve(self):
        page = self.submit_change(NEW_PURPOSE)
        self.act(self.outsider, page, "approve", comment="")
        _state, task_state = self.current_task_state(page)
        self.assertEqual(task_state.status, TaskState.STATUS_IN_PROGRESS)

    def test_sending_back_requires_a_reason(self):
        page = self.submit_change(NEW_PURPOSE)
        response = self.act(self.approver, page, "reject", comment="")
        self.assertIn("この項目は必須です", response.json()["html"])
        _state, task_state = self.current_task_state(page)
        self.assertEqual(task_state.status, TaskState.STATUS_IN_PROGRESS)

    def test_sending_back_with_a_reason_returns_it_to_the_officer(self):
        page = self.submit_change(NEW_PURPOSE)
        _state, task_state = self.current_task_state(page)
        self.act(self.approver, page, "reject", comment="使用目的の根拠法令を明記してください。")
        task_state.refresh_from_db()
        self.assertEqual(task_state.status, TaskState.STATUS_REJECTED)
        self.assertEqual(task_state.get_comment(), "使用目的の根拠法令を明記してください。")
        self.assertNotEqual(self.fresh_assessment().get_values()["files"][0]["nyushu"]["shiyo_mokuteki"], NEW_PURPOSE)

    def test_the_officer_sees_why_it_was_sent_back_at_the_top_of_the_editor(self):
        page = self.submit_change(NEW_PURPOSE)
        self.act(self.approver, page, "reject", comment="使用目的の根拠法令を明記してください。")
        self.client.force_login(self.officer)
        body = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        self.assertIn("所属長から差し戻されました", body)
        self.assertIn("差戻しの理由：使用目的の根拠法令を明記してください。", body)
