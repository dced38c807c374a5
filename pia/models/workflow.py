"""The approval step of the 所属長 (head of department)."""

from __future__ import annotations

from django import forms
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask


class RejectionForm(TaskStateCommentForm):
    comment = forms.CharField(
        label="差戻しの理由",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=True,
        help_text="担当者に伝える差戻しの理由を記入してください（必須）。",
    )


class ShozokuchoApprovalTask(AbstractGroupApprovalTask):
    """A group approval in which rejecting requires a written reason."""

    def get_form_for_action(self, action: str):
        if action == "reject":
            return RejectionForm
        return super().get_form_for_action(action)

    @classmethod
    def get_description(cls) -> str:
        return "所属長グループの一員が承認すると公表されます。差戻しには理由の記入が必要です。"

    class Meta:
        verbose_name = "所属長承認"
        verbose_name_plural = "所属長承認"
