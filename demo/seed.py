"""Turn reference-style values (the research seed's YAML) into form values.

The seed keeps dates as printed 和暦 with an ``_iso`` sibling, numbers repeat
entries with ``index`` and lists Ⅰ3 file names as a YAML list; this walker maps
all of that onto the definition generically.
"""

from __future__ import annotations

from typing import Any

from pia.formdef.schema import FormDefinition, Item, ItemType
from pia.formdef.values import Values
from registry.jp.wareki import parse_date


def _value(item: Item, parent: dict[str, Any]) -> Any:
    raw = parent.get(item.key)
    match item.type:
        case ItemType.DATE:
            iso = parent.get(f"{item.key}_iso")
            if iso:
                return iso
            return parse_date(raw).isoformat() if raw else None
        case ItemType.GROUP:
            return {child.key: _value(child, raw or {}) for child in item.items}
        case ItemType.REPEAT:
            return [{child.key: _value(child, entry) for child in item.items} for entry in raw or []]
        case ItemType.TEXT | ItemType.MULTILINE:
            if isinstance(raw, list):
                return "\n".join(str(line) for line in raw)
            return raw
        case ItemType.MULTI_CHECK:
            states = raw or {}
            return {
                check.key: {
                    "checked": bool((states.get(check.key) or {}).get("checked")),
                    "text": (states.get(check.key) or {}).get("text"),
                    "count": (states.get(check.key) or {}).get("count"),
                }
                for check in item.checks.items
            }
        case ItemType.CHECKBOX:
            return bool(raw)
        case ItemType.CONSTANT:
            return item.value
        case _:
            return raw


def values_from_seed(definition: FormDefinition, seed: dict[str, Any]) -> Values:
    values: Values = {}
    for section in definition.editable_sections:
        entries = section.entries(seed.get(section.key))
        values[section.key] = section.stored([{item.key: _value(item, e) for item in section.items} for e in entries])
    return values
