"""The form definition: one kind of assessment form in one edition, as data.

A definition is loaded from YAML (see ``definitions/``) by :mod:`pia.formdef.loader`,
which validates it. Every walker (editor blocks, validation, resolved document)
works from these objects only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from registry.jp.numerals import fullwidth


class ItemType(StrEnum):
    TEXT = "text"
    MULTILINE = "multiline_text"
    DATE = "date"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHECK = "multi_check"
    CHECKBOX = "checkbox"
    INTEGER = "integer"
    GROUP = "group"
    REPEAT = "repeat"
    CONSTANT = "constant"


class Role(StrEnum):
    """What an item or section is for, whatever its key: outputs and services find them by role."""

    COVER = "cover"  # the section printed as the cover (表紙)
    TITLE = "title"  # 評価書名
    EVALUATION_NUMBER = "evaluation_number"  # 評価書番号 (the number in the 計画管理書, 様式１)
    ORGANIZATION_NAME = "organization_name"  # 評価実施機関名
    PUBLICATION_DATE = "publication_date"  # 公表日
    # The しきい値判断 a form states about itself (基礎項目評価書 Ⅱ and Ⅲ): single choices whose
    # choice lists give each answer's count band (``ranges``) and the result's assessment (``states``).
    THRESHOLD_SUBJECTS = "threshold_subjects"  # 対象人数
    THRESHOLD_HANDLERS = "threshold_handlers"  # 取扱者数
    THRESHOLD_INCIDENT = "threshold_incident"  # 重大事故 within the past year (a count band: none, one or more)
    THRESHOLD_RESULT = "threshold_result"  # しきい値判断結果
    # The procedure a form records about itself (全項目評価書 Ⅵ): the public comment period, dates whose
    # end item states the shortest period (``min_days``), the reason that allows a shorter one, and the
    # date of the 第三者点検. Each is required at submission; pia.formdef.procedure_rule checks the period.
    COMMENT_PERIOD_START = "comment_period_start"  # 意見聴取 開始日
    COMMENT_PERIOD_END = "comment_period_end"  # 意見聴取 終了日
    COMMENT_PERIOD_REASON = "comment_period_reason"  # 期間を短縮する特段の理由
    THIRD_PARTY_REVIEW = "third_party_review"  # 第三者点検 実施日


THRESHOLD_ANSWER_ROLES = (Role.THRESHOLD_SUBJECTS, Role.THRESHOLD_HANDLERS, Role.THRESHOLD_INCIDENT)
COMMENT_PERIOD_ROLES = (Role.COMMENT_PERIOD_START, Role.COMMENT_PERIOD_END, Role.COMMENT_PERIOD_REASON)

SECTION_ROLES = frozenset({Role.COVER})
ITEM_ROLES = frozenset(Role) - SECTION_ROLES

CONTAINER_TYPES = frozenset({ItemType.GROUP, ItemType.REPEAT})
TEXT_TYPES = frozenset({ItemType.TEXT, ItemType.MULTILINE})


@dataclass(frozen=True)
class ChoiceList:
    key: str
    choices: tuple[str, ...]
    numbering: str = "1）"
    # Flags the evidence checks read instead of the printed labels (all optional, one per choice):
    adequate: frozenset[str] = frozenset()  # the answers that claim a measure is adequate (十分である …)
    ranges: tuple[tuple[int, int | None], ...] = ()  # a count band per choice: [from, below) (None: no limit)
    states: tuple[str, ...] = ()  # the assessment a threshold result states (none, kiso, juten, zenkomoku)

    def facts(self) -> list[dict[str, Any]]:
        """Each choice with its flags, as the evidence checks receive them."""
        facts: list[dict[str, Any]] = []
        for index, label in enumerate(self.choices):
            fact: dict[str, Any] = {"label": label, "adequate": label in self.adequate}
            if self.ranges:
                fact["range"] = list(self.ranges[index])
            if self.states:
                fact["states"] = self.states[index]
            facts.append(fact)
        return facts

    def printed(self, index: int) -> str:
        """The choice as the form's ＜選択肢＞ list prints it, e.g. ``2） 十分である``."""
        marker = self.numbering.replace("1", str(index + 1))
        return f"{marker} {self.choices[index]}"


@dataclass(frozen=True)
class CheckItem:
    key: str
    label: str
    with_text: bool = False
    with_count: bool = False


@dataclass(frozen=True)
class CheckGroup:
    label: str | None
    items: tuple[CheckItem, ...]


@dataclass(frozen=True)
class CheckList:
    key: str
    groups: tuple[CheckGroup, ...]

    @property
    def items(self) -> tuple[CheckItem, ...]:
        return tuple(item for group in self.groups for item in group.items)

    def group_of(self, item_key: str) -> str | None:
        for group in self.groups:
            if any(item.key == item_key for item in group.items):
                return group.label
        return None


