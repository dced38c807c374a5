"""「様式の改版に移行」: the screen that moves an assessment's draft to its kind's current edition.

GET shows what the move does (from which form to which, the items the newer edition adds or drops,
the items it renames); POST saves the draft on the current edition (pia.services.editions).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from pia.admin.permissions import EditableAssessmentMixin
from pia.admin.views import Breadcrumbs
from pia.services.editions import EditionMoveError, move_to_current_edition, planned_move


class EditionMoveView(EditableAssessmentMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "pia/admin/edition_move.html"
    header_icon = "doc-full"
    page_title = "様式の改版に移行"

    def get_breadcrumbs_items(self) -> Breadcrumbs:
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("pia_assessments"), "label": "評価書一覧"},
            {"url": reverse("pia_assessment_document", args=[self.page.pk]), "label": self.page.title},
            {"url": "", "label": "様式の改版に移行"},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = {**super().get_context_data(**kwargs), "page": self.page, "move": None, "refusal": None}
        try:
            context["move"] = planned_move(self.page)
        except EditionMoveError as refusal:
            context["refusal"] = str(refusal)
        return context

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        try:
            move = planned_move(self.page)
            move_to_current_edition(self.page, user=request.user)
        except EditionMoveError as refusal:
            messages.error(request, str(refusal))
            return redirect(reverse("pia_edition_move", args=[self.page.pk]))
        messages.success(
            request,
            f"{move.source.form_label} から {move.target.form_label} に移行した下書きを保存しました。"
            "公表済みの版はそのままです。記載を確認して、承認を申請してください。",
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))
