"""The しきい値判断 table of 指針 第5の2, case by case and at its edges (jp-pia-domain.md §2.a)."""

import datetime as dt

import pytest

from controls.threshold import KIND_REQUIRED, Required, judge, required_assessment, within_past_year
from pia.formdef.loader import get_definition
from tests.reference import reference_schema

NONE, KISO, JUTEN, ZENKOMOKU = Required.NONE, Required.KISO, Required.JUTEN, Required.ZENKOMOKU


@pytest.mark.parametrize(
    ("subjects", "light", "heavy"),
    [
        (999, NONE, NONE),
        (1_000, KISO, KISO),
        (9_999, KISO, KISO),
        (10_000, KISO, JUTEN),
        (99_999, KISO, JUTEN),
        (100_000, JUTEN, ZENKOMOKU),
        (299_999, JUTEN, ZENKOMOKU),
        (300_000, ZENKOMOKU, ZENKOMOKU),
        (5_000_000, ZENKOMOKU, ZENKOMOKU),
    ],
)
def test_the_table_row_by_row(subjects, light, heavy):
    assert required_assessment(subjects, 499, False) == light
    assert required_assessment(subjects, 500, False) == heavy, "exactly 500 handlers is 500人以上"
    assert required_assessment(subjects, 10, True) == heavy, "a 重大事故 weighs like 500 handlers"


def juten_choices(key: str) -> list[dict]:
    return get_definition("juten-r06-10").choice_lists[key].facts()


def printed_band(subjects: int) -> str | None:
    """The 重点 form's Ⅰ1③ choice whose range (the definition's ``ranges:``) holds *subjects*."""
    return next(
        (c["label"] for c in juten_choices("taisho_ninzu_juten") if c["range"][0] <= subjects < c["range"][1]), None
    )


def printed_result(required: Required) -> str | None:
    """The 重点 form's Ⅴ1② choice that states *required* (the definition's ``states:``)."""
    return next(
        (c["label"] for c in juten_choices("shikiichi_kekka_juten") if KIND_REQUIRED[c["states"]] == required), None
    )


def test_nagaoka_band_requires_kiso_and_juten():
    judgment = judge(subjects=180_000, handlers=40, incident_days=[], today=dt.date(2025, 6, 30))
    assert judgment.required == JUTEN
    assert judgment.satisfied_by("juten") and not judgment.satisfied_by("kiso")
    assert printed_result(judgment.required) == "基礎項目評価及び重点項目評価の実施が義務付けられる"


def test_a_heavier_kind_has_no_juten_result():
    judgment = judge(350_000, 10, [], dt.date(2026, 12, 1))
    assert not judgment.satisfied_by("juten") and judgment.satisfied_by("zenkomoku")
    assert printed_result(judgment.required) is None


@pytest.mark.parametrize(
    ("days_ago", "counts"),
    [(0, True), (364, True), (365, True), (366, False), (800, False)],
)
def test_an_incident_counts_for_one_year(days_ago, counts):
    today = dt.date(2026, 12, 1)  # 2025-12-01 is 365 days before
    assert within_past_year(today - dt.timedelta(days=days_ago), today) is counts
    judgment = judge(150_000, 10, [today - dt.timedelta(days=days_ago)], today)
    assert judgment.required == (ZENKOMOKU if counts else JUTEN)


def test_a_leap_day_looks_back_to_the_28th_of_february():
    assert within_past_year(dt.date(2023, 2, 28), dt.date(2024, 2, 29))
    assert not within_past_year(dt.date(2023, 2, 27), dt.date(2024, 2, 29))


@pytest.mark.parametrize(
    ("subjects", "printed"),
    [
        (999, "1,000人未満"),
        (1_000, "1,000人以上1万人未満"),
        (10_000, "1万人以上10万人未満"),
        (100_000, "10万人以上30万人未満"),
        (299_999, "10万人以上30万人未満"),
        (300_000, None),
    ],
)
def test_the_subject_count_band_as_the_form_prints_it(subjects, printed):
    assert printed_band(subjects) == printed


def test_the_printed_choices_are_the_forms_own():
    lists = reference_schema()["choice_lists"]
    bands = [printed_band(n) for n in (0, 1_000, 10_000, 100_000)]
    assert bands == lists["taisho_ninzu_juten"]["choices"]
    results = [printed_result(judge(n, 10, [], dt.date(2026, 12, 1)).required) for n in (150_000, 50_000, 500)]
    assert results == lists["shikiichi_kekka_juten"]["choices"]
