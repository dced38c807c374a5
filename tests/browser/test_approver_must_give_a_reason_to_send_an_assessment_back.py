"""The 所属長 must give a reason to send an assessment back: without one the rejection is refused."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import IDENTIFIER, latest_workflow_state, login, persona

REASON = "②事務の内容に令和８年度以降の取扱いを追記してください。"


@pytest.mark.browser
def test_approver_must_give_a_reason_to_send_an_assessment_back(new_page, assessment, shot):
    from django.contrib.auth import get_user_model
    from wagtail.models import TaskState

    from pia.models import ShozokuchoApprovalTask
    from pia.models.lookup import find_assessment

    # Arrange: the officer has submitted the assessment (the browser flow of submitting is covered elsewhere).
    officer_user = get_user_model().objects.get(username="nagaoka-officer")
    assessment.save_revision(user=officer_user)
    assessment.get_workflow().start(assessment, officer_user)
    state = latest_workflow_state(find_assessment(IDENTIFIER))
    assert state.status == state.STATUS_IN_PROGRESS
    assert isinstance(state.current_task_state.task.specific, ShozokuchoApprovalTask)

    approver = new_page()
    login(approver, persona("nagaoka-approver"))
    approver.goto(f"/admin/pages/{assessment.pk}/edit/")
    approver.locator("footer .w-dropdown__toggle").click()
    request_changes = approver.locator('footer button[data-workflow-action-name="reject"]')
    expect(request_changes).to_be_visible()
    shot(approver, "approver-opens-workflow-actions")
    request_changes.click()

    modal = approver.locator(".modal.in")
    comment = modal.locator("textarea[name=comment]")
    expect(comment).to_be_visible()
    expect(modal.locator("label[for=id_comment]")).to_contain_text("差戻しの理由")
    shot(approver, "reject-modal-asks-for-a-reason")

    # Without a reason: the server refuses and the modal stays open with the error.
    modal.locator("form button[type=submit]").click()
    expect(modal.locator("[data-field-errors]")).to_contain_text("必須")
    expect(modal.locator("textarea[name=comment]")).to_be_visible()
    shot(approver, "reject-without-reason-refused")
    refused = latest_workflow_state(find_assessment(IDENTIFIER))
    assert refused.pk == state.pk
    assert refused.status == refused.STATUS_IN_PROGRESS
    assert refused.current_task_state.status == TaskState.STATUS_IN_PROGRESS

    # With a reason: the assessment goes back to the officer.
    modal.locator("textarea[name=comment]").fill(REASON)
    with approver.expect_navigation():
        modal.locator("form button[type=submit]").click()
    expect(approver.locator(".messages")).to_contain_text(assessment.title)
    shot(approver, "rejected-with-reason")

    rejected = latest_workflow_state(find_assessment(IDENTIFIER))
    assert rejected.pk == state.pk
    assert rejected.status == rejected.STATUS_NEEDS_CHANGES
    task_state = TaskState.objects.filter(workflow_state=rejected).order_by("-pk").first()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == REASON
    assert task_state.finished_by.username == "nagaoka-approver"

    # The officer finds the reason in the editor's status panel.
    officer = new_page()
    login(officer, persona("nagaoka-officer"))
    officer.goto(f"/admin/pages/{assessment.pk}/edit/")
    officer.locator('[data-side-panel-toggle="status"]').click()
    officer.locator('[data-a11y-dialog-show="workflow-status-dialog"]').click()
    dialog = officer.locator("#workflow-status-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(REASON)
    shot(officer, "officer-sees-the-reason")
