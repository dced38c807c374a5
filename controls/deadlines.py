"""The calendar the law sets for an assessment (jp-pia-domain.md §2.b), as pure functions of dates.

- 見直し: review at least once a year (規則第14条, 努力義務): due one year after the last
  review or publication, whichever is later;
- 再評価: re-assess before five years have passed since the last re-assessment was
  published (規則第15条); a first publication counts as one;
- 重要な変更: published before the change takes effect (事前);
- 事務の終了: the assessment stays published for three years after the affair ends;
- 全項目評価 in progress: the public comment period runs to its end, and the 第三者点検 is held on the
  revised draft after it, before the draft is submitted (指針 第5の3, 規則 第7条).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from registry.jp.wareki import format_date

DUE_SOON_DAYS = 60


class Status(StrEnum):
    OVERDUE = "期限超過"
    DUE_SOON = "期限間近"
    SCHEDULED = "予定"


@dataclass(frozen=True)
class Deadline:
    kind: str
    due: dt.date
    basis: str
    status: Status

    @property
    def is_due(self) -> bool:
        return self.status in (Status.OVERDUE, Status.DUE_SOON)


@dataclass(frozen=True)
class PublishedVersion:
    published_on: dt.date
    reassessment: bool  # the first publication, or one that carried a 重要な変更


@dataclass(frozen=True)
class PlannedChange:
    takes_effect_on: dt.date
    summary: str


def add_years(day: dt.date, years: int) -> dt.date:
    """The same date *years* later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _status(due: dt.date, today: dt.date) -> Status:
    if due < today:
        return Status.OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return Status.DUE_SOON
    return Status.SCHEDULED


def deadlines(
    versions: list[PublishedVersion],
    *,
    today: dt.date,
    reviews: Sequence[dt.date] = (),
    planned_changes: Sequence[PlannedChange] = (),
    affair_ended_on: dt.date | None = None,
) -> list[Deadline]:
    """Every deadline the assessment faces, earliest first."""
    if not versions:
        return []
    found: list[Deadline] = []
    if affair_ended_on is not None:
        keep_until = add_years(affair_ended_on, 3)
        found.append(
            Deadline(
                "事務終了後の公表（3年間）",
                keep_until,
                f"事務の終了日 {affair_ended_on} から3年",
                _status(keep_until, today),
            )
        )
        return found
    latest = max(v.published_on for v in versions)
    last_review = max([latest, *reviews])
    review_due = add_years(last_review, 1)
    basis = "最後の見直し" if last_review != latest else "最後の公表"
    found.append(
        Deadline("評価書の見直し（1年ごと）", review_due, f"{basis} {last_review} から1年", _status(review_due, today))
    )
    reassessed = (
        max(v.published_on for v in versions if v.reassessment)
        if any(v.reassessment for v in versions)
        else min(v.published_on for v in versions)
    )
    reassess_due = add_years(reassessed, 5) - dt.timedelta(days=1)
    found.append(
        Deadline(
            "再評価（5年経過前）",
            reassess_due,
            f"再評価の公表 {reassessed} から5年を経過する前",
            _status(reassess_due, today),
        )
    )
    for change in planned_changes:
        due = change.takes_effect_on - dt.timedelta(days=1)
        found.append(
            Deadline(
                f"重要な変更の事前公表：{change.summary}",
                due,
                f"変更の実施日 {change.takes_effect_on} の前",
                _status(due, today),
            )
        )
    return sorted(found, key=lambda d: d.due)


def procedure_deadlines(
    *, comment_period_end: dt.date | None, third_party_review: dt.date | None, today: dt.date
) -> list[Deadline]:
    """The steps ahead of a draft that records its procedure: the end of its comment period while it runs,
    and the 第三者点検 (on its recorded date, or due from the day after the period ends while unrecorded)."""
    found: list[Deadline] = []
    if comment_period_end is not None and comment_period_end >= today:
        found.append(
            Deadline(
                "意見聴取の期間の終了",
                comment_period_end,
                f"記載された意見聴取の期間（{format_date(comment_period_end)}まで）",
                _status(comment_period_end, today),
            )
        )
    if third_party_review is not None:
        if third_party_review >= today:
            found.append(
                Deadline(
                    "第三者点検の実施",
                    third_party_review,
                    "記載された第三者点検の実施日",
                    _status(third_party_review, today),
                )
            )
    elif comment_period_end is not None:
        due = comment_period_end + dt.timedelta(days=1)
        found.append(
            Deadline(
                "第三者点検の実施（未記載）",
                due,
                f"意見聴取の終了（{format_date(comment_period_end)}）の後、承認への提出の前",
                _status(due, today),
            )
        )
    return sorted(found, key=lambda d: d.due)
