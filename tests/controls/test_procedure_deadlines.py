"""A draft that records its procedure (全項目) is reminded of the end of its comment period while it runs, and
of the 第三者点検 that follows it: on its recorded date, or due from the day after the period while unrecorded."""

from __future__ import annotations

import datetime as dt

from controls.deadlines import Status, procedure_deadlines

TODAY = dt.date(2026, 6, 1)


def kinds(found):
    return [(d.kind, d.due, d.status) for d in found]


def test_a_running_period_and_an_unrecorded_review_are_both_ahead():
    found = procedure_deadlines(comment_period_end=dt.date(2026, 6, 30), third_party_review=None, today=TODAY)
    assert kinds(found) == [
        ("意見聴取の期間の終了", dt.date(2026, 6, 30), Status.DUE_SOON),
        ("第三者点検の実施（未記載）", dt.date(2026, 7, 1), Status.DUE_SOON),
    ]
    assert found[0].basis == "記載された意見聴取の期間（令和8年6月30日まで）"


def test_an_ended_period_without_a_review_is_overdue():
    found = procedure_deadlines(comment_period_end=dt.date(2026, 5, 1), third_party_review=None, today=TODAY)
    assert kinds(found) == [("第三者点検の実施（未記載）", dt.date(2026, 5, 2), Status.OVERDUE)]
    assert found[0].basis == "意見聴取の終了（令和8年5月1日）の後、承認への提出の前"


def test_a_review_planned_ahead_is_reminded_on_its_date_and_one_held_is_done():
    planned = procedure_deadlines(
        comment_period_end=dt.date(2026, 5, 1), third_party_review=dt.date(2026, 9, 1), today=TODAY
    )
    assert kinds(planned) == [("第三者点検の実施", dt.date(2026, 9, 1), Status.SCHEDULED)]
    held = procedure_deadlines(
        comment_period_end=dt.date(2026, 5, 1), third_party_review=dt.date(2026, 5, 20), today=TODAY
    )
    assert held == []


def test_nothing_is_due_before_a_period_is_recorded():
    assert procedure_deadlines(comment_period_end=None, third_party_review=None, today=TODAY) == []
