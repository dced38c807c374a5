import datetime

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
def person(user):
    """A user as Japanese documents name people: family name first."""
    if user is None:
        return "—"
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


@register.filter
def wareki_moment(value):
    """A moment (令和7年6月30日 14:05, Japan time) or a day (令和7年6月30日), whichever *value* is."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        return wareki_datetime(value)
    return format_date(value)
