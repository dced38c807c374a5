"""The resolved document: definition + values → an ordered tree, in document order.

Every output (HTML, PDF, XML, the change annex, the diff) is a function of this
tree. It is plain JSON so that a publication can store it as it stood.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pia.formdef.loader import get_definition
from pia.formdef.schema import FormDefinition, Item, ItemType, Role, Section, Source
from pia.formdef.types import (
    AssessmentMeta,
    CheckState,
    EntryNode,
    FileNode,
    ItemNode,
    ResolvedDocument,
    SectionNode,
    SourceRef,
)
from pia.formdef.values import Values
from registry.jp.wareki import format_date

FORMAT = "pia.resolved/1"
CHECKED_MARK = "［〇］"
_SIGNIFICANCE_MARK = re.compile(r"[\s　]*※.*$")


def path_label(label: str) -> str:
    """A label as change-annex paths print it: without the ※ mark and its note."""
    return _SIGNIFICANCE_MARK.sub("", label)


def _date_text(value: str | None) -> str:
    if not value:
        return ""
    try:
        return format_date(dt.date.fromisoformat(value))
    except ValueError:
        return value


def value_text(item: Item, value: Any) -> str:
    """Plain text of one value, in the notation of the form's change annex."""
    match item.type:
        case ItemType.SINGLE_CHOICE:
            return f"［{value}］" if value else ""
        case ItemType.MULTI_CHECK:
            lines = []
            for check in value or []:
                if not check["checked"]:
                    continue
                line = CHECKED_MARK + check["label"]
                if check.get("text"):
                    line += f"（{check['text']}）"
                if check.get("count") is not None:
                    line += f"（{check['count']}）件"
                lines.append(line)
            return "\n".join(lines)
        case ItemType.CHECKBOX:
            return CHECKED_MARK + item.label if value else ""
        case ItemType.DATE:
            return _date_text(value)
        case ItemType.INTEGER:
            return "" if value is None else str(value)
        case _:
            return value or ""


def check_list_value(item: Item, value: dict[str, Any] | None) -> list[CheckState]:
    states = value or {}
    result = []
    for check in item.checks.items:
        state = states.get(check.key) or {}
        entry: CheckState = {
            "key": check.key,
            "label": check.label,
            "group": item.checks.group_of(check.key),
            "checked": bool(state.get("checked")),
        }
        if check.with_text:
            entry["text"] = state.get("text")
        if check.with_count:
            entry["count"] = state.get("count")
        result.append(entry)
    return result


Resolver = Callable[[str, int, "dt.datetime | None"], "tuple[str, dict[str, Any]] | None"]

TEXT_TYPES = {ItemType.TEXT, ItemType.MULTILINE}


def _combine(item: Item, registry_value: Any, own_value: Any) -> Any:
    """The registry prints the item; for text the assessment's own wording is added after it."""
    if registry_value in (None, ""):
        return own_value
    if item.type in TEXT_TYPES and own_value:
        return f"{registry_value}\n{own_value}"
    return registry_value


