"""A resolved document back into form values, and a new assessment from it (the open-data import).

The inverse of `forms.document.build_document`. Registry links are kept only when the
linked record belongs to the importing organization and still prints what the document
printed; otherwise the printed text becomes the assessment's own wording. Either way the
new assessment resolves to the same document.

No imported value may hold a 個人番号 (any spelling): such a document is refused as a whole,
naming the item by its printed path, never the value, and nothing is created.

Texts are read as the editor stores them (``registry.text.clean_text``: LF line breaks, no
whitespace at either end), before they are compared with what a linked record prints: a file
written with CRLF keeps its links and stores no CR.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pia.formdef.document import TEXT_TYPES, check_list_value, iter_nodes, section_entries
from pia.formdef.links import ADAPTERS, printed
from pia.formdef.loader import DefinitionError
from pia.formdef.schema import FormDefinition, Item, ItemType, Source
from pia.formdef.types import ItemNode, ResolvedDocument, SourceRef
from pia.formdef.values import Values
from registry.jp.mynumber import MY_NUMBER_MESSAGE, contains_my_number
from registry.text import clean_text

KeepLink = Callable[[str, int], bool]


class DocumentImportError(ValueError):
    """The document cannot become an assessment here; the message says why."""


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a node's value (a check list holds its checks' texts)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def refuse_my_numbers(document: ResolvedDocument, *, slug: str | None = None) -> None:
    """Refuse the document when any value it would store holds a 個人番号; name the item, not the value."""
    if contains_my_number(slug):
        raise DocumentImportError(f"新しい評価書の識別子：{MY_NUMBER_MESSAGE}")
    for name, value in document.get("assessment", {}).items():
        if any(contains_my_number(text) for text in _strings(value)):
            raise DocumentImportError(f"評価書の情報（{name}）：{MY_NUMBER_MESSAGE}")
    for node in iter_nodes(document):
        texts = [*_strings(node.get("value")), *_strings(node.get("text"))]
        if any(contains_my_number(text) for text in texts):
            where = next(
                (
                    name
                    for name in (node.get("printed_path"), node.get("path"))
                    if name and not contains_my_number(name)
                ),
                "取り込む文書の項目",
            )
            raise DocumentImportError(f"{where}：{MY_NUMBER_MESSAGE}")


def _entered(item: Item, value: Any) -> Any:
    """A node's value with its texts as stored: a text item's value, the texts of a check list."""
    if item.type in TEXT_TYPES and isinstance(value, str):
        return clean_text(value)
    if item.type is ItemType.MULTI_CHECK and isinstance(value, list):
        return [
            {**check, "text": clean_text(check["text"])}
            if isinstance(check, dict) and isinstance(check.get("text"), str)
            else check
            for check in value
        ]
    return value


def _own_value(item: Item, registry_value: Any, value: Any) -> tuple[bool, Any]:
    """(compatible, own value) such that combining the registry's value and it prints *value*."""
    if registry_value in (None, ""):
        return True, value
    if item.type is ItemType.MULTI_CHECK:
        return check_list_value(item, registry_value) == value, None
    if item.type in TEXT_TYPES:
        if value == registry_value:
            return True, None
        if isinstance(value, str) and value.startswith(f"{registry_value}\n"):
            return True, value[len(registry_value) + 1 :]
        return False, value
    return value == registry_value, None


def _plain(item: Item, node: ItemNode) -> Any:
    """The value as the form stores it, from the document's node."""
    value = _entered(item, node.get("value"))
    if item.type is ItemType.MULTI_CHECK:
        states = {}
        for check in value or []:
            state: dict[str, Any] = {"checked": bool(check.get("checked"))}
            if "text" in check:
                state["text"] = check.get("text")
            if "count" in check:
                state["count"] = check.get("count")
            states[check["key"]] = state
        return states
    if item.type is ItemType.CHECKBOX:
        return bool(value)
    return value


