"""和暦 (Japanese era) dates: the one place where dates become 令和7年6月30日 and back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Era:
    name: str
    start: dt.date


# Era start dates as proclaimed (the Gregorian day the new era began).
ERAS: tuple[Era, ...] = (
    Era("令和", dt.date(2019, 5, 1)),
    Era("平成", dt.date(1989, 1, 8)),
    Era("昭和", dt.date(1926, 12, 25)),
    Era("大正", dt.date(1912, 7, 30)),
    Era("明治", dt.date(1868, 10, 23)),
)

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class WarekiError(ValueError):
    """A 和暦 string that is not a real date."""


def era_of(day: dt.date) -> tuple[Era, int]:
    """Return the era containing *day* and the era year (1 = 元年)."""
    for era in ERAS:
        if day >= era.start:
            return era, day.year - era.start.year + 1
    raise WarekiError(f"{day.isoformat()} は明治より前の日付です")


def format_date(day: dt.date | None, *, gannen: bool = True) -> str:
    """Format as the form prints dates: 令和7年6月30日, 令和元年5月1日."""
    if day is None:
        return ""
    era, year = era_of(day)
    year_text = "元" if (year == 1 and gannen) else str(year)
    return f"{era.name}{year_text}年{day.month}月{day.day}日"


def format_year_month(day: dt.date) -> str:
    era, year = era_of(day)
    year_text = "元" if year == 1 else str(year)
    return f"{era.name}{year_text}年{day.month}月"


_PATTERN = re.compile(r"^\s*(令和|平成|昭和|大正|明治)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


def parse_date(text: str) -> dt.date:
    """Parse 令和7年6月30日 / 令和元年5月1日 / full-width digits; refuse dates outside the era."""
    match = _PATTERN.match(text.translate(_FULLWIDTH_DIGITS))
    if not match:
        raise WarekiError(f"「{text}」は和暦の日付（例：令和7年6月30日）として読めません")
    era_name, year_text, month_text, day_text = match.groups()
    era = next(e for e in ERAS if e.name == era_name)
    year = 1 if year_text == "元" else int(year_text)
    if year < 1:
        raise WarekiError(f"「{text}」の年が正しくありません")
    try:
        day = dt.date(era.start.year + year - 1, int(month_text), int(day_text))
    except ValueError as exc:
        raise WarekiError(f"「{text}」は存在しない日付です") from exc
    found_era, found_year = era_of(day)
    if found_era != era or found_year != year:
        raise WarekiError(f"「{text}」は{era.name}の期間外の日付です")
    return day
