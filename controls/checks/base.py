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
    """A check knows the registry and the logs, never the form: the form definitions name, per item,
    the checks that support it (``evidence:``) and the answers they hand over (``claim:``)."""

    key: str
    title: str
    run: Callable[[CheckContext], Verdict]


# Filled by @check as the check modules are imported; read it through controls.checks.CATALOGUE.
REGISTERED: dict[str, Check] = {}

# The claims an assessment can hand over, by name, with the type of the form item that states each.
# single_choice claims arrive as {"printed": label or None, "choices": [{"label", "range"/"states"/…}]}
# (ChoiceList.facts), multi_check claims as the ticked item keys, repeat claims as their entries.
CLAIMS = {
    "subject_band": "single_choice",  # the printed band of the number of subjects (対象人数)
    "threshold_result": "single_choice",  # the printed result of the threshold judgment (しきい値判断結果)
    "inspection_kinds": "multi_check",  # the kinds of inspection the assessment says are done (InspectionKind)
    "delegations": "repeat",  # the delegated tasks (委託事項), each linked to a DelegationContract
    "provisions": "repeat",  # the recipients (提供先), each linked to a Destination of kind provision
    "transfers": "repeat",  # the transfers inside the body (移転先), each linked to a Destination of kind transfer
    # The body's assessments ({"key": this assessment's id, "entries": [controls.portfolio.Entry, …]}), handed
    # over by the application from the body's register, not stated by a form item (no item type is "register").
    "portfolio": "register",
}


def check(key: str, title: str) -> Callable[[Callable[[CheckContext], Verdict]], Callable[[CheckContext], Verdict]]:
    """Register a check function in the catalogue."""

    def register(function: Callable[[CheckContext], Verdict]) -> Callable[[CheckContext], Verdict]:
        REGISTERED[key] = Check(key, title, function)
        return function

    return register


def passed(summary: str, **figures: Any) -> Verdict:
    return Verdict(Outcome.PASS, summary, figures)


def failed(summary: str, **figures: Any) -> Verdict:
    return Verdict(Outcome.FAIL, summary, figures)


def not_applicable(summary: str, **figures: Any) -> Verdict:
    return Verdict(Outcome.NOT_APPLICABLE, summary, figures)
