"""Workflow views and the dashboard's moderation panels keep to the user's own organization."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import TaskState

from pia.services.organizations import group_name
from registry.enums import Role
from tests.pia.admin_scoping_base import MIDORINO_TITLE, ScopingTestCase

MIDORINO_WORKFLOW = "緑野市長 所属長承認"


class WorkflowScopingTest(ScopingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.task_state = TaskState.objects.get(
            workflow_state__object_id=str(cls.midorino_page.pk), status=TaskState.STATUS_IN_PROGRESS
        )
        cls.workflow_state = cls.task_state.workflow_state

    def midorino_workflow_urls(self):
        page_id, state = self.midorino_page.pk, self.task_state
        return [
            reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[page_id]),
            reverse("wagtailadmin_pages:workflow_history", args=[page_id]),
            reverse("wagtailadmin_pages:workflow_history_detail", args=[page_id, self.workflow_state.pk]),
            reverse("wagtailadmin_pages:workflow_action", args=[page_id, "approve", state.pk]),
            reverse("wagtailadmin_pages:workflow_action", args=[page_id, "reject", state.pk]),
            reverse("wagtailadmin_pages:collect_workflow_action_data", args=[page_id, "reject", state.pk]),
            reverse("wagtailadmin_pages:workflow_preview", args=[page_id, state.task_id]),
            reverse("wagtailadmin_pages:revisions_compare", args=[page_id, "earliest", "latest"]),
            reverse("wagtailadmin_pages:history", args=[page_id]),
            reverse("wagtailadmin_pages:edit", args=[page_id]),
        ]

    def test_another_bodys_workflow_views_are_not_found(self):
        for user in (self.officer, self.approver, self.auditor):
            self.login(user)
            for url in self.midorino_workflow_urls():
                with self.subTest(user=user.username, url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 404)
                    self.assert_shows_nothing_of_midorino(response, MIDORINO_WORKFLOW)

    def test_posting_a_workflow_action_on_another_bodys_page_does_nothing(self):
        self.login(self.approver)
        for action in ("approve", "reject"):
            url = reverse(
                "wagtailadmin_pages:workflow_action", args=[self.midorino_page.pk, action, self.task_state.pk]
            )
            response = self.client.post(
                url, {"comment": "他団体からの操作"}, headers={"x-requested-with": "XMLHttpRequest"}
            )
            self.assertEqual(response.status_code, 404)
        self.task_state.refresh_from_db()
        self.assertEqual(self.task_state.status, TaskState.STATUS_IN_PROGRESS)
        cancel = self.client.post(
            reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[self.midorino_page.pk])
        )
        self.assertEqual(cancel.status_code, 404)

    def test_the_dashboard_shows_no_other_bodys_moderation_even_to_a_misplaced_group_member(self):
        # A mistake in the groups must not open another body's drafts on the dashboard.
        self.approver.groups.add(Group.objects.get(name=group_name(self.midorino, Role.APPROVER)))
        self.login(self.approver)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        self.assert_shows_nothing_of_midorino(response)
        self.login(self.outsider)
        self.assert_absent(self.client.get(reverse("wagtailadmin_home")), self.assessment.title, "花子", "一郎")

    def test_the_midorino_approver_still_moderates_midorinos_page(self):
        self.login(self.midorino_approver)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, MIDORINO_TITLE)
        url = reverse("wagtailadmin_pages:workflow_history", args=[self.midorino_page.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
