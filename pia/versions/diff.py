"""The diff of two resolved documents, generic over the form definition.

Repeat entries (and 特定個人情報ファイル) are matched by their stable ids, so removing
提供先１ does not make every later 提供先 look changed. Text is compared at character
level: Japanese has no spaces, so a word diff would be useless.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace

from pia.formdef.types import ItemNode, ResolvedDocument

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class Slot:
    """One comparable place of a document: a value item, or a whole repeat entry."""

    key: str  # identity: repeat entries by id, e.g. files[#a1].teikyo_iten.teikyosaki[#b2].name
    path: str  # printed index path of this version, e.g. files[1].teikyo_iten.teikyosaki[2].name
    printed_path: str
    significant: bool
    text: str
    entry: bool = False  # a whole repeat entry (compared only for additions and removals)
    in_annex: bool = True


@dataclass(frozen=True)
class Change:
    kind: str
    key: str
    path: str
    printed_path: str
    significant: bool
    before: str
    after: str
    segments: list[tuple[str, str]] = field(default_factory=list)  # (equal|insert|delete, text)
    in_annex: bool = True

    @property
    def entry(self) -> bool:
        return self.key.endswith("]")


def entry_text(items: list[ItemNode]) -> str:
    """A repeat entry as the change annex prints an addition: each item's label and value."""
    lines = []
    for node in items:
        if "items" in node and node["type"] == "group":
            lines.append(entry_text(node["items"]))
        elif "entries" in node:
            for entry in node["entries"]:
                lines.append(entry["label"])
                lines.append(entry_text(entry["items"]))
        elif node.get("text"):
            text = node["text"]
            lines.append(f"{node['label']}\n　{text}" if "\n" not in text else f"{node['label']}\n{text}")
    return "\n".join(line for line in lines if line)


def holds_significant(items: list[ItemNode]) -> bool:
    """Whether any item in *items*, nested ones included, is a ※ item (its change is 重要な変更)."""
    for node in items:
        if node["significant"] or holds_significant(node.get("items", [])):
            return True
        if any(holds_significant(entry["items"]) for entry in node.get("entries", [])):
            return True
    return False


def _slots(document: ResolvedDocument) -> list[Slot]:
    slots: list[Slot] = []

    def walk(nodes: list[ItemNode], key_prefix: str) -> None:
        for node in nodes:
            key = f"{key_prefix}.{node['key']}" if key_prefix else node["key"]
            if node["type"] == "group":
                walk(node["items"], key)
            elif node["type"] == "repeat":
                for entry in node["entries"]:
                    entry_key = f"{key}[#{entry['id']}]"
                    slots.append(
                        Slot(
                            entry_key,
                            f"{node['path']}[{entry['index']}]",
                            entry["printed_path"],
                            # Adding or removing an entry that holds a ※ item is a significant change.
                            node["significant"] or holds_significant(entry["items"]),
                            entry_text(entry["items"]),
                            entry=True,
                        )
                    )
                    walk(entry["items"], entry_key)
            else:
                slots.append(
                    Slot(
                        key,
                        node["path"],
                        node["printed_path"],
                        node["significant"],
                        node.get("text") or "",
                        in_annex=node.get("in_annex", True),
                    )
                )

    for section in document["sections"]:
        if "files" in section:
            for entry in section["files"]:
                walk(entry["items"], f"{section['key']}[#{entry['id']}]")
        elif "items" in section:
            walk(section["items"], section["key"])
    return slots


def char_segments(before: str, after: str) -> list[tuple[str, str]]:
    """Character-level edit of *before* into *after*: equal / delete / insert runs."""
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", before[a1:a2]))
        else:
            if a2 > a1:
                segments.append(("delete", before[a1:a2]))
            if b2 > b1:
                segments.append(("insert", after[b1:b2]))
    return segments


def _old_slots(old: ResolvedDocument, new: ResolvedDocument) -> list[Slot]:
    """*old*'s slots, keyed as *new*'s edition holds them when the two were made on different forms
    (pia.formdef.mappings): a renamed item compares with its new self, merged items as one text."""
    from pia.formdef.loader import DefinitionError
    from pia.formdef.mappings import mapping_between

    slots = _slots(old)
    old_id, new_id = old.get("definition", {}).get("id"), new.get("definition", {}).get("id")
    try:
        mapping = mapping_between(old_id, new_id) if old_id and new_id and old_id != new_id else None
    except DefinitionError:  # a form this deployment no longer defines: compared key by key
        mapping = None
    if mapping is None:
        return slots
    moved: dict[str, Slot] = {}
    for slot in slots:
        key = mapping.slot_key(slot.key)
        earlier = moved.get(key)
        if earlier is not None and mapping.merged_target(key):
            text = "\n".join(t for t in (earlier.text, slot.text) if t)
            moved[key] = replace(earlier, text=text, significant=earlier.significant or slot.significant)
        else:
            moved[key] = replace(slot, key=key)
    return list(moved.values())


def diff(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    """Items added, removed and changed from *old* to *new*, in *new*'s document order."""
    old_list = _old_slots(old, new)
    old_slots = {slot.key: slot for slot in old_list}
    new_list = _slots(new)
    changes: list[tuple[float, Change]] = []
    added_entries: set[str] = set()
    removed_entries: set[str] = set()

    for position, slot in enumerate(new_list):
        if any(slot.key.startswith(prefix) for prefix in added_entries):
            continue  # inside an entry already reported as added
        previous = old_slots.get(slot.key)
        if previous is None:
            if slot.entry:
                added_entries.add(slot.key)
            if slot.text or slot.entry:
                changes.append((position, _change(ADDED, slot, "", slot.text)))
        elif not slot.entry and previous.text != slot.text:
            changes.append((position, _change(CHANGED, slot, previous.text, slot.text)))

    new_positions = {slot.key: i for i, slot in enumerate(new_list)}
    anchor = -0.5
    for slot in old_list:
        if slot.key in new_positions:
            anchor = new_positions[slot.key] + 0.5
            continue
        if any(slot.key.startswith(prefix) for prefix in removed_entries):
            continue
        if slot.entry:
            removed_entries.add(slot.key)
        if slot.text or slot.entry:
            changes.append((anchor, _change(REMOVED, slot, slot.text, "")))
    return [change for _position, change in sorted(changes, key=lambda pair: pair[0])]


def content_changes(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    """The changes the compare view, the timeline and the change annex show: all but the items every
    publication changes by itself (``in_annex: false``, the 公表日)."""
    return [change for change in diff(old, new) if change.in_annex]


def _change(kind: str, slot: Slot, before: str, after: str) -> Change:
    return Change(
        kind=kind,
        key=slot.key,
        path=slot.path,
        printed_path=slot.printed_path,
        significant=slot.significant,
        before=before,
        after=after,
        segments=char_segments(before, after) if kind == CHANGED else [],
        in_annex=slot.in_annex,
    )