class _Reader:
    def __init__(self, keep_link: KeepLink) -> None:
        self.keep_link = keep_link

    def container(
        self, source: Source | None, link: SourceRef | None, items: tuple[Item, ...], nodes: list[ItemNode]
    ) -> Values:
        values = self.fields(items, nodes)
        ref = link.get("id") if link and link.get("found") else None
        if source is None or ref is None or not self.keep_link(source.model, ref):
            return values
        now = printed(source.model, ref, None)
        if now is None:
            return values
        own: Values = {}
        for relative, attribute in source.fields:
            item, node = self._find(items, nodes, relative)
            if item is None or node is None:
                return values
            ok, mine = _own_value(item, now.values.get(attribute), _entered(item, node.get("value")))
            if not ok:
                return values  # the record changed since: keep the printed text as the assessment's own
            own[relative] = mine
        for relative, mine in own.items():
            *parents, leaf = relative.split(".")
            target = values
            for key in parents:
                target = target.setdefault(key, {})
            target[leaf] = mine
        values["_ref"] = ref
        return values

    def _find(
        self, items: tuple[Item, ...], nodes: list[ItemNode], relative: str
    ) -> tuple[Item | None, ItemNode | None]:
        *parents, leaf = relative.split(".")
        for key in parents:
            item = next((i for i in items if i.key == key), None)
            node = next((n for n in nodes if n["key"] == key), None)
            if item is None or node is None:
                return None, None
            items, nodes = item.items, node.get("items", [])
        item = next((i for i in items if i.key == leaf), None)
        node = next((n for n in nodes if n["key"] == leaf), None)
        return item, node

    def fields(self, items: tuple[Item, ...], nodes: list[ItemNode]) -> Values:
        by_key = {node["key"]: node for node in nodes}
        values: Values = {}
        for item in items:
            node = by_key.get(item.key)
            if item.type is ItemType.CONSTANT:
                continue
            if node is None:
                raise DocumentImportError(f"項目 {item.path} が文書にありません。")
            if item.type is ItemType.GROUP:
                values[item.key] = self.container(item.source, node.get("source"), item.items, node.get("items", []))
            elif item.type is ItemType.REPEAT:
                entries = []
                for entry in node.get("entries", []):
                    fields = self.container(item.source, entry.get("source"), item.items, entry.get("items", []))
                    if entry.get("id"):
                        fields["_id"] = entry["id"]
                    entries.append(fields)
                values[item.key] = entries
            else:
                values[item.key] = _plain(item, node)
        return values


def _same_sections(document_id: str, definition_id: str) -> bool:
    """The document was built from *definition_id* or from an edition sharing its sections."""
    from pia.formdef.editions import structure_of

    if document_id == definition_id:
        return True
    try:
        return structure_of(document_id) == structure_of(definition_id)
    except DefinitionError:
        return False


def values_from_document(definition: FormDefinition, document: ResolvedDocument, keep_link: KeepLink) -> Values:
    """Form values that resolve to *document* (see the module docstring for registry links)."""
    if not _same_sections(str(document.get("definition", {}).get("id")), definition.id):
        raise DocumentImportError(
            f"様式が違います：{document.get('definition', {}).get('id')}（{definition.id} が必要です）"
        )
    reader = _Reader(keep_link)
    sections = {section["key"]: section for section in document.get("sections", [])}
    values: Values = {}
    for section in definition.editable_sections:
        node = sections.get(section.key)
        if node is None:
            raise DocumentImportError(f"節 {section.label} が文書にありません。")
        entries = []
        for entry in section_entries(node):
            fields = reader.container(section.source, entry.get("source"), section.items, entry.get("items", []))
            if entry.get("id"):
                fields["_id"] = entry["id"]
            entries.append(fields)
        values[section.key] = section.stored(entries)
    return values


def organization_links(organization_id: int) -> KeepLink:
    """Keep a link only to a record of the importing organization (never another body's)."""

    def keep(model_name: str, pk: int) -> bool:
        if model_name not in ADAPTERS:
            return False
        model, _adapter = ADAPTERS[model_name]
        return model.objects.filter(pk=pk, organization_id=organization_id).exists()  # type: ignore[attr-defined]

    return keep
