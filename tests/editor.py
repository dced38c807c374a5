"""Build the POST data Wagtail's page editor sends, from form values, by walking the definition.

This lets tests submit the real edit form (every field, as a browser would) and
change one item at a time.
"""

from __future__ import annotations

from typing import Any

from pia.formdef.blocks import COUNT_SUFFIX, TEXT_SUFFIX, section_field_name
from pia.formdef.schema import Item, ItemType
from pia.formdef.values import REF_KEY


def _item_data(item: Item, value: Any, prefix: str, data: dict[str, str]) -> None:
    match item.type:
        case ItemType.GROUP:
            _fields_data(item.items, value or {}, prefix, data)
        case ItemType.REPEAT:
            entries = value or []
            data[f"{prefix}-count"] = str(len(entries))
            for i, entry in enumerate(entries):
                data[f"{prefix}-{i}-deleted"] = ""
                data[f"{prefix}-{i}-order"] = str(i)
                data[f"{prefix}-{i}-id"] = entry.get("_id") or ""
                _fields_data(item.items, entry, f"{prefix}-{i}-value", data)
        case ItemType.MULTI_CHECK:
            for check in item.checks.items:
                state = (value or {}).get(check.key) or {}
                if state.get("checked"):
                    data[f"{prefix}-{check.key}"] = "on"
                if check.with_text:
                    data[f"{prefix}-{check.key}{TEXT_SUFFIX}"] = state.get("text") or ""
                if check.with_count:
                    count = state.get("count")
                    data[f"{prefix}-{check.key}{COUNT_SUFFIX}"] = "" if count is None else str(count)
        case ItemType.CHECKBOX:
            if value:
                data[prefix] = "on"
        case ItemType.CONSTANT:
            return
        case _:
            data[prefix] = "" if value is None else str(value)


def _fields_data(items, values, prefix, data):
    if "_ref" in values:  # a container linked to a registry record: its chooser posts the record's id
        data[f"{prefix}-{REF_KEY}"] = "" if values["_ref"] is None else str(values["_ref"])
    for item in items:
        _item_data(item, values.get(item.key), f"{prefix}-{item.key}", data)


def edit_form_data(page, values=None, **overrides: str) -> dict[str, str]:
    """Everything the editor posts for *page* with *values* (default: the page's own)."""
    values = values if values is not None else page.get_values()
    data: dict[str, str] = {
        "title": page.title,
        "slug": page.slug,
        "affair": page.affair,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    for section in page.definition.editable_sections:
        prefix = section_field_name(section)
        entries = section.entries(values[section.key])
        data[f"{prefix}-count"] = str(len(entries))
        for i, entry in enumerate(entries):
            data[f"{prefix}-{i}-type"] = section.key
            data[f"{prefix}-{i}-deleted"] = ""
            data[f"{prefix}-{i}-order"] = str(i)
            data[f"{prefix}-{i}-id"] = entry.get("_id") or ""
            _fields_data(section.items, entry, f"{prefix}-{i}-value", data)
    data.update(overrides)
    return data
