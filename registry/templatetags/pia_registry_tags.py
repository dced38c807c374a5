import json

from django import template
from django.utils import timezone

from registry.jp.wareki import format_date

register = template.Library()


@register.filter
def wareki_datetime(value, precision=""):
    """令和7年6月30日 14:05 in Japan time (14:05:09 with ``|wareki_datetime:"seconds"``)."""
    if not value:
        return ""
    local = timezone.localtime(value)
    clock = f"{local:%H:%M:%S}" if precision == "seconds" else f"{local:%H:%M}"
    return f"{format_date(local.date())} {clock}"


@register.filter
def plain(value):
    """A history value as readable text (lists and mappings as JSON in Japanese)."""
    if value in (None, ""):
        return "（空欄）"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@register.filter
def person(user):
    """A user as Japanese documents name people: family name first."""
    if user is None:
        return "—"
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()