@dataclass(frozen=True)
class Source:
    """A link to a registry record: which model, and which items it prints (relative path → attribute)."""

    model: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    type: ItemType
    path: str
    number: str = ""
    significant: bool = False
    parent_label: str | None = None
    choices: ChoiceList | None = None
    check_list: CheckList | None = None
    value: str | None = None
    optional: bool = False  # may stay empty at submission (itself or a group it is in is optional)
    required_when: tuple[str, str] | None = None  # required only when a sibling choice holds this answer
    in_path: bool = True
    # A group kept out of printed paths is printed at the side of its items (再委託), or, with
    # side_label False, as a heading row above them (the 全項目's five risks of delegation).
    side_label: bool = True
    min_days: int = 0  # a period ending at this date lasts at least this many days, its first day counted
    in_annex: bool = True  # False for items every publication changes (公表日), never logged in 別添２
    note: str | None = None
    items: tuple[Item, ...] = ()
    entry_label: str | None = None
    min: int = 0
    max: int = 0
    display_groups: tuple[str, ...] = ()
    # Count cross-checks: (check item key or None for an integer item, sibling repeat key).
    counts: tuple[tuple[str | None, str], ...] = ()
    source: Source | None = None
    role: Role | None = None
    evidence: tuple[str, ...] = ()  # keys of the evidence checks (controls) that support what the item claims
    claim: str | None = None  # the name under which the item's answer is handed to the checks

    @property
    def choice_list(self) -> ChoiceList:
        if self.choices is None:
            raise TypeError(f"{self.path} is not a single choice")
        return self.choices

    @property
    def checks(self) -> CheckList:
        if self.check_list is None:
            raise TypeError(f"{self.path} is not a check list")
        return self.check_list

    @property
    def is_container(self) -> bool:
        return self.type in CONTAINER_TYPES

    def label_for(self, n: int) -> str:
        """The printed label of entry *n* of a repeat group (システム３, 委託事項２)."""
        return (self.entry_label or self.label).replace("{n}", fullwidth(n))

    def printed_label(self, n: int | None = None) -> str:
        return self.label.replace("{n}", "" if n is None else fullwidth(n))


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    tab: str
    number: str
    # A section printed once per entry (Ⅱ and Ⅲ per 特定個人情報ファイル) repeats like a repeat item.
    entry_label: str | None = None
    min: int = 1
    max: int = 1
    significant: bool = False
    annex: bool = False
    items: tuple[Item, ...] = ()
    columns: tuple[Item, ...] = ()
    note: str | None = None
    source: Source | None = None
    role: Role | None = None

    @property
    def printed_label(self) -> str:
        """The section heading as change-annex paths print it: as the form prints it (Ⅱ　特定個人情報ファイルの概要)."""
        return self.label

    @property
    def editable(self) -> bool:
        return not self.annex

    @property
    def repeats(self) -> bool:
        """Whether the section holds a list of entries (one per file) rather than one set of items."""
        return self.entry_label is not None

    def label_for(self, n: int) -> str:
        """The printed heading of entry *n* (特定個人情報ファイル２)."""
        return (self.entry_label or self.label).replace("{n}", fullwidth(n))

    def entries(self, stored: Any) -> list[dict[str, Any]]:
        """The stored value as a list of entries: a repeating section's list, else its one entry."""
        if self.repeats:
            return list(stored or [])
        return [stored if isinstance(stored, dict) else {}]

    def stored(self, entries: list[dict[str, Any]]) -> Any:
        """The inverse of :meth:`entries`: how the section's value is kept in the assessment's values."""
        if self.repeats:
            return entries
        return entries[0] if entries else {}


@dataclass(frozen=True)
class FormDefinition:
    id: str
    kind: str
    kind_label: str
    title: str
    edition: str
    yoshiki: str
    form_label: str
    table_of_contents: tuple[str, ...]
    choice_lists: dict[str, ChoiceList] = field(default_factory=dict)
    check_lists: dict[str, CheckList] = field(default_factory=dict)
    sections: tuple[Section, ...] = ()
    # The first day this edition was in force (a publication prints the edition in force on its 公表日),
    # and the definition whose sections an older edition shares (``extends``; pia/formdef/editions.py).
    in_force_from: dt.date | None = None
    extends: str | None = None

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    @property
    def editable_sections(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.editable)

    @property
    def cover_section(self) -> Section | None:
        """The section printed as the cover (role ``cover``), if the form has one."""
        return next((s for s in self.sections if s.role is Role.COVER), None)

    @property
    def annex_section(self) -> Section | None:
        """The change annex (別添２ of the 重点, 別添３ of the 全項目), if the form has one."""
        return next((s for s in self.sections if s.annex), None)

    def item_with_role(self, role: Role) -> tuple[Section, Item]:
        """The section and item carrying *role* (``publication_date``, ``title``, …)."""
        for section, item in self.walk():
            if item.role is role:
                return section, item
        raise KeyError(role)

    def evidence_items(self) -> dict[str, list[tuple[Section, Item]]]:
        """For each evidence check, the items (with their sections) it supports, in form order."""
        found: dict[str, list[tuple[Section, Item]]] = {}
        for section, item in self.walk():
            for check in item.evidence:
                found.setdefault(check, []).append((section, item))
        return found

    def walk(self) -> Iterator[tuple[Section, Item]]:
        """Every item of every section in document order, containers before their children."""
        for section in self.sections:
            for item in section.items:
                yield from ((section, i) for i in _walk(item))

    @property
    def count_rules(self) -> dict[str, tuple[tuple[str | None, str], ...]]:
        """Item paths (without indices) that state a count of a sibling repeat group."""
        return {item.path: item.counts for _s, item in self.walk() if item.counts}

    def item(self, path: str) -> Item:
        """Look up an item by its key path without indices (``files.itaku.jiko.naiyo``)."""
        for _section, item in self.walk():
            if item.path == path:
                return item
        raise KeyError(path)


def _walk(item: Item) -> Iterator[Item]:
    yield item
    for child in item.items:
        yield from _walk(child)