class _Builder:
    def __init__(self, definition: FormDefinition, resolver: Resolver | None, moment: dt.datetime | None) -> None:
        self.definition = definition
        self.resolver = resolver
        self.moment = moment
        # Absolute key path → (registry value, link description), filled when a linked container is entered.
        self.linked: dict[str, tuple[Any, SourceRef]] = {}

    def link(self, source: Source | None, values: dict[str, Any] | None, key_path: str) -> SourceRef | None:
        """Resolve the container's registry reference and remember what it prints for its items."""
        if source is None or not values or values.get("_ref") is None:
            return None
        ref = values["_ref"]
        found = self.resolver(source.model, ref, self.moment) if self.resolver else None
        if found is None:
            return {"model": source.model, "id": ref, "label": None, "found": False}
        label, printed = found
        for relative, attribute in source.fields:
            description: SourceRef = {"model": source.model, "id": ref, "attribute": attribute}
            self.linked[f"{key_path}.{relative}"] = (printed.get(attribute), description)
        return {"model": source.model, "id": ref, "label": label, "found": True}

    def item_node(self, item: Item, value: Any, key_path: str, printed: list[str], n: int | None = None) -> ItemNode:
        label = item.printed_label(n)
        node: ItemNode = {
            "key": item.key,
            "path": key_path,
            "number": item.number,
            "label": label,
            "type": str(item.type),
            "significant": item.significant,
        }
        own_path = printed + ([item.parent_label and path_label(item.parent_label)] if item.parent_label else [])
        if item.type is ItemType.GROUP:
            inner = printed + [path_label(label)] if item.in_path else printed
            node["printed_path"] = " ".join(p for p in inner if p)
            source = self.link(item.source, value, key_path)
            if source:
                node["source"] = source
            node["items"] = [
                self.item_node(child, (value or {}).get(child.key), f"{key_path}.{child.key}", inner, n)
                for child in item.items
            ]
            return node
        if item.type is ItemType.REPEAT:
            heading = path_label(label)
            has_own_heading = (item.entry_label or "").replace("{n}", "") != item.label
            base = printed + [heading] if has_own_heading else printed
            node["printed_path"] = " ".join(p for p in base if p)
            node["max"], node["min"] = item.max, item.min
            node["display_groups"] = list(item.display_groups)
            node["entries"] = []
            for n, entry in enumerate(value or [], start=1):
                entry_label = item.label_for(n)
                entry_path = base + [entry_label]
                entry_node: EntryNode = {
                    "index": n,
                    "id": entry.get("_id"),
                    "label": entry_label,
                    "printed_path": " ".join(p for p in entry_path if p),
                }
                source = self.link(item.source, entry, f"{key_path}[{n}]")
                if source:
                    entry_node["source"] = source
                entry_node["items"] = [
                    self.item_node(child, entry.get(child.key), f"{key_path}[{n}].{child.key}", entry_path, n)
                    for child in item.items
                ]
                node["entries"].append(entry_node)
            return node
        if key_path in self.linked:
            registry_value, description = self.linked[key_path]
            value = _combine(item, registry_value, value)
            node["linked"] = description
        if item.type is ItemType.MULTI_CHECK:
            value = check_list_value(item, value)
        if item.type is ItemType.SINGLE_CHOICE:
            choices = item.choice_list.choices
            node["choices"] = list(choices)
            node["choice_numbering"] = item.choice_list.numbering
            node["choice_index"] = choices.index(value) + 1 if value in choices else None
        node["printed_path"] = " ".join(p for p in [*own_path, path_label(label)] if p)
        if not item.in_annex:
            node["in_annex"] = False
        node["value"] = value
        node["text"] = value_text(item, value)
        return node

    def section_node(self, section: Section, values: Any) -> SectionNode:
        node: SectionNode = {
            "key": section.key,
            "number": section.number,
            "label": section.label,
            "printed_label": path_label(section.printed_label),
            "tab": section.tab,
            "per_file": section.repeats,  # the stored format's name for a repeating section
            "significant": section.significant,
        }
        if section.annex:
            node["columns"] = [{"key": c.key, "label": c.label} for c in section.columns]
            node["rows"] = []
            return node
        entries = section.entries(values)
        built = [self.entry_node(section, entry, n, len(entries)) for n, entry in enumerate(entries, start=1)]
        if section.repeats:
            node["files"] = built
        else:
            if "source" in built[0]:
                node["source"] = built[0]["source"]
            node["items"] = built[0]["items"]
        return node

    def entry_node(self, section: Section, entry: dict[str, Any], n: int, count: int) -> FileNode:
        """Entry *n* of *count* of a section (the section itself when it does not repeat)."""
        key_path = f"{section.key}[{n}]" if section.repeats else section.key
        printed = [path_label(section.printed_label)]
        if section.repeats and count > 1:
            printed.append(section.label_for(n))
        node: FileNode = {"index": n, "id": entry.get("_id")}
        source = self.link(section.source, entry, key_path)
        if source:
            node["source"] = source
        node["items"] = [
            self.item_node(item, entry.get(item.key), f"{key_path}.{item.key}", printed) for item in section.items
        ]
        return node


def build_document(
    definition: FormDefinition,
    values: Values,
    meta: AssessmentMeta,
    *,
    resolver: Resolver | None = None,
    as_of: dt.datetime | None = None,
) -> ResolvedDocument:
    """The resolved document; registry links are read through *resolver* as of *as_of* (None: now)."""
    builder = _Builder(definition, resolver, as_of)
    document: ResolvedDocument = {
        "format": FORMAT,
        "definition": {
            "id": definition.id,
            "kind": definition.kind,
            "kind_label": definition.kind_label,
            "title": definition.title,
            "edition": definition.edition,
            "yoshiki": definition.yoshiki,
            "form_label": definition.form_label,
            "table_of_contents": list(definition.table_of_contents),
        },
        "assessment": meta,
        "sections": [builder.section_node(s, values.get(s.key)) for s in definition.sections],
    }
    return document


def definition_path(path: str) -> str:
    """A node's key path without entry indices, as the definition names the item (files.itaku.jiko)."""
    return re.sub(r"\[\d+\]", "", path)


