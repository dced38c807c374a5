"""The MFA pages of the login flow: set up an authenticator app, then verify each new session."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from wagtail.log_actions import log

from accounts import mfa
from accounts.forms import FirstTokenForm, TokenForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@never_cache
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: key as text and QR code, a first token to confirm, then recovery codes."""
    if not mfa.needs_enrolment(request.user):
        # Replacing a confirmed app needs that app (or an administrator's reset), never just the password.
        target = _next_url(request) if mfa.is_verified(request) else reverse("accounts_mfa_verify")
        return HttpResponseRedirect(target)
    enrolment = mfa.start_enrolment(request.user)
    form = FirstTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.confirm_enrolment(request, enrolment, form.cleaned_data["token"])
        if codes is not None:
            log(instance=request.user, action="accounts.mfa_enabled", user=request.user)
            return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error(None, "確認コードが正しくありません。認証アプリに表示されている最新の6桁を入力してください。")
    return render(
        request, "accounts/mfa_setup.html", {"form": form, "enrolment": enrolment, "next": _next_url(request)}
    )


@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for a token from the app or a recovery code until the session is verified."""
    if mfa.needs_enrolment(request.user):
        return HttpResponseRedirect(f"{reverse('accounts_mfa_setup')}?{request.GET.urlencode()}")
    if mfa.is_verified(request):
        return HttpResponseRedirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.throttled(request.user, form.cleaned_data["token"]):
            form.add_error(
                "token", "確認コードの誤りが続いたため、しばらく入力できません。少し待ってからやり直してください。"
            )
        elif mfa.verify(request, form.cleaned_data["token"]) is not None:
            return HttpResponseRedirect(_next_url(request))
        else:
            form.add_error(None, "確認コードが正しくありません。")
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next_url(request)})
