"""Admin: an assessment's evidence checks with their history and charts; the dashboard panel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from laces.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from controls.models import AssessmentReview
from pia.admin.permissions import RequestUser, get_visible_assessment_or_404, signed_in, visible_assessment_pages
from pia.compliance.checks import check_rows, dashboard_rows, latest_runs, monthly_log_volume, verdict_counts
from pia.compliance.deadlines import assessment_deadlines
from pia.compliance.evidence import stale_runs
from pia.compliance.tasks import run_evidence_checks
from pia.models import AssessmentPage
from registry.jp.mynumber import MY_NUMBER_MESSAGE, contains_my_number


def may_run_checks(user: RequestUser, page: AssessmentPage) -> bool:
    """Officers and approvers start a run (it only adds results); auditors read."""
    return page.permissions_for_user(user).can_edit()


class AssessmentChecksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "pia/admin/assessment_checks.html"
    header_icon = "tasks"
    page: AssessmentPage

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.page = get_visible_assessment_or_404(request.user, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"証跡チェックと期限：{self.page.title}"

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("pia_assessments"), "label": "評価書一覧"},
            {"url": "", "label": f"証跡チェックと期限：{self.page.title}"},
        ]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_run_checks(request.user, self.page):
            raise PermissionDenied
        if "reviewed_on" in request.POST:
            form = ReviewForm(request.POST)
            if not form.is_valid():
                if "note" in form.errors:  # a refused note (a 個人番号) is not shown back
                    data = request.POST.copy()
                    data["note"] = ""
                    form.data = data
                return self.render_to_response(self.get_context_data(review_form=form))
            AssessmentReview.objects.create(
                assessment=self.page, reviewed_by=signed_in(request.user), **form.cleaned_data
            )
            messages.success(request, "見直しを記録しました。次の見直しの期限はこの日から1年後です。")
        else:
            run_evidence_checks.enqueue(self.page.pk, "manual")
            messages.success(request, "証跡チェックを実行しました（バックグラウンドの場合は数分後に反映されます）。")
        return redirect("pia_assessment_checks", page_id=self.page.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        runs = latest_runs(self.page)
        context.update(
            page=self.page,
            deadlines=assessment_deadlines(self.page, timezone.localdate()),
            runs=runs,
            stale=stale_runs(self.page, runs),
            rows=check_rows(runs),
            counts=verdict_counts(runs),
            volume=monthly_log_volume(self.page),
            can_run=may_run_checks(self.request.user, self.page),
            reviews=AssessmentReview.objects.filter(assessment=self.page).select_related("reviewed_by")[:5],
        )
        context.setdefault("review_form", ReviewForm(initial={"reviewed_on": timezone.localdate()}))
        return context


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label="見直し日", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label="確認した内容", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_reviewed_on(self) -> dt.date:
        day = self.cleaned_data["reviewed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("見直し日に未来の日付は指定できません。")
        return day

    def clean_note(self) -> str:
        note = self.cleaned_data["note"]
        if contains_my_number(note):
            raise forms.ValidationError(MY_NUMBER_MESSAGE)
        return note


# The panel lists this many assessments at most (a national administrator sees tens of thousands).
PANEL_LIMIT = 10


class ComplianceDashboardPanel(Component):
    """The dashboard lists, per visible assessment, its deadlines and the latest failing checks.

    At most PANEL_LIMIT assessments: those never published, then those published longest ago
    (their yearly review and re-assessment fall due first); the rest are in 評価書一覧.
    """

    name = "pia_compliance"
    order = 40
    template_name = "pia/admin/compliance_dashboard.html"

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        pages = visible_assessment_pages(self.request.user)
        shown = list(pages.order_by(F("last_published_at").asc(nulls_first=True), "path")[:PANEL_LIMIT].specific())
        return {
            "rows": dashboard_rows(shown, timezone.localdate()),
            "more": pages.count() - len(shown),
            "index_url": reverse("pia_assessments"),
        }
