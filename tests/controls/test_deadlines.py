"""The review and re-assessment calendar (規則第14条・第15条), significant changes 事前, ended affairs."""

import datetime as dt

from controls.deadlines import PlannedChange, PublishedVersion, Status, add_years, deadlines

D = dt.date
# Nagaoka: first published 令和3年5月17日; 令和4年1月5日 carried significant changes; latest 令和7年6月30日.
NAGAOKA = [
    PublishedVersion(D(2021, 5, 17), reassessment=False),
    PublishedVersion(D(2022, 1, 5), reassessment=True),
    PublishedVersion(D(2025, 6, 30), reassessment=False),
]


def by_kind(found):
    return {d.kind: d for d in found}


def test_the_yearly_review_is_due_a_year_after_the_latest_publication():
    review = by_kind(deadlines(NAGAOKA, today=D(2026, 1, 10)))["評価書の見直し（1年ごと）"]
    assert (review.due, review.status) == (D(2026, 6, 30), Status.SCHEDULED)
    assert by_kind(deadlines(NAGAOKA, today=D(2026, 5, 1)))["評価書の見直し（1年ごと）"].status == Status.DUE_SOON
    assert by_kind(deadlines(NAGAOKA, today=D(2026, 7, 1)))["評価書の見直し（1年ごと）"].status == Status.OVERDUE


def test_a_recorded_review_moves_the_next_one():
    review = by_kind(deadlines(NAGAOKA, today=D(2026, 12, 1), reviews=[D(2026, 6, 20)]))["評価書の見直し（1年ごと）"]
    assert review.due == D(2027, 6, 20)
    assert review.basis == "最後の見直し 2026-06-20 から1年"


def test_re_assessment_is_due_before_five_years_from_the_last_re_assessment():
    reassess = by_kind(deadlines(NAGAOKA, today=D(2026, 12, 1)))["再評価（5年経過前）"]
    assert reassess.due == D(2027, 1, 4), "the day before 令和9年1月5日"
    assert reassess.status == Status.DUE_SOON


def test_without_a_significant_change_the_first_publication_starts_the_five_years():
    found = by_kind(deadlines([PublishedVersion(D(2021, 5, 17), reassessment=False)], today=D(2021, 6, 1)))
    assert found["再評価（5年経過前）"].due == D(2026, 5, 16)


def test_a_significant_change_must_be_published_before_it_takes_effect():
    change = PlannedChange(D(2027, 4, 1), "接種記録の提供先の追加")
    found = deadlines(NAGAOKA, today=D(2027, 4, 2), planned_changes=[change])
    planned = by_kind(found)["重要な変更の事前公表：接種記録の提供先の追加"]
    assert (planned.due, planned.status) == (D(2027, 3, 31), Status.OVERDUE)


def test_an_ended_affair_only_has_to_stay_published_for_three_years():
    found = deadlines(NAGAOKA, today=D(2026, 12, 1), affair_ended_on=D(2026, 3, 31))
    assert [(d.kind, d.due) for d in found] == [("事務終了後の公表（3年間）", D(2029, 3, 31))]


def test_deadlines_come_earliest_first_and_a_leap_day_is_kept_in_common_years():
    found = deadlines(NAGAOKA, today=D(2026, 12, 1))
    assert [d.due for d in found] == sorted(d.due for d in found)
    assert add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)


def test_nothing_is_due_before_the_first_publication():
    assert deadlines([], today=D(2026, 12, 1)) == []
