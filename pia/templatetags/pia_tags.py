import datetime as dt

from django import template

from registry.jp import numerals, wareki

register = template.Library()


@register.filter
def fullwidth(value):
    return numerals.fullwidth(value)


@register.filter
def wareki_date(value):
    """Format a date (or ISO date string) as 和暦: 令和7年6月30日."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return wareki.format_date(value)
