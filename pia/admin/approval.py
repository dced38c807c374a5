"""The approval screen: what the approver sees and confirms before an assessment is published.

On one screen: our compare of the draft with the live version, the proposed change-annex rows
with their judgements, the evidence checks re-run on the draft, and the 公表日. Approving here is
the only way to approve: Wagtail's own approve action sends the approver to this screen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import TaskState

from controls.models import CheckRun
from pia.admin.permissions import get_visible_assessment_or_404
from pia.admin.views import Breadcrumbs, DraftAnnexRow
from pia.compliance.checks import check_rows
from pia.compliance.evidence import check_assessment
from pia.models import AnnexDecision, AssessmentPage, Publication
from pia.models.publications import approved_publication_date
from pia.versions.annex import apply_decisions, draft_proposals
from pia.versions.compare import DRAFT, compare, versions
from registry.jp.wareki import format_date
from registry.mynumber_guard import refuse_my_numbers_in_form

APPROVE = "approve"
APPROVAL = "approval"  # the trigger recorded on the runs the approval screen makes


class ApprovalForm(forms.Form):
    kohyo_bi = forms.DateField(
        label="公表日",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="表紙・ヘッダー・XML・公開ページ・変更箇所に印字される日付です（既定は本日）。",
    )
    comment = forms.CharField(
        label="承認のコメント（任意）", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    confirmed = forms.BooleanField(
        label="版の比較、変更箇所（案）と証跡チェックの結果を確認し、この内容で公表します。",
        error_messages={"required": "内容を確認したことにチェックを入れてください。"},
    )

    def __init__(self, *args: Any, previous: Publication | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.previous = previous

    def clean_kohyo_bi(self) -> dt.date:
        kohyo_bi: dt.date = self.cleaned_data["kohyo_bi"]
        if self.previous is not None and kohyo_bi < self.previous.kohyo_bi:
            raise forms.ValidationError(
                f"公表日は前の版（第{self.previous.version}版）の公表日 {format_date(self.previous.kohyo_bi)} "
                "より前にできません。"
            )
        return kohyo_bi

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        refuse_my_numbers_in_form(self)
        return cleaned


def approval_url(page: AssessmentPage) -> str:
    return reverse("pia_assessment_approval", args=[page.pk])


def _task_state(page: AssessmentPage, user: Any) -> TaskState | None:
    """The task the user may approve now (None when the page awaits no approval by this user)."""
    state = page.current_workflow_task_state
    if state is None:
        return None
    task = state.task.specific
    if not any(name == APPROVE for name, _label, _modal in task.get_actions(page, user)):
        return None
    return state.specific


def fresh_check_runs(page: AssessmentPage) -> list[CheckRun]:
    """The evidence checks on the draft awaiting approval: run once per saved draft and day, then reused."""
    revision = page.latest_revision
    earlier = CheckRun.objects.filter(
        assessment_id=page.pk, revision=revision, trigger=APPROVAL, checked_on=timezone.localdate()
    )
    if revision is not None and earlier.exists():
        return list(earlier.order_by("-ran_at"))
    return check_assessment(page.latest_draft(), trigger=APPROVAL, revision=revision)


class AssessmentApprovalView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "pia/admin/assessment_approval.html"
    header_icon = "tick"
    page: AssessmentPage
    task_state: TaskState

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.page = get_visible_assessment_or_404(request.user, kwargs["page_id"])
        task_state = _task_state(self.page, request.user)
        if task_state is None:
            raise PermissionDenied
        self.task_state = task_state
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"承認：{self.page.title}"

    def get_breadcrumbs_items(self) -> Breadcrumbs:
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("pia_assessments"), "label": "評価書一覧"},
            {"url": reverse("pia_assessment_document", args=[self.page.pk]), "label": self.page.title},
            {"url": "", "label": "承認"},
        ]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ApprovalForm(request.POST, previous=self.page.latest_publication())
        if not form.is_valid():
            if "comment" in form.errors:  # a refused comment (a 個人番号) is not shown back
                data = request.POST.copy()
                data["comment"] = ""
                form.data = data
            return self.render_to_response(self.get_context_data(form=form))
        task = self.task_state.task.specific
        token = approved_publication_date.set(form.cleaned_data["kohyo_bi"])
        try:
            returned = task.on_action(self.task_state, request.user, APPROVE, comment=form.cleaned_data["comment"])
        finally:
            approved_publication_date.reset(token)
        if returned:  # refused (a 個人番号 in the draft): the task said where to go and why
            return redirect(returned)
        publication = self.page.latest_publication()
        if publication is not None:
            messages.success(
                request,
                f"承認しました。第{publication.version}版として公表しました"
                f"（公表日 {format_date(publication.kohyo_bi)}）。PDF・Excel・XML は作成が済むと公開されます。",
            )
        return redirect("pia_assessment_document", page_id=self.page.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        previous = self.page.latest_publication()
        all_versions = versions(self.page)
        draft = next((v for v in all_versions if v.key == DRAFT), None)
        live = all_versions[-2] if draft is not None and len(all_versions) > 1 else None
        proposals = draft_proposals(self.page)
        decisions = {d.item_path: d for d in AnnexDecision.objects.pending_for(self.page)}
        applied = apply_decisions(proposals, decisions.values())
        runs = fresh_check_runs(self.page)
        context.update(
            page=self.page,
            previous=previous,
            live=live,
            draft=draft,
            changes=compare(live, draft) if live is not None and draft is not None else [],
            annex_rows=[
                DraftAnnexRow(proposal, row, decisions.get(proposal.item_path))
                for proposal, row in zip(proposals, applied, strict=True)
            ],
            check_rows=check_rows(runs),
            failed_checks=sum(1 for run in runs for result in run.results.all() if result.outcome == "fail"),
            submitted_by=self.task_state.workflow_state.requested_by,
        )
        context.setdefault("form", ApprovalForm(initial={"kohyo_bi": timezone.localdate()}, previous=previous))
        return context
