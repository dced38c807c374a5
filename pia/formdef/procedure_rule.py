"""The procedure a form records about itself: its public comment period is long enough, or says why not.

The 全項目評価書 records the 意見聴取 (Ⅵ２) with the period's first and last day and, when the period is
shorter than the 指針 allows (30 days, 第5の3), the 特段の理由 that shortens it. Its definition names these
items by role (``comment_period_start``, ``comment_period_end`` with the shortest length ``min_days``,
``comment_period_reason``), so nothing here knows a form key or a printed label. That the period and the
第三者点検 (``third_party_review``) are written at all is the required-items check's
(pia.formdef.validation.missing_required): the loader keeps these items required.

A finding is a warning in the editor and refuses the submission for approval.
"""

from __future__ import annotations

import datetime as dt

from pia.formdef.document import iter_nodes, path_label
from pia.formdef.schema import COMMENT_PERIOD_ROLES, FormDefinition, Item, Role
from pia.formdef.types import ItemNode, ResolvedDocument
from pia.formdef.validation import Finding
from registry.jp.wareki import format_date


def period_days(start: dt.date, end: dt.date) -> int:
    """The length of a period in days, its first day counted (4月1日～4月30日 is 30 days)."""
    return (end - start).days + 1


def _role_items(definition: FormDefinition) -> dict[Role, Item] | None:
    try:
        return {role: definition.item_with_role(role)[1] for role in COMMENT_PERIOD_ROLES}
    except KeyError:
        return None


def _date(node: ItemNode) -> dt.date | None:
    value = node.get("value")
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def comment_period(definition: FormDefinition, document: ResolvedDocument) -> tuple[dt.date, dt.date] | None:
    """The comment period's first and last day, when the form records one and both are written."""
    items = _role_items(definition)
    if items is None:
        return None
    nodes = {node["path"]: node for node in iter_nodes(document)}
    start, end = (nodes.get(items[role].path) for role in (Role.COMMENT_PERIOD_START, Role.COMMENT_PERIOD_END))
    if start is None or end is None or _date(start) is None or _date(end) is None:
        return None
    return _date(start), _date(end)  # type: ignore[return-value]


def procedure_findings(definition: FormDefinition, document: ResolvedDocument) -> list[Finding]:
    """A comment period that ends before it starts, or is shorter than the form allows without a reason."""
    items = _role_items(definition)
    period = comment_period(definition, document)
    if items is None or period is None:
        return []
    # The roles belong to items printed once (not inside a repeat), so their path is the item's own.
    nodes: dict[str, ItemNode] = {node["path"]: node for node in iter_nodes(document)}
    start_item, end_item, reason_item = (items[role] for role in COMMENT_PERIOD_ROLES)
    start, end = period
    end_node = nodes[end_item.path]
    shown = f"{format_date(start)}～{format_date(end)}"
    if end < start:
        return [
            Finding(
                end_node["path"],
                end_node["printed_path"],
                f"{path_label(end_item.label)}（{format_date(end)}）が{path_label(start_item.label)}"
                f"（{format_date(start)}）より前です。",
            )
        ]
    days = period_days(start, end)
    reason = nodes.get(reason_item.path)
    if days >= end_item.min_days or reason is None or (reason.get("value") or "").strip():
        return []
    return [
        Finding(
            reason["path"],
            reason["printed_path"],
            f"意見聴取の期間（{shown}）は{days}日で、{end_item.min_days}日に満たないため、"
            f"{path_label(reason_item.label)}を記載してください。",
        )
    ]
