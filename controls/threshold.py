"""しきい値判断: which assessments the law requires, from 対象人数, 取扱者数 and a 重大事故 in the past year.

指針 第5の2 (jp-pia-domain.md §2.a). 取扱者数 counts the body's staff and the contractors'
staff who handle the file; the threshold is 500. A 重大事故 counts when it happened
within the year before the judgment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum

HANDLER_THRESHOLD = 500


class Required(IntEnum):
    """Ordered by weight, so that `held < required` means the held kind is too light."""

    NONE = 0  # 特定個人情報保護評価の実施が義務付けられない（任意）
    KISO = 1  # 基礎項目評価
    JUTEN = 2  # 基礎項目評価及び重点項目評価
    ZENKOMOKU = 3  # 基礎項目評価及び全項目評価

    @property
    def label(self) -> str:
        return REQUIRED_LABELS[self]


REQUIRED_LABELS = {
    Required.NONE: "特定個人情報保護評価の実施が義務付けられない",
    Required.KISO: "基礎項目評価の実施が義務付けられる",
    Required.JUTEN: "基礎項目評価及び重点項目評価の実施が義務付けられる",
    Required.ZENKOMOKU: "基礎項目評価及び全項目評価の実施が義務付けられる",
}

# The kinds of assessment, as form definitions name them (``kind:``, and a threshold result's ``states:``).
KIND_REQUIRED = {
    "none": Required.NONE,
    "kiso": Required.KISO,  # form key: a kind (definitions' kind:), not the 様式３ group of the same name
    "juten": Required.JUTEN,
    "zenkomoku": Required.ZENKOMOKU,
}
ASSESSMENT_KINDS = frozenset(KIND_REQUIRED)


def within_past_year(day: dt.date, today: dt.date) -> bool:
    """On or after the same date one year before *today* (29 February → 28 February)."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago <= day <= today


def required_assessment(subjects: int, handlers: int, serious_incident: bool) -> Required:
    """The table of 指針 第5の2: rows by 対象人数, columns by (取扱者数 ≥ 500 or 重大事故)."""
    heavy = handlers >= HANDLER_THRESHOLD or serious_incident
    if subjects < 1_000:
        return Required.NONE
    if subjects < 10_000:
        return Required.KISO
    if subjects < 100_000:
        return Required.JUTEN if heavy else Required.KISO
    if subjects < 300_000:
        return Required.ZENKOMOKU if heavy else Required.JUTEN
    return Required.ZENKOMOKU


@dataclass(frozen=True)
class ThresholdJudgment:
    subjects: int
    handlers: int
    serious_incident: bool
    required: Required

    def satisfied_by(self, kind: str) -> bool:
        """Whether an assessment of *kind* (kiso, juten, zenkomoku) is as heavy as the law requires."""
        return KIND_REQUIRED.get(kind, Required.NONE) >= self.required


def judge(subjects: int, handlers: int, incident_days: list[dt.date], today: dt.date) -> ThresholdJudgment:
    serious = any(within_past_year(day, today) for day in incident_days)
    return ThresholdJudgment(subjects, handlers, serious, required_assessment(subjects, handlers, serious))
