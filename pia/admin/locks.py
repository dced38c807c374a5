"""Page locks: an officer sees who holds the lock on an assessment, and can ask for its release.

Wagtail lets an approver lock a page (its 「ロック」 action). The editor then tells everyone else
who locked it and since when (WorkflowNoticePanel); 「ロックの解除を依頼する」 mails the holder and
records the request in the page's history, so that the request itself is not lost.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from pia.admin.permissions import EditableAssessmentMixin
from registry.templatetags.pia_registry_tags import wareki_datetime

UNLOCK_REQUESTED = "pia.unlock_requested"


def person_name(user: Any) -> str:
    """Family name first (accounts.names installs it as get_full_name), else the login name."""
    return user.get_full_name() or user.get_username()


class RequestUnlockView(EditableAssessmentMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET: who holds the lock, and a button; POST: ask the holder of an assessment's lock to release it."""

    template_name = "pia/admin/request_unlock.html"
    header_icon = "lock"
    page_title = "ロックの解除を依頼する"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "page": self.page}

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        page = self.page
        editor = reverse("wagtailadmin_pages:edit", args=[page.pk])
        holder = page.locked_by
        if not page.locked or holder is None:
            messages.info(request, "この評価書のロックはすでに解除されています。")
            return redirect(editor)
        if holder.pk == request.user.pk:
            messages.info(request, "この評価書はあなたがロックしています。")
            return redirect(editor)
        asker = person_name(request.user)
        log(instance=page, action=UNLOCK_REQUESTED, user=request.user, data={"holder": person_name(holder)})
        if holder.email:
            send_mail(
                f"【特定個人情報保護評価】ロックの解除の依頼：{page.title}",
                "\n".join(
                    [
                        f"{asker} さんから、次の評価書のロックの解除を依頼されました。",
                        "",
                        f"・{page.title}",
                        f"・ロックした日時：{wareki_datetime(page.locked_at)}",
                        "",
                        f"編集を続ける必要がなければ、管理画面でロックを解除してください：{request.build_absolute_uri(editor)}",
                    ]
                ),
                settings.DEFAULT_FROM_EMAIL,
                [holder.email],
            )
            messages.success(
                request, f"{person_name(holder)} さんにロックの解除を依頼しました（メールで通知しました）。"
            )
        else:
            messages.warning(
                request,
                f"{person_name(holder)} さんにはメールアドレスが登録されていないため、依頼を履歴にだけ記録しました。"
                "直接連絡してください。",
            )
        return redirect(editor)
