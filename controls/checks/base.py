"""What an evidence check is: a function over the registry and the logs that supports printed items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from registry.models import Organization, PersonalInformationFile, System


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 (a verdict, not a password)
    FAIL = "fail"
    NOT_APPLICABLE = "n/a"

    @property
    def label(self) -> str:
        return {"pass": "適合", "fail": "不適合", "n/a": "対象外"}[self.value]


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    summary: str
    figures: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckContext:
    """One 特定個人情報ファイル as the registry holds it, and the day the checks are run for."""

    organization: Organization
    file: PersonalInformationFile
    today: dt.date
    claims: dict[str, Any] = field(default_factory=dict)

    @property
    def systems(self) -> list[System]:
        return list(self.file.system_records())


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    supports: tuple[str, ...]  # printed paths of the items whose claims the check tests
    run: Callable[[CheckContext], Verdict]
    items: tuple[str, ...] = ()  # the same items as form-definition key paths (no indices), for the editor


CATALOGUE: dict[str, Check] = {}


def check(key: str, title: str, *supports: str, items: tuple[str, ...] = ()):
    """Register a check function in the catalogue."""

    def register(function: Callable[[CheckContext], Verdict]) -> Callable[[CheckContext], Verdict]:
        CATALOGUE[key] = Check(key, title, supports, function, items)
        return function

    return register


def passed(summary: str, **figures: Any) -> Verdict:
    return Verdict(Outcome.PASS, summary, figures)


def failed(summary: str, **figures: Any) -> Verdict:
    return Verdict(Outcome.FAIL, summary, figures)


def not_applicable(summary: str, **figures: Any) -> Verdict:
    return Verdict(Outcome.NOT_APPLICABLE, summary, figures)
