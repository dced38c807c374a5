"""The rows of the printed form, in order: shared by the PDF's HTML and the whole-form Excel.

The form prints a section as one table: a heading row for each group (１．…), the
form's collapsed header for each range of a repeat group (システム2～5, printed even
when the range is empty), a heading for each entry that exists (システム2), and a row
for each item with its printed label and value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pia.formdef.types import CheckState, EntryNode, ItemNode
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


def printed_rows(nodes: list[ItemNode], depth: int = 0) -> Iterator[PrintedRow]:
    for node in nodes:
        kind = node["type"]
        if kind == "group":
            yield PrintedRow("group", depth, node["label"], node)
            yield from printed_rows(node.get("items", []), depth + 1)
        elif kind == "repeat":
            yield from _repeat_rows(node, depth)
        elif kind == "checkbox":
            yield PrintedRow("checkbox", depth, node["label"], node)
        else:
            yield PrintedRow("item", depth, node["label"], node)


def _repeat_rows(node: ItemNode, depth: int) -> Iterator[PrintedRow]:
    entries = {entry["index"]: entry for entry in node.get("entries", [])}
    if node["label"] not in [entry["label"] for entry in entries.values()]:
        yield PrintedRow("group", depth, node["label"], node)
    ranges = display_ranges(node.get("display_groups") or [], node.get("max") or 0)
    for label, start, end in ranges:
        present = [entries[n] for n in range(start, end + 1) if n in entries]
        if start != end or not present:
            yield PrintedRow("range", depth, label)
        for entry in present:
            # The body prints entry headings with ASCII digits (システム2), as the seed does.
            yield PrintedRow("entry", depth, halfwidth(entry["label"]), entry=entry)
            yield from printed_rows(entry["items"], depth + 1)
    for n, entry in sorted(entries.items()):
        if not any(start <= n <= end for _, start, end in ranges):
            yield PrintedRow("entry", depth, halfwidth(entry["label"]), entry=entry)
            yield from printed_rows(entry["items"], depth + 1)


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
