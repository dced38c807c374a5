"""The rows of the printed form, in order: shared by the PDF's HTML and the whole-form Excel.

The form prints a section as one table, and these rows are its rows as the official form has
them:

* a heading row for each numbered group (１．…, ④使用の主体, リスク１：…), with the check boxes
  the form prints beside the heading (``[ 　 ] 委託しない``); a group whose first item repeats its
  label (⑤使用方法) prints no heading of its own, so the label is printed once;
* a repeat prints its first entry with all its items, empty when nothing was entered, then
  the form's collapsed header for each further range (``委託事項2～5``, printed even when the
  range is empty) and each entry that exists under it; an entry's name item (委託事項1（件名）)
  is printed in the entry's header cell (``委託事項1 | ○○``), not as a row of its own, and a
  repeat whose own label only repeats its entries' (委託事項) prints no heading row;
* a count the form prints beside its choice (``[ 委託する ]　（ 2 ）件``) is printed inline;
* the items of a group the form labels at their side (再委託) carry that side label.

What is printed where is read from the definition (an item's ``counts``, a group's ``in_path``)
and from the document's own labels, never from form keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from pia.formdef.document import definition_path, empty_entry
from pia.formdef.loader import get_definition
from pia.formdef.schema import ItemType
from pia.formdef.types import CheckState, EntryNode, ItemNode, ResolvedDocument
from registry.jp.numerals import halfwidth

RowKind = Literal["group", "range", "entry", "item", "checkbox"]
_RANGE = re.compile(r"(\d+)(?:～(\d+))?$")


@dataclass(frozen=True)
class PrintedRow:
    kind: RowKind
    depth: int
    label: str
    node: ItemNode | None = None  # the item of a group, item or checkbox row
    entry: EntryNode | None = None  # the repeat entry of an entry row
    title: ItemNode | None = None  # entry row: the item printed in the entry's header cell
    inline: ItemNode | None = None  # item row: a count printed after the choice, （ 2 ）件
    marks: tuple[ItemNode, ...] = ()  # group row: check boxes printed beside the heading
    side: str | None = None  # item row of a group labelled at its side (再委託): that label
    side_span: int = 0  # the first row of such a group: how many rows the side label spans

    @property
    def item(self) -> ItemNode:
        """The item an item or checkbox row prints."""
        if self.node is None:
            raise ValueError(f"a {self.kind} row prints no item")
        return self.node


def display_ranges(labels: list[str], maximum: int) -> list[tuple[str, int, int]]:
    """The form's printed groups of a repeat (``システム2～5`` → 2..5); one group per entry when none."""
    ranges = []
    for label in labels:
        match = _RANGE.search(halfwidth(label))
        if match:
            start = int(match.group(1))
            ranges.append((label, start, int(match.group(2) or start)))
    return ranges or [(str(n), n, n) for n in range(1, maximum + 1)]


def entry_stem(node: ItemNode) -> str:
    """What a repeat's entries are called without their number (委託事項 for 委託事項1 … 委託事項16～20)."""
    labels = list(node.get("display_groups") or []) + [entry["label"] for entry in node.get("entries", [])]
    return _RANGE.sub("", halfwidth(labels[0])) if labels else ""


def entry_title(entry: EntryNode) -> ItemNode | None:
    """The item that names the entry (委託事項１（件名）): its label starts with the entry's own label."""
    items = entry.get("items", [])
    first = items[0] if items else None
    if first is None or first["type"] not in (ItemType.TEXT, ItemType.MULTILINE):
        return None
    return first if first["label"] != entry["label"] and first["label"].startswith(entry["label"]) else None


def count_text(node: ItemNode) -> str:
    """A count item as printed beside its choice: its label （　）件 with the number in the blank."""
    value = node.get("value")
    label = node["label"]
    shown = "　" if value is None else f" {value} "
    return label.replace("（　）", f"（{shown}）", 1) if "（　）" in label else f"{label}{shown}".strip()


