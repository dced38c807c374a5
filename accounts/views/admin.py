"""Administrators' screens: who is locked out of the login (lift it), who has MFA (reset it)."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from accounts import lockouts, mfa
from accounts.views.lockout import cooloff_minutes


class AdministratorOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LockoutListView(AdministratorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/admin/lockouts.html"
    page_title = "ログインのロック"
    header_icon = "lock"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        rows = [(attempt, lockouts.locked_until(attempt)) for attempt in lockouts.locked_out()[:200]]
        return super().get_context_data(
            rows=rows, failure_limit=settings.AXES_FAILURE_LIMIT, cooloff_minutes=cooloff_minutes(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        attempt = get_object_or_404(AccessAttempt, pk=request.POST.get("attempt"))
        lockouts.lift(attempt)
        user = get_user_model().objects.filter(username=attempt.username).first()
        if user is not None:
            log(instance=user, action="accounts.lockout_lifted", user=request.user, data={"ip": attempt.ip_address})
        messages.success(request, f"{attempt.username}（{attempt.ip_address}）のロックを解除しました。")
        return HttpResponseRedirect(reverse("accounts_lockouts"))


class MultiFactorListView(AdministratorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/admin/mfa_users.html"
    page_title = "多要素認証"
    header_icon = "key"
    per_page = 50

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        page = Paginator(users, self.per_page).get_page(self.request.GET.get("p"))
        rows = [(user, mfa.has_mfa(user), mfa.remaining_recovery_codes(user)) for user in page]
        return super().get_context_data(page=page, rows=rows, required=mfa.mfa_required(), **kwargs)

    def post(self, request, *args, **kwargs):
        user = get_object_or_404(get_user_model(), pk=request.POST.get("user"))
        mfa.reset(user)
        log(instance=user, action="accounts.mfa_reset", user=request.user)
        messages.success(
            request, f"{user.get_username()} の多要素認証をリセットしました。次のログインで認証アプリを登録し直します。"
        )
        return HttpResponseRedirect(reverse("accounts_mfa_users"))
