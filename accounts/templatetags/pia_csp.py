from django import template
from django.utils.html import format_html

from accounts.csp import current_nonce

register = template.Library()


@register.simple_tag
def script_nonce() -> str:
    """``nonce="…"`` for an inline script, also where the template has no request context."""
    nonce = current_nonce()
    return format_html('nonce="{}"', nonce) if nonce else ""
