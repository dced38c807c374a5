"""The items an assessment prints from registry records, beside what the assessment itself holds for them.

The rule for every linked item: the registry's value is what prints. An officer's own input never
replaces it. For an item that prints one value (a choice, a number, a date, a check list) own input
is refused when the page is saved; for a text item it is printed after the registry's text, as an
addition (追記). The editor lists every linked item with the value that will print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pia.formdef.document import TEXT_TYPES, iter_nodes, value_text
from pia.formdef.links import printed
from pia.formdef.schema import FormDefinition, Item
from pia.formdef.types import ResolvedDocument
from pia.formdef.values import Values

_TOKEN = re.compile(r"([a-z][a-z0-9_]*)(?:\[(\d+)\])?")


def value_at(values: Values, path: str) -> Any:
    """The stored value at a document path (``files[1].itaku.jiko[2].naiyo``); None where there is none."""
    node: Any = values
    for key, index in _TOKEN.findall(path):
        node = node.get(key) if isinstance(node, dict) else None
        if index:
            position = int(index) - 1
            node = node[position] if isinstance(node, list) and position < len(node) else None
    return node


def _blank(value: Any) -> bool:
    if isinstance(value, dict):  # a check list: blank when nothing is ticked or written
        return not any(state.get("checked") or state.get("text") for state in value.values() if isinstance(state, dict))
    return value in (None, "", [])


@dataclass(frozen=True)
class LinkedItem:
    path: str
    printed_path: str
    label: str
    text: str  # what prints, as the change annex writes it
    model: str
    record_id: int
    record_label: str | None  # None when the record no longer exists
    record_warnings: tuple[str, ...]  # about the record as it stands (an ended contract)
    addition: str  # the assessment's own text printed after the registry's (text items)
    refused: str  # the assessment's own value that cannot print (other items): it must be removed


def replaces_registry_value(item: Item, own: Any) -> bool:
    """Whether *own* input for linked *item* would replace the registry's value (and so is refused)."""
    return item.type not in TEXT_TYPES and not _blank(own)


Record = tuple[str | None, tuple[str, ...]]


def _record(cache: dict[tuple[str, int], Record], model: str, pk: int) -> Record:
    if (model, pk) not in cache:
        record = printed(model, pk, None)
        cache[(model, pk)] = (record.label, tuple(record.warnings)) if record else (None, ())
    return cache[(model, pk)]


def linked_items(definition: FormDefinition, values: Values, document: ResolvedDocument) -> list[LinkedItem]:
    """Every item the document prints from a registry record, in document order."""
    found = []
    records: dict[tuple[str, int], Record] = {}
    for node in iter_nodes(document):
        link = node.get("linked")
        if not link:
            continue
        item = definition.item(re.sub(r"\[\d+\]", "", node["path"]))
        own = value_at(values, node["path"])
        own_text = value_text(item, own) if not _blank(own) else ""
        record_label, record_warnings = _record(records, link["model"], link["id"])
        found.append(
            LinkedItem(
                path=node["path"],
                printed_path=node["printed_path"],
                label=node["label"],
                text=node.get("text") or "",
                model=link["model"],
                record_id=link["id"],
                record_label=record_label,
                record_warnings=record_warnings,
                addition=own_text if item.type in TEXT_TYPES else "",
                refused=own_text if replaces_registry_value(item, own) else "",
            )
        )
    return found