class _Walker:
    def __init__(self, document: ResolvedDocument) -> None:
        self.document = document

    @cached_property
    def definition_items(self) -> dict[str, Any]:
        definition = get_definition(self.document["definition"]["id"])
        return {item.path: item for _section, item in definition.walk()}

    def _item(self, node: ItemNode) -> Any:
        return self.definition_items.get(definition_path(node["path"]))

    def is_side_label(self, node: ItemNode) -> bool:
        """A group the form labels at the side of its items, outside their printed path (再委託)."""
        item = self._item(node)
        return node["type"] == ItemType.GROUP and item is not None and not item.in_path and item.side_label

    def is_inline_count(self, node: ItemNode) -> bool:
        """A number that states how many entries a sibling repeat has, printed beside its choice."""
        item = self._item(node)
        return node["type"] == ItemType.INTEGER and item is not None and bool(item.counts)

    def rows(self, nodes: list[ItemNode], depth: int = 0) -> Iterator[PrintedRow]:
        index = 0
        while index < len(nodes):
            node = nodes[index]
            following = nodes[index + 1] if index + 1 < len(nodes) else None
            kind = node["type"]
            if kind == ItemType.GROUP:
                yield from self._group(node, depth)
            elif kind == ItemType.REPEAT:
                yield from self._repeat(node, depth)
            elif kind == ItemType.CHECKBOX:
                yield PrintedRow("checkbox", depth, node["label"], node)
            elif kind == ItemType.SINGLE_CHOICE and following is not None and self.is_inline_count(following):
                yield PrintedRow("item", depth, node["label"], node, inline=following)
                index += 1
            else:
                yield PrintedRow("item", depth, node["label"], node)
            index += 1

    def _group(self, node: ItemNode, depth: int) -> Iterator[PrintedRow]:
        items = node.get("items", [])
        if self.is_side_label(node):
            rows = list(self.rows(items, depth))
            span = len(rows)
            for n, row in enumerate(rows):
                yield PrintedRow(
                    row.kind,
                    row.depth,
                    row.label,
                    row.node,
                    row.entry,
                    row.title,
                    row.inline,
                    row.marks,
                    side=node["label"],
                    side_span=span if n == 0 else 0,
                )
            return
        if items and items[0]["label"] == node["label"] and items[0]["type"] != ItemType.GROUP:
            # ⑤使用方法 holds ⑤使用方法 and 情報の突合: the item carries the group's label.
            yield from self.rows(items[:1], depth)
            yield from self.rows(items[1:], depth + 1)
            return
        marks = []
        for child in items:
            if child["type"] != ItemType.CHECKBOX:
                break
            marks.append(child)
        yield PrintedRow("group", depth, node["label"], node, marks=tuple(marks))
        yield from self.rows(items[len(marks) :], depth + 1)

    def _entry(self, entry: EntryNode, depth: int) -> Iterator[PrintedRow]:
        title = entry_title(entry)
        # The body prints entry headings with ASCII digits (システム2), as the seed does.
        yield PrintedRow("entry", depth, halfwidth(entry["label"]), entry=entry, title=title)
        items = entry.get("items", [])
        yield from self.rows([item for item in items if item is not title], depth + 1)

    def _repeat(self, node: ItemNode, depth: int) -> Iterator[PrintedRow]:
        entries = {entry["index"]: entry for entry in node.get("entries", [])}
        if entry_stem(node) != node["label"]:
            yield PrintedRow("group", depth, node["label"], node)
        ranges = display_ranges(node.get("display_groups") or [], node.get("max") or 0)
        for position, (label, start, end) in enumerate(ranges):
            present = [entries[n] for n in range(start, end + 1) if n in entries]
            if position == 0 and start == end and not present:
                # The first entry is printed with all its items, empty when nothing was entered.
                present = [empty_entry(self.document, node, start)]
            elif start != end or not present:
                yield PrintedRow("range", depth, label)
            for entry in present:
                yield from self._entry(entry, depth)
        for n, entry in sorted(entries.items()):
            if not any(start <= n <= end for _, start, end in ranges):
                yield from self._entry(entry, depth)


def printed_rows(document: ResolvedDocument, nodes: list[ItemNode], depth: int = 0) -> Iterator[PrintedRow]:
    """The printed rows of *nodes* (a section's or a file's items) of *document*, in order."""
    return _Walker(document).rows(nodes, depth)


# How values print ------------------------------------------------------------------------------

CHECKED = "[ ○ ]"
UNCHECKED = "[ 　 ]"
NO_CHOICE = "[ 　　　　 ]"


def mark(checked: Any) -> str:
    return CHECKED if checked else UNCHECKED


def chosen_text(node: ItemNode) -> str:
    """A single choice as the form prints it: ``[ 十分である ]``."""
    value = node.get("value")
    return f"[ {value} ]" if value else NO_CHOICE


def option_label(numbering: str, index: int) -> str:
    """``1)`` or ``1）`` numbering of the form's ＜選択肢＞ for option *index*."""
    return numbering.replace("1", str(index), 1)


def option_texts(node: ItemNode) -> list[str]:
    numbering = node.get("choice_numbering") or "1)"
    return [f"{option_label(numbering, n)} {choice}" for n, choice in enumerate(node.get("choices") or [], start=1)]


def check_text(check: CheckState) -> str:
    """A check list entry without its mark: the label, its free text （　） and its count （　）件."""
    text = str(check["label"])
    if "text" in check:
        text += f"（ {check.get('text') or '　'} ）"
    if "count" in check:
        count = check.get("count")
        text += f"（ {'　' if count is None else count} ）件"
    return text
