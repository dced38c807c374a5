"""Request-level enforcement of MFA: a password alone opens nothing while ``PIA_REQUIRE_MFA`` is on."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts import mfa

# Admin URLs an unverified session may reach: signing in and out, the MFA pages and what they load
# (the JS catalogue, the icon sprite).
OPEN_ADMIN_URLS = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "accounts_mfa_verify",
        "accounts_mfa_setup",
    }
)


class MultiFactorMiddleware:
    """After a password login, every /admin/ URL leads to MFA setup or verification until it is done.

    Outside the admin an unverified session counts as anonymous (private pages, the userbar).
    Install after ``django_otp.middleware.OTPMiddleware``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if not mfa.mfa_required() or not request.user.is_authenticated or mfa.is_verified(request):
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            request.user = AnonymousUser()
            return None
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_ADMIN_URLS:
            return None
        target = "accounts_mfa_setup" if mfa.needs_enrolment(request.user) else "accounts_mfa_verify"
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
