"""Convert between Wagtail's raw stream data and the plain values of a form.

Plain values mirror the form: a section is a dict (a list of dicts when it is
repeated per 特定個人情報ファイル), a group a dict, a repeat group a list of dicts
each carrying its stable ``_id``, a check list ``{key: {checked, text, count}}``,
a date an ISO string, an empty item ``None``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pia.formdef.blocks import COUNT_SUFFIX, REF_KEY, TEXT_SUFFIX
from pia.formdef.schema import FormDefinition, Item, ItemType, Section, Source
from registry.text import clean_text

Values = dict[str, Any]


def _blank(value: Any) -> Any:
    return None if value == "" else value


def _from_raw(item: Item, raw: Any) -> Any:
    match item.type:
        case ItemType.GROUP:
            return _fields_from_raw(item.items, raw or {}, item.source)
        case ItemType.REPEAT:
            entries = []
            for entry in raw or []:
                # ListBlock raw data is [{"type": "item", "value": ..., "id": ...}] (older: bare values)
                value, ident = (
                    (entry.get("value"), entry.get("id")) if "value" in entry and "type" in entry else (entry, None)
                )
                fields = _fields_from_raw(item.items, value or {}, item.source)
                fields["_id"] = ident or str(uuid.uuid4())
                entries.append(fields)
            return entries
        case ItemType.MULTI_CHECK:
            raw = raw or {}
            result = {}
            for check in item.checks.items:
                state: dict[str, Any] = {"checked": bool(raw.get(check.key))}
                if check.with_text:
                    state["text"] = _blank(raw.get(check.key + TEXT_SUFFIX))
                if check.with_count:
                    state["count"] = raw.get(check.key + COUNT_SUFFIX)
                result[check.key] = state
            return result
        case ItemType.CHECKBOX:
            return bool(raw)
        case ItemType.CONSTANT:
            return item.value
        case ItemType.DATE:
            # Unsaved instances hold date objects, stored revisions ISO strings.
            return raw.isoformat() if isinstance(raw, dt.date) else _blank(raw)
        case _:
            return _blank(raw)


def _ref_id(raw: Any) -> int | None:
    # A chooser holds the primary key; an unsaved instance may hold the object itself.
    if raw in (None, ""):
        return None
    return int(getattr(raw, "pk", raw))


def _fields_from_raw(items: tuple[Item, ...], raw: dict[str, Any], source: Source | None = None) -> Values:
    values = {item.key: _from_raw(item, raw.get(item.key)) for item in items}
    if source:
        values["_ref"] = _ref_id(raw.get(REF_KEY))
    return values


def section_values_from_stream(section: Section, raw_stream: list[dict[str, Any]]) -> Any:
    entries = []
    for block in raw_stream or []:
        fields = _fields_from_raw(section.items, block.get("value") or {}, section.source)
        fields["_id"] = block.get("id") or str(uuid.uuid4())
        entries.append(fields)
    return section.stored(entries or _blank_entries(section))


def _blank_entries(section: Section) -> list[dict[str, Any]]:
    """The entries a section starts with: as many blank ones as it must have."""
    return [_fields_from_raw(section.items, {}, section.source) for _ in range(section.min)]


def _stored_text(value: Any) -> Any:
    """A text set by code (imports, the demo, services) stored as the editor stores it (registry.text)."""
    return clean_text(value) if isinstance(value, str) else (value or "")


def _to_raw(item: Item, value: Any) -> Any:
    match item.type:
        case ItemType.GROUP:
            return _fields_to_raw(item.items, value or {}, item.source)
        case ItemType.REPEAT:
            return [
                {
                    "type": "item",
                    "value": _fields_to_raw(item.items, entry, item.source),
                    "id": entry.get("_id") or str(uuid.uuid4()),
                }
                for entry in value or []
            ]
        case ItemType.MULTI_CHECK:
            raw: dict[str, Any] = {}
            for check in item.checks.items:
                state = (value or {}).get(check.key) or {}
                raw[check.key] = bool(state.get("checked"))
                if check.with_text:
                    raw[check.key + TEXT_SUFFIX] = _stored_text(state.get("text"))
                if check.with_count:
                    raw[check.key + COUNT_SUFFIX] = state.get("count")
            return raw
        case ItemType.CHECKBOX:
            return bool(value)
        case ItemType.TEXT | ItemType.MULTILINE:
            return _stored_text(value)
        case _:
            return value


def _fields_to_raw(items: tuple[Item, ...], values: Values, source: Source | None = None) -> dict[str, Any]:
    raw = {item.key: _to_raw(item, values.get(item.key)) for item in items if item.type is not ItemType.CONSTANT}
    if source:
        raw[REF_KEY] = values.get("_ref")
    return raw


def section_stream_from_values(section: Section, values: Any) -> list[dict[str, Any]]:
    return [
        {
            "type": section.key,
            "value": _fields_to_raw(section.items, entry or {}, section.source),
            "id": (entry or {}).get("_id") or str(uuid.uuid4()),
        }
        for entry in section.entries(values)
    ]


def empty_values(definition: FormDefinition) -> Values:
    return {s.key: s.stored(_blank_entries(s)) for s in definition.editable_sections}
