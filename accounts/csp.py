"""The response's CSP nonce where no request is at hand (widgets and panels render without one)."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils.html import format_html
from django.utils.safestring import mark_safe

_current_nonce: ContextVar[object | None] = ContextVar("pia_csp_nonce", default=None)


def current_nonce() -> str | None:
    """The nonce of the response being rendered (generated on first use, then sent in its header)."""
    nonce = _current_nonce.get()
    return None if nonce is None else str(nonce)


class CurrentNonceMiddleware:
    """Publish the request's lazy CSP nonce for template tags. Install after ContentSecurityPolicyMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_nonce.set(get_nonce(request))
        try:
            return self.get_response(request)
        finally:
            _current_nonce.reset(token)


def nonce_chooser_scripts() -> None:
    """Give the inline script of Wagtail's chooser widgets (page, snippet, image, document) the nonce.

    ``BaseChooser.render`` builds ``<script>`` in Python, with no template to override and no
    request at hand; this is the same method with the nonce added. Called once from
    ``AccountsConfig.ready``; tests/accounts/test_content_security_policy.py fails if a Wagtail
    upgrade changes the markup.
    """
    from wagtail.admin.widgets.chooser import BaseChooser

    def render(self, name, value, attrs=None, renderer=None):
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as e:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
        value_data = self.get_value_data(value)
        widget_html = self.render_html(name, value_data, attrs)
        js = self.render_js_init(id_, name, value_data)
        nonce = current_nonce()
        opening = format_html('<script nonce="{}">', nonce) if nonce else "<script>"
        return mark_safe(f"{widget_html}{opening}{js}</script>")  # noqa: S308 - as Wagtail's own render

    BaseChooser.render = render