def empty_entry(document: ResolvedDocument, repeat: ItemNode, n: int = 1) -> EntryNode:
    """Entry *n* of *repeat* with nothing entered: every item, empty (the form prints its first entry so)."""
    definition = get_definition(document["definition"]["id"])
    item = definition.item(definition_path(repeat["path"]))
    builder = _Builder(definition, None, None)
    label = item.label_for(n)
    base = repeat.get("printed_path", "")
    printed = [part for part in (base, label) if part]
    entry: EntryNode = {"index": n, "id": None, "label": label, "printed_path": " ".join(printed)}
    entry["items"] = [
        builder.item_node(child, None, f"{repeat['path']}[{n}].{child.key}", printed, n) for child in item.items
    ]
    return entry


def section_entries(section: SectionNode) -> list[FileNode]:
    """A section node's entries: each entry of a repeating section, or the section itself as its one entry."""
    if "files" in section:
        return section["files"]
    entry: FileNode = {"index": 1, "id": None, "items": section.get("items", [])}
    if "source" in section:
        entry["source"] = section["source"]
    return [entry]


def printed_entries(document: ResolvedDocument, section: SectionNode) -> list[tuple[str | None, list[ItemNode]]]:
    """What a section prints: each entry's items, under its heading (特定個人情報ファイル２) when there are several."""
    entries = section_entries(section)
    if len(entries) < 2:
        return [(None, entry.get("items", [])) for entry in entries]
    definition = get_definition(document["definition"]["id"]).section(section["key"])
    return [(definition.label_for(entry["index"]), entry.get("items", [])) for entry in entries]


def _top_lists(document: ResolvedDocument) -> Iterator[list[ItemNode]]:
    for section in document["sections"]:
        for entry in section_entries(section):
            yield entry.get("items", [])


def _child_lists(node: ItemNode) -> Iterator[list[ItemNode]]:
    yield node.get("items", [])
    for entry in node.get("entries", []):
        yield entry["items"]


def iter_sibling_lists(document: ResolvedDocument) -> Iterator[list[ItemNode]]:
    """Every list of sibling nodes (a section, a file, a group, a repeat entry), in document order."""

    def walk(nodes: list[ItemNode]) -> Iterator[list[ItemNode]]:
        yield nodes
        for node in nodes:
            for children in _child_lists(node):
                yield from walk(children)

    for nodes in _top_lists(document):
        yield from walk(nodes)


def iter_nodes(document: ResolvedDocument) -> Iterator[ItemNode]:
    """Every item node (leaf or container) in document order (containers before their children)."""

    def walk(nodes: list[ItemNode]) -> Iterator[ItemNode]:
        for node in nodes:
            yield node
            for children in _child_lists(node):
                yield from walk(children)

    for nodes in _top_lists(document):
        yield from walk(nodes)


# Finding the cover and the items with a role in a stored document. Documents do not name roles:
# the definition they were built from (``document["definition"]["id"]``) does.


def cover_key(document: ResolvedDocument) -> str | None:
    """The key of the section printed as the cover (None for a form without one)."""
    cover = get_definition(document["definition"]["id"]).cover_section
    return cover.key if cover else None


def cover_section(document: ResolvedDocument) -> SectionNode | None:
    """The cover's section node (None for a form without one)."""
    key = cover_key(document)
    return next((s for s in document["sections"] if s["key"] == key), None)


def role_nodes(document: ResolvedDocument) -> dict[str, ItemNode]:
    """The node of every item that has a role, by role (``title``, ``publication_date``, …)."""
    definition = get_definition(document["definition"]["id"])
    by_path = {item.path: str(item.role) for _section, item in definition.walk() if item.role}
    return {by_path[node["path"]]: node for node in iter_nodes(document) if node.get("path") in by_path}


def role_texts(document: ResolvedDocument) -> dict[str, str]:
    """The printed text of every item that has a role, by role."""
    return {role: node.get("text") or "" for role, node in role_nodes(document).items()}


HEADING_ROLES = (Role.EVALUATION_NUMBER, Role.TITLE)


@dataclass(frozen=True)
class CoverLayout:
    """The cover as the forms print it, from its items' own labels.

    ``heading``: 評価書番号 and 評価書名 side by side; ``statements``: the multi-line items
    (宣言, 特記事項) each under its label; ``facts``: the other items (評価実施機関名, 公表日);
    ``constants``: what the form prints as is (the edition tag).
    """

    heading: list[ItemNode]
    statements: list[ItemNode]
    facts: list[ItemNode]


def cover_layout(document: ResolvedDocument) -> CoverLayout:
    roles = role_nodes(document)
    heading = [roles[role] for role in HEADING_ROLES if role in roles]
    cover = cover_section(document)
    rest = [node for node in (cover.get("items", []) if cover else []) if node not in heading]
    return CoverLayout(
        heading=heading,
        statements=[n for n in rest if n.get("type") == ItemType.MULTILINE],
        facts=[n for n in rest if n.get("type") not in (ItemType.MULTILINE, ItemType.CONSTANT)],
    )
