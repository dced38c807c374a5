"""The rules across a body's assessments (its 計画管理書, 様式１), as pure functions.

jp-pia-domain.md §2.a: every affair (事務) assessed holds a 基礎項目評価書; a 重点 or 全項目 is always
accompanied by it; the 基礎's しきい値判断結果 (Ⅲ) names the heavier kind the law requires, and the
heavier assessment states the same result (重点 Ⅴ1②, 全項目 Ⅵ1②). A body may always do more than
required, so a 全項目 satisfies a required 重点.

評価書番号 is the affair's number in the 計画管理書 (記載要領): the 基礎 and the 重点 or 全項目 of one
affair are one line of that register and print the same number. So a number identifies an affair: it
must be present, shared by the assessments of one affair, and used by no other affair of the body.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from controls.threshold import KIND_REQUIRED, Required

# The assessment each required result calls for, as its form is titled.
REQUIRED_FORM_LABELS = {
    Required.KISO: "基礎項目評価書",
    Required.JUTEN: "重点項目評価書",
    Required.ZENKOMOKU: "全項目評価書",
}
_SPACES = re.compile(r"\s+")


class Rule(StrEnum):
    NUMBER_MISSING = "評価書番号の記載"
    NUMBER_SHARED = "評価書番号の重複"
    NUMBER_DIFFERS = "同じ事務の評価書番号"
    KIND_TWICE = "同じ種類の評価書の重複"
    KISO_MISSING = "基礎項目評価書の有無"
    REQUIRED_KIND_MISSING = "しきい値判断が求める評価書の有無"
    RESULT_DISAGREES = "しきい値判断結果の一致"


@dataclass(frozen=True)
class Entry:
    """One assessment of the body, as the rules need it."""

    key: int  # the assessment's id
    kind: str  # as definitions name kinds (controls.threshold.KIND_REQUIRED)
    affair: str
    number: str  # 評価書番号 as printed ("" when missing)
    stated: Required | None = None  # the しきい値判断結果 it states (None: not stated, or the form has none)


@dataclass(frozen=True)
class Finding:
    rule: Rule
    message: str
    keys: tuple[int, ...]  # the assessments concerned


def affair_key(affair: str) -> str:
    """The affair's name as compared: NFKC, without any whitespace."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", affair or ""))


def number_key(number: str) -> str:
    return affair_key(number)


def stated_requirement(state: str | None) -> Required | None:
    """The assessment a threshold result's ``states`` flag names, as a Required."""
    return KIND_REQUIRED.get(state or "")


def _by_affair(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[affair_key(entry.affair)].append(entry)
    return grouped


def weight(kind: str) -> Required:
    """How heavy an assessment of *kind* is (基礎 < 重点 < 全項目)."""
    return KIND_REQUIRED.get(kind, Required.NONE)


def _label(kind: str) -> str:
    return REQUIRED_FORM_LABELS.get(weight(kind), kind)


def number_findings(entries: Sequence[Entry]) -> list[Finding]:
    """Each 評価書番号 present, one per affair, and no two affairs with the same one."""
    found = [
        Finding(Rule.NUMBER_MISSING, f"「{e.affair}」の{_label(e.kind)}に評価書番号が記載されていません。", (e.key,))
        for e in entries
        if not number_key(e.number)
    ]
    affairs_of_number: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for affair, group in _by_affair(entries).items():
        numbers = {number_key(e.number) for e in group if number_key(e.number)}
        if len(numbers) > 1:
            printed = "、".join(sorted(e.number for e in group if number_key(e.number)))
            found.append(
                Finding(
                    Rule.NUMBER_DIFFERS,
                    f"「{group[0].affair}」の評価書の評価書番号が一致しません（{printed}）。"
                    "同じ事務の評価書は計画管理書の同じ番号を記載します。",
                    tuple(e.key for e in group),
                )
            )
        for entry in group:
            if number_key(entry.number):
                affairs_of_number[number_key(entry.number)][affair].append(entry)
    for affairs in affairs_of_number.values():
        if len(affairs) > 1:
            concerned = [e for group in affairs.values() for e in group]
            names = "」「".join(group[0].affair for group in affairs.values())
            found.append(
                Finding(
                    Rule.NUMBER_SHARED,
                    f"評価書番号「{concerned[0].number}」が別の事務（「{names}」）で重複しています。",
                    tuple(e.key for e in concerned),
                )
            )
    return found


def kind_findings(entries: Sequence[Entry]) -> list[Finding]:
    """Per affair: one assessment per kind, the 基礎 present, the required kind present, the results agreeing."""
    found: list[Finding] = []
    for group in _by_affair(entries).values():
        affair = group[0].affair
        by_kind: dict[str, list[Entry]] = defaultdict(list)
        for entry in group:
            by_kind[entry.kind].append(entry)
        for kind, same in by_kind.items():
            if len(same) > 1:
                found.append(
                    Finding(
                        Rule.KIND_TWICE,
                        f"「{affair}」に{_label(kind)}が{len(same)}件あります。",
                        tuple(e.key for e in same),
                    )
                )
        heavier = [e for e in group if weight(e.kind) > Required.KISO]
        bases = [e for e in group if weight(e.kind) is Required.KISO]
        if heavier and not bases:
            kinds = "・".join(dict.fromkeys(_label(e.kind) for e in heavier))
            found.append(
                Finding(
                    Rule.KISO_MISSING,
                    f"「{affair}」には{kinds}がありますが、基礎項目評価書がありません。",
                    tuple(e.key for e in heavier),
                )
            )
        if len(bases) != 1 or bases[0].stated is None:
            continue
        required = bases[0].stated
        held = max((weight(e.kind) for e in heavier), default=Required.KISO)
        if required > Required.KISO and held < required:
            found.append(
                Finding(
                    Rule.REQUIRED_KIND_MISSING,
                    f"「{affair}」の基礎項目評価書のしきい値判断結果は「{required.label}」ですが、"
                    f"{REQUIRED_FORM_LABELS[required]}がありません。",
                    (bases[0].key, *(e.key for e in heavier)),
                )
            )
        for entry in heavier:
            if entry.stated is not None and entry.stated != required:
                found.append(
                    Finding(
                        Rule.RESULT_DISAGREES,
                        f"「{affair}」の{_label(entry.kind)}のしきい値判断結果（{entry.stated.label}）が"
                        f"基礎項目評価書の結果（{required.label}）と一致しません。",
                        (bases[0].key, entry.key),
                    )
                )
    return found


def portfolio_findings(entries: Sequence[Entry]) -> list[Finding]:
    """Everything the rules across the body's assessments find, numbers first."""
    return [*number_findings(entries), *kind_findings(entries)]
