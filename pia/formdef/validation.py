"""Validation walkers over a resolved document.

Errors block saving (the editor's blocks enforce the same rules field by field);
warnings are consistency findings that block nothing and are shown to the officer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pia.formdef.document import iter_nodes, iter_sibling_lists
from pia.formdef.loader import get_definition
from pia.formdef.schema import Item, ItemType, Role
from pia.formdef.types import ItemNode, ResolvedDocument
from registry.jp.mynumber import MY_NUMBER_MESSAGE, contains_my_number


@dataclass(frozen=True)
class Finding:
    path: str
    printed_path: str
    message: str

    def __str__(self) -> str:
        return f"{self.printed_path}：{self.message}"

    @property
    def editor_prefix(self) -> str:
        from pia.formdef.blocks import editor_prefix

        return editor_prefix(self.path)


def _siblings_count(nodes: list[ItemNode], key: str) -> int | None:
    for node in nodes:
        if node["key"] == key and "entries" in node:
            return len(node["entries"])
    return None


def consistency_warnings(
    document: ResolvedDocument, counts: dict[str, tuple[tuple[str | None, str], ...]]
) -> list[Finding]:
    """Counts that disagree with what they count (委託 （n）件 vs 委託事項, 提供 （n）件 vs 提供先).

    *counts* maps an item's key path without indices to its count declarations.
    """
    findings: list[Finding] = []
    for siblings in iter_sibling_lists(document):
        labels = {n["key"]: n for n in siblings}
        for node in siblings:
            declarations = counts.get(_unindexed(node["path"]))
            if not declarations:
                continue
            for check_key, target in declarations:
                actual = _siblings_count(siblings, target)
                if actual is None:
                    continue
                target_label = _entry_word(labels[target])
                if check_key is None:
                    stated = node.get("value")
                    if stated is not None and stated != actual:
                        findings.append(
                            Finding(
                                node["path"],
                                node["printed_path"],
                                f"（{stated}）件と記載されていますが、{target_label}は{actual}件です。",
                            )
                        )
                    continue
                check = next((c for c in node.get("value") or [] if c["key"] == check_key), None)
                if not check:
                    continue
                stated = check.get("count")
                if check["checked"] and stated is not None and stated != actual:
                    findings.append(
                        Finding(
                            node["path"],
                            node["printed_path"],
                            f"「{check['label']}」に（{stated}）件と記載されていますが、{target_label}は{actual}件です。",
                        )
                    )
                elif check["checked"] and actual == 0:
                    findings.append(
                        Finding(
                            node["path"],
                            node["printed_path"],
                            f"「{check['label']}」に印がありますが、{target_label}がありません。",
                        )
                    )
                elif not check["checked"] and actual > 0:
                    findings.append(
                        Finding(
                            node["path"],
                            node["printed_path"],
                            f"{target_label}が{actual}件ありますが、「{check['label']}」に印がありません。",
                        )
                    )
    return findings


def _entry_word(repeat_node: ItemNode) -> str:
    label = repeat_node["entries"][0]["label"] if repeat_node["entries"] else repeat_node["label"]
    return label.rstrip("０１２３４５６７８９")


def _unindexed(path: str) -> str:
    return re.sub(r"\[\d+\]", "", path)


def errors(document: ResolvedDocument) -> list[Finding]:
    """Values the form cannot hold: outside the choice list, too many entries, bad dates, a 個人番号."""
    findings: list[Finding] = []
    for node in iter_nodes(document):
        kind = node["type"]
        value = node.get("value")
        where = (node["path"], node["printed_path"])
        if kind == "single_choice" and value is not None and value not in node["choices"]:
            findings.append(Finding(*where, f"「{value}」は選択肢にありません。"))
        elif kind == "repeat" and len(node["entries"]) > node["max"]:
            findings.append(
                Finding(*where, f"{node['max']}件を超えて記載することはできません（{len(node['entries'])}件）。")
            )
        elif kind == "date" and value:
            try:
                dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                findings.append(Finding(*where, "存在する日付を入力してください。"))
        elif kind in ("text", "multiline_text") and contains_my_number(value):
            findings.append(Finding(*where, MY_NUMBER_MESSAGE))
        elif kind == "multi_check":
            for check in value or []:
                if contains_my_number(check.get("text")):
                    findings.append(Finding(*where, MY_NUMBER_MESSAGE))
    return findings


def _is_empty(node: ItemNode) -> bool:
    value = node.get("value")
    if node["type"] == "multi_check":
        return not any(check.get("checked") for check in value or [])
    if isinstance(value, str):
        return not value.strip()
    return value is None


def _required(item: Item, siblings: list[ItemNode]) -> bool:
    # The 公表日 is the approver's to set, on the approval screen (pia.admin.approval).
    if item.optional or item.type is ItemType.CONSTANT or item.role is Role.PUBLICATION_DATE:
        return False
    if item.required_when is None:
        return True
    key, choice = item.required_when
    return any(node["key"] == key and node.get("value") == choice for node in siblings)


def missing_required(document: ResolvedDocument) -> list[Finding]:
    """Items the form requires that are still empty, and repeat groups with fewer entries than required.

    What is required is the definition's: every item that is not ``optional`` (nor inside an optional
    group), and an item with ``required_when`` only when its sibling holds that answer.
    """
    definition = get_definition(document["definition"]["id"])
    findings: list[Finding] = []
    for siblings in iter_sibling_lists(document):
        for node in siblings:
            item = definition.item(_unindexed(node["path"]))
            if not _required(item, siblings):
                continue
            where = (node["path"], node["printed_path"])
            if node["type"] == "repeat":
                if len(node["entries"]) < node["min"]:
                    findings.append(Finding(*where, f"少なくとも{node['min']}件を記載してください。"))
            elif "value" in node and _is_empty(node):
                source = "（台帳の記録に記載がありません）" if node.get("linked") else ""
                findings.append(Finding(*where, f"記載がありません{source}。"))
    return findings
