"""Which days a Japanese public office is open (開庁日): not weekends, national holidays or 年末年始."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from registry.access_logs.validation import JAPAN


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("JP", years=year, language="ja"))


def is_year_end_closure(day: dt.date) -> bool:
    """12月29日から1月3日まで（地方自治法に基づく条例の休日）."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_office_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _national_holidays(day.year) and not is_year_end_closure(day)


def office_closed_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Closed days from *start* to *end* inclusive."""
    days = (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
    return [day for day in days if not is_office_day(day)]


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of *day* in Japan time."""
    return dt.datetime.combine(day, dt.time(), tzinfo=JAPAN)
