"""The approval step of the 所属長 (head of department)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from simple_history.models import HistoricalRecords
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, TaskState

from pia.formdef.mynumber_scan import my_number_location
from pia.models.publications import AnnexDecision, approved_publication_date
from registry.mynumber_guard import MyNumberRefused, refusal_message, refuse_my_numbers_in_form


class GuardedCommentForm(TaskStateCommentForm):
    """The approver's comment refuses a 個人番号 like every other text."""

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        refuse_my_numbers_in_form(self)
        return cleaned


class RejectionForm(GuardedCommentForm):
    comment = forms.CharField(
        label="差戻しの理由",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=True,
        help_text="担当者に伝える差戻しの理由を記入してください（必須）。",
    )


class ShozokuchoApprovalTask(AbstractGroupApprovalTask):
    """A group approval in which rejecting requires a written reason and approving goes through the approval screen.

    Wagtail's one-click 「承認」 is not offered: its action opens a dialog that leads to the approval
    screen (``pia.admin.approval``), where the approver sees the compare, the proposed annex rows
    and the evidence checks, and sets the 公表日.
    """

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, str, bool]]:
        if not super().get_actions(obj, user):
            return []
        return [("reject", "差し戻す", True), ("approve", "承認画面へ", True)]

    def get_form_for_action(self, action: str) -> type[forms.Form]:
        if action == "reject":
            return RejectionForm
        if action == "approve":
            return GuardedCommentForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action: str) -> str:
        if action == "approve":
            return "pia/admin/workflow/approve_modal.html"
        return super().get_template_for_action(action)

    def on_action(self, task_state: TaskState, user: AbstractBaseUser, action_name: str, **kwargs: Any) -> str | None:
        """Wagtail's action; a refused approval answers with the URL to go back to."""
        if action_name == "approve":
            where = _draft_my_number_location(task_state)
            if where is not None:
                # Approval would publish: refuse before anything changes, and say which item to correct.
                message = refusal_message(where) + "承認（公表）できません。"
                request = getattr(HistoricalRecords.context, "request", None)
                if request is None:
                    raise MyNumberRefused(message, code="my_number")
                messages.error(request, message)
                return reverse("wagtailadmin_pages:edit", args=[task_state.workflow_state.content_object.pk])
            if approved_publication_date.get() is None:
                # Approved elsewhere than on the approval screen (Wagtail's action, a hand-made request):
                # nothing changes, and the approver is sent to the screen.
                request = getattr(HistoricalRecords.context, "request", None)
                if request is not None:
                    messages.error(request, "承認は承認画面で、内容と公表日を確認してから行ってください。")
                return reverse("pia_assessment_approval", args=[task_state.workflow_state.content_object.pk])
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls) -> str:
        return "所属長グループの一員が承認すると公表されます。差戻しには理由の記入が必要です。"

    class Meta:
        verbose_name = "所属長承認"
        verbose_name_plural = "所属長承認"


def _draft_my_number_location(task_state: TaskState) -> str | None:
    draft = task_state.revision.as_object()
    return my_number_location(draft.resolved_document(), AnnexDecision.objects.pending_for(draft))
