"""Nagaoka's earlier versions, derived by undoing the published change annex from the current version.

Each row of the seed's 別添２ says what an item read before a change. Applying the rows of
one 変更日 backwards turns the version published that day into the one before it. Some rows
cannot be undone exactly (the seed abbreviates unchanged text as 略, cuts cells off, or its
body disagrees with its own annex); each such case is recorded as a note, never hidden.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pia.formdef.schema import FormDefinition, Item, ItemType

FIRST_VERSION_DATE = dt.date(2021, 5, 17)  # 保有開始日: the first assessment
_TOKEN = re.compile(r"^(\w+)(?:\[(\d+)\])?$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
ADDITION_MARKS = (None, "", "【追記】")


@dataclass
class Version:
    date: dt.date
    values: dict[str, Any]
    rows: list[dict[str, Any]] = field(default_factory=list)  # the seed rows published with this version


@dataclass
class History:
    versions: list[Version]
    notes: list[str]


def squash(text: Any) -> str:
    return re.sub(r"[\s　]+", "", str(text or "")).translate(_FULLWIDTH)


def _tokens(item_key: str) -> list[tuple[str, int | None]]:
    found = []
    for part in item_key.split("."):
        match = _TOKEN.match(part)
        if not match:
            raise ValueError(item_key)
        found.append((match.group(1), int(match.group(2)) if match.group(2) else None))
    return found


class _Undo:
    def __init__(self, definition: FormDefinition, notes: list[str]):
        self.definition = definition
        self.notes = notes

    def note(self, row: dict[str, Any], message: str) -> None:
        self.notes.append(f"{row['henko_bi']} {row['item_key']}：{message}")  # henko_bi is printed 和暦

    def locate(self, values: dict[str, Any], item_key: str):
        """(container, key, item, index) for an item key; index is set for a repeat entry."""
        tokens = _tokens(item_key)
        section = self.definition.section(tokens[0][0])
        container: Any = section.entries(values[section.key])[(tokens[0][1] or 1) - 1]
        items = section.items
        item: Item | None = None
        for position, (key, index) in enumerate(tokens[1:], start=1):
            item = next((i for i in items if i.key == key), None)
            if item is None:
                # a sub-field of a check list (…nyushu_hoho.sonota.text)
                return container, key, None, tokens[position:]
            last = position == len(tokens) - 1
            if last:
                return container, key, item, index
            if item.type is ItemType.MULTI_CHECK:
                return container[key], tokens[position + 1][0], item, tokens[position + 1 :]
            container = container[key]
            if index is not None:
                container = container[index - 1]
            items = item.items
        raise ValueError(item_key)

    def apply(self, values: dict[str, Any], row: dict[str, Any]) -> None:
        container, key, item, index = self.locate(values, row["item_key"])
        before, after = row["henko_mae"], row["henko_go"]
        if item is None or isinstance(index, list):
            self.check_subfield(container, key, index, row)
        elif index is not None:
            self.entry(container[key], index, item, before, after, row)
        elif item.type is ItemType.GROUP:
            lines = (before or "").split("\n")
            for child, line in zip(item.items, lines, strict=False):
                container[key][child.key] = line or None
        else:
            container[key] = self.leaf(item, container.get(key), before, after, row)

    def check_subfield(self, states: dict[str, Any], key: str, rest, row) -> None:
        # e.g. nyushu_hoho → sonota → text
        if isinstance(rest, list) and len(rest) >= 2:
            states[rest[0][0]][rest[1][0]] = row["henko_mae"]
        else:
            self.note(row, "項目を特定できないため戻せませんでした")

    def entry(self, entries: list[dict[str, Any]], n: int, item: Item, before, after, row) -> None:
        if before in ADDITION_MARKS:
            if n <= len(entries):
                entries.pop(n - 1)
            else:
                self.note(row, f"{item.label_for(n)}が現行版にないため削除を戻せませんでした")
            return
        parsed = self.parse_entry(item, before)
        if after == "削除":
            parsed["_id"] = f"nagaoka-restored-{row['seq']}"
            entries.insert(n - 1, parsed)
        else:
            entries[n - 1].update({k: v for k, v in parsed.items() if v is not None})
        self.note(row, f"{item.label_for(n)}は公表された変更前の記載から復元（記載のない項目は現行版のまま）")

    def parse_entry(self, item: Item, text: str) -> dict[str, Any]:
        """An entry printed as lines （name, ①…, ②…） back into its items, by the printed numbers."""
        lines = [line.strip("　 ") for line in (text or "").split("\n")]
        entry: dict[str, Any] = {child.key: None for child in item.items}
        numbered = {child.number: child for child in item.items if child.number}
        name_item = next((child for child in item.items if not child.number), None)
        if lines and name_item is not None:
            entry[name_item.key] = re.sub(r"^(提供先|移転先)[　 ]*", "", lines[0]) or None
        current = None
        for line in lines[1:]:
            number = line[:1]
            if number in numbered:
                current = numbered[number]
                rest = line[1:].strip("　 ")
                label = current.label[1:]
                rest = rest[len(label) :].strip("　 ") if rest.startswith(label) else rest
                entry[current.key] = self.typed(current, rest)
            elif current is not None and line:
                previous = entry[current.key]
                if isinstance(previous, str) and current.type in (ItemType.TEXT, ItemType.MULTILINE):
                    entry[current.key] = f"{previous}\n{line}" if previous else line
                else:
                    entry[current.key] = self.typed(current, line)
        return entry

    def typed(self, item: Item, text: str) -> Any:
        if item.type is ItemType.SINGLE_CHOICE:
            return text.strip("［］[] ") or None
        if item.type is ItemType.MULTI_CHECK:
            return self.checks(item, text)
        return text or None

    def checks(self, item: Item, text: str | None) -> dict[str, Any]:
        """Lines like ［〇］その他（健康管理システム） back into check states."""
        states: dict[str, dict[str, Any]] = {
            check.key: {"checked": False, "text": None, "count": None} for check in item.checks.items
        }
        for raw in (text or "").split("\n"):
            line = re.sub(r"^[［\[]\s*[〇○]?\s*[］\]]", "", raw.strip())
            if not line:
                continue
            for check in item.checks.items:
                if squash(line).startswith(squash(check.label)):
                    states[check.key]["checked"] = True
                    extra = re.findall(r"（([^（）]*(?:（[^（）]*）[^（）]*)*)）", line[len(check.label) :])
                    if check.with_count and extra:
                        count = squash(extra[-1]).rstrip("件")
                        states[check.key]["count"] = int(count) if count.isdigit() else None
                    elif check.with_text and extra:
                        states[check.key]["text"] = extra[0]
                    break
        return states

    def leaf(self, item: Item, current: Any, before, after, row) -> Any:
        if item.type is ItemType.SINGLE_CHOICE:
            return self.typed(item, before) if before not in ADDITION_MARKS else None
        if item.type is ItemType.MULTI_CHECK:
            return self.checks(item, None if before in ADDITION_MARKS else before)
        if item.type is ItemType.DATE:
            if not before:
                return None
            year, month, day = (int(part) for part in before.split("/"))
            return dt.date(year, month, day).isoformat()
        return self.text(current, before, after, row)

    def text(self, current: str | None, before: str | None, after: str | None, row) -> str | None:
        current = current or ""
        if before in ADDITION_MARKS:
            pattern = r"[\s　]*".join(re.escape(char) for char in re.sub(r"[\s　]+", "", after or ""))
            match = re.search(pattern, current) if pattern else None
            if match is None:
                self.note(row, "追記された記載が現行版に見つからないため戻せませんでした")
                return current or None
            remainder = (current[: match.start()] + current[match.end() :]).strip("\n")
            return re.sub(r"\n{3,}", "\n\n", remainder) or None
        if "略" in (before or "") or row.get("truncated_in_pdf"):
            self.note(row, "公表された変更箇所が「略」または途中で切れているため、変更前の記載を完全には復元できません")
            if after and squash(after) and squash(after) in squash(current):
                return current
        if squash(current) != squash(after):
            self.note(row, "現行版の記載が公表された変更後の記載と一致しません（変更前の記載を採用）")
        return before


def assign_entry_ids(definition: FormDefinition, values: dict[str, Any]) -> None:
    """Give every repeat entry a stable id, so that versions match entries by identity."""

    def walk(items, container, prefix):
        for item in items:
            value = container.get(item.key)
            if item.type is ItemType.GROUP and value:
                walk(item.items, value, f"{prefix}.{item.key}")
            elif item.type is ItemType.REPEAT:
                for n, entry in enumerate(value or [], start=1):
                    entry.setdefault("_id", f"nagaoka-{prefix}.{item.key}-{n}")
                    walk(item.items, entry, f"{prefix}.{item.key}{n}")

    for section in definition.editable_sections:
        for n, entry in enumerate(section.entries(values.get(section.key)), start=1):
            entry.setdefault("_id", f"nagaoka-{section.key}-{n}")
            walk(section.items, entry, section.key)


def reconstruct(definition: FormDefinition, current: dict[str, Any], rows: list[dict[str, Any]]) -> History:
    """Every published version, oldest first, from the current values and the seed's annex rows."""
    notes: list[str] = []
    undo = _Undo(definition, notes)
    assign_entry_ids(definition, current)
    dates = sorted({dt.date.fromisoformat(row["henko_bi_iso"]) for row in rows})
    values = copy.deepcopy(current)
    versions: list[Version] = []
    for date in reversed(dates):
        todays = [row for row in rows if row["henko_bi_iso"] == date.isoformat()]
        versions.insert(0, Version(date, copy.deepcopy(values), todays))
        for row in reversed(todays):
            try:
                undo.apply(values, row)
            except (KeyError, IndexError, ValueError) as exc:
                undo.note(row, f"戻せませんでした（{exc!r}）")
    versions.insert(0, Version(FIRST_VERSION_DATE, values, []))
    return History(versions, notes)


def _covers(proposal_path: str, item_key: str) -> bool:
    key = item_key.replace(".sonota.text", "")
    return (
        proposal_path == key or proposal_path.startswith((key + ".", key + "[")) or key.startswith(proposal_path + ".")
    )


@dataclass
class Matched:
    seed_row: dict[str, Any]
    proposal: Any  # the engine's proposed AnnexLine covering it, or None

    @property
    def same_text(self) -> bool:
        """The proposal's before/after equal Nagaoka's (ignoring spaces and line breaks)."""
        if self.proposal is None:
            return False
        before = self.seed_row["henko_mae"]
        before = "" if before in ADDITION_MARKS else before
        proposed_before = "" if self.proposal.henko_mae == "【追記】" else self.proposal.henko_mae
        return squash(before) == squash(proposed_before) and squash(self.seed_row["henko_go"]) == squash(
            self.proposal.henko_go
        )


def match(seed_rows: list[dict[str, Any]], proposals: list[Any]) -> list[Matched]:
    """Pair each of Nagaoka's rows with the engine's proposal for the same item, if any."""
    return [
        Matched(row, next((p for p in proposals if _covers(p.item_path, row["item_key"])), None)) for row in seed_rows
    ]
