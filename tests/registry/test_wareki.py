import datetime as dt

import pytest

from registry.jp.wareki import WarekiError, format_date, parse_date


@pytest.mark.parametrize(
    ("day", "printed"),
    [
        (dt.date(2025, 6, 30), "令和7年6月30日"),  # the seed's 公表日
        (dt.date(2021, 5, 17), "令和3年5月17日"),  # the seed's 保有開始日
        (dt.date(2019, 5, 1), "令和元年5月1日"),
        (dt.date(2019, 4, 30), "平成31年4月30日"),
        (dt.date(1989, 1, 8), "平成元年1月8日"),
        (dt.date(1989, 1, 7), "昭和64年1月7日"),
        (dt.date(1926, 12, 25), "昭和元年12月25日"),
        (dt.date(1926, 12, 24), "大正15年12月24日"),
        (dt.date(2020, 1, 1), "令和2年1月1日"),
    ],
)
def test_it_prints_dates_as_the_form_does(day, printed):
    assert format_date(day) == printed


def test_it_can_print_the_first_year_as_a_number():
    assert format_date(dt.date(2019, 5, 1), gannen=False) == "令和1年5月1日"


def test_it_prints_nothing_for_no_date():
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("令和7年6月30日", dt.date(2025, 6, 30)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("令和１年５月１日", dt.date(2019, 5, 1)),
        ("令和７年６月３０日", dt.date(2025, 6, 30)),
        ("平成31年4月30日", dt.date(2019, 4, 30)),
        (" 令和 4年 6月 1日 ", dt.date(2022, 6, 1)),
    ],
)
def test_it_reads_printed_dates(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "令和元年4月30日",  # before 令和 began
        "平成32年1月1日",  # 平成 had ended
        "令和7年2月30日",  # no such day
        "令和0年1月1日",
        "2025/6/30",
        "",
        "令和七年六月三十日",
        "<script>alert(1)</script>",
    ],
)
def test_it_refuses_dates_that_are_not_real_era_dates(text):
    with pytest.raises(WarekiError):
        parse_date(text)
