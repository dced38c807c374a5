"""Edition mappings: how the items of an older edition of a form become the items of a newer one.

A mapping is data, ``<definitions>/mappings/<old id>--<new id>.yaml``::

    from: kiso-h26-04
    to: kiso-r06-10
    renamed: {old.path: new.path}          # an item (or a group, a section) kept under another key
    split: {old.path: [new.a, new.b]}      # the old answer goes to the first; the others start empty
    merged: {new.path: [old.a, old.b]}     # the old answers joined, one per line (text items)
    added: [new.path]                      # new items with no old counterpart
    removed: [old.path]                    # old items the new form no longer holds

Every path not named must exist, unchanged, in both editions: the loader refuses a mapping that
leaves an item of either edition unaccounted for. Moves stay inside one repeat entry (a mapping
cannot move an answer from one 委託事項 to another).

The diff reads an older version through the mapping (``slot_key``, ``merged_target``), so comparing
an assessment across editions, and moving it to the newer edition (``translate_values``, 様式の改版に
移行), yields only the real changes in the annex.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pia.formdef.loader import DefinitionError, all_definitions, definitions_dir
from pia.formdef.schema import TEXT_TYPES, FormDefinition, ItemType

_ENTRY_SUFFIX = re.compile(r"\[#[^\]]*\]$")
MAPPING_KEYS = frozenset({"from", "to", "renamed", "split", "merged", "added", "removed", "note"})


class MappingError(DefinitionError):
    pass


@dataclass(frozen=True)
class EditionMapping:
    old: str
    new: str
    renamed: dict[str, str]
    split: dict[str, tuple[str, ...]]
    merged: dict[str, tuple[str, ...]]  # new path ← old paths
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def moves(self) -> dict[str, str]:
        """Every old path whose answer goes to a new path (a split's to its first new path)."""
        found = dict(self.renamed)
        found.update({old: new[0] for old, new in self.split.items()})
        found.update({old: new for new, olds in self.merged.items() for old in olds})
        return found

    def slot_key(self, key: str) -> str:
        """An old document's diff key (``kanren.jimu.meisho``, ``files[#a1].kihon.x``) on the new edition."""
        segments = key.split(".")
        bare = [_ENTRY_SUFFIX.sub("", segment) for segment in segments]
        suffixes = [segment[len(plain) :] for segment, plain in zip(segments, bare, strict=True)]
        moves = self.moves
        for length in range(len(bare), 0, -1):
            target = moves.get(".".join(bare[:length]))
            if target is None:
                continue
            head = target.split(".")
            common = _common_length(bare[:length], head)
            new = [head[i] + (suffixes[i] if i < common else "") for i in range(len(head))]
            return ".".join([*new, *segments[length:]])
        return key

    def merged_target(self, key: str) -> bool:
        """Whether *key* (on the new edition) receives the answers of several old items."""
        bare = ".".join(_ENTRY_SUFFIX.sub("", segment) for segment in key.split("."))
        return bare in self.merged

    def translate_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """An old edition's stored values as the new edition holds them."""
        moved = copy.deepcopy(values)
        for old, new in self.renamed.items():
            _move(moved, [old], new, _first)
        for old, news in self.split.items():
            _move(moved, [old], news[0], _first)
        for new, olds in self.merged.items():
            _move(moved, list(olds), new, _joined)
        for old in self.removed:
            _move(moved, [old], None, _first)
        return moved


def _common_length(first: list[str], second: list[str]) -> int:
    n = 0
    while n < min(len(first), len(second)) and first[n] == second[n]:
        n += 1
    return n


def _first(found: list[Any]) -> Any:
    return found[0]


def _joined(found: list[Any]) -> Any:
    return "\n".join(str(value) for value in found if value not in (None, ""))


def _move(node: Any, olds: list[str], new: str | None, combine: Any) -> None:
    """Move the answers at *olds* to *new* (None: drop them), within each repeat entry they share."""
    paths = [path.split(".") for path in olds] + ([new.split(".")] if new else [])
    depth = min(_common_length(paths[0], path) for path in paths)
    depth = min(depth, min(len(path) for path in paths) - 1)
    for scope in _scopes(node, paths[0][:depth]):
        found = [_pop(scope, path[depth:]) for path in paths[: len(olds)]]
        present = [value for value in found if value is not _ABSENT]
        if new is not None and present:
            _put(scope, new.split(".")[depth:], combine(present))


_ABSENT = object()


def _scopes(node: Any, prefix: list[str]) -> list[dict[str, Any]]:
    """The dicts reached by *prefix*, through every entry of each list on the way."""
    if isinstance(node, list):
        return [scope for entry in node for scope in _scopes(entry, prefix)]
    if not isinstance(node, dict):
        return []
    if not prefix:
        return [node]
    return _scopes(node.get(prefix[0]), prefix[1:])


def _pop(scope: dict[str, Any], path: list[str]) -> Any:
    node: Any = scope
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, dict) or path[-1] not in node:
        return _ABSENT
    return node.pop(path[-1])


def _put(scope: dict[str, Any], path: list[str], value: Any) -> None:
    node = scope
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


# Loading and checking a mapping against the two definitions it joins.


def _paths(definition: FormDefinition) -> dict[str, ItemType | None]:
    """Every section key and item path of *definition*, with the item's type (None for a section)."""
    found: dict[str, ItemType | None] = {section.key: None for section in definition.sections}
    found.update({item.path: item.type for _section, item in definition.walk()})
    return found


def _repeats_above(definition: FormDefinition, path: str) -> list[str]:
    """The repeating sections and repeat items *path* lies inside (its entries' containers)."""
    found = [s.key for s in definition.sections if s.repeats and path.startswith(s.key + ".")]
    found += [i.path for _s, i in definition.walk() if i.type is ItemType.REPEAT and path.startswith(i.path + ".")]
    return found


def _covered(path: str, named: set[str]) -> bool:
    """Whether *path* or one of its ancestors is named."""
    parts = path.split(".")
    return any(".".join(parts[:n]) in named for n in range(1, len(parts) + 1))


def load_mapping(raw: Any, old: FormDefinition, new: FormDefinition, origin: str = "<mapping>") -> EditionMapping:
    def fail(message: str) -> MappingError:
        return MappingError(f"{origin}: {message}")

    if not isinstance(raw, dict):
        raise fail("a mapping must be a mapping of from, to, renamed, split, merged, added, removed")
    unknown = sorted(set(raw) - MAPPING_KEYS)
    if unknown:
        raise fail(f"unknown keys {unknown}")
    if raw.get("from") != old.id or raw.get("to") != new.id:
        raise fail(f"maps {raw.get('from')} → {raw.get('to')}, expected {old.id} → {new.id}")
    renamed = _str_map(raw.get("renamed"), "renamed", fail)
    split = {k: tuple(_str_list(v, f"split.{k}", fail)) for k, v in _map(raw.get("split"), "split", fail).items()}
    merged = {k: tuple(_str_list(v, f"merged.{k}", fail)) for k, v in _map(raw.get("merged"), "merged", fail).items()}
    added = tuple(_str_list(raw["added"], "added", fail)) if raw.get("added") is not None else ()
    removed = tuple(_str_list(raw["removed"], "removed", fail)) if raw.get("removed") is not None else ()
    old_paths, new_paths = _paths(old), _paths(new)
    olds_named = [*renamed, *split, *(p for ps in merged.values() for p in ps), *removed]
    news_named = [*renamed.values(), *(p for ps in split.values() for p in ps), *merged, *added]
    for path in olds_named:
        if path not in old_paths:
            raise fail(f"'{path}' is not an item of {old.id}")
    for path in news_named:
        if path not in new_paths:
            raise fail(f"'{path}' is not an item of {new.id}")
    if len(set(olds_named)) != len(olds_named) or len(set(news_named)) != len(news_named):
        raise fail("an item is named twice")
    for new_path in merged:
        if new_paths[new_path] not in TEXT_TYPES:
            raise fail(f"merged '{new_path}' is not a text item: only texts can be joined")
    pairs = [
        *renamed.items(),
        *((o, n[0]) for o, n in split.items()),
        *((o, n) for n, os in merged.items() for o in os),
    ]
    for old_path, new_path in pairs:
        if _repeats_above(old, old_path) != _repeats_above(new, new_path):
            raise fail(f"'{old_path}' → '{new_path}' moves an answer out of its repeat entry")
        if old_paths[old_path] != new_paths[new_path]:
            raise fail(f"'{old_path}' → '{new_path}' changes the item's type")
    for path in old_paths:
        if not _covered(path, set(olds_named)) and path not in new_paths:
            raise fail(f"{old.id}'s '{path}' is neither in {new.id} nor named by the mapping")
    for path in new_paths:
        if not _covered(path, set(news_named)) and path not in old_paths:
            raise fail(f"{new.id}'s '{path}' is neither in {old.id} nor named by the mapping")
    return EditionMapping(old.id, new.id, renamed, split, merged, added, removed)


def _map(value: Any, where: str, fail: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise fail(f"'{where}' must map item paths")
    return value


def _str_map(value: Any, where: str, fail: Any) -> dict[str, str]:
    mapped = _map(value, where, fail)
    if not all(isinstance(target, str) for target in mapped.values()):
        raise fail(f"'{where}' must map an item path to an item path")
    return dict(mapped)


def _str_list(value: Any, where: str, fail: Any) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(path, str) for path in value):
        raise fail(f"'{where}' must be a list of item paths")
    return value


def mappings_dir() -> Path:
    return definitions_dir() / "mappings"


@cache
def shipped_mappings() -> dict[tuple[str, str], EditionMapping]:
    """Every mapping of the definitions folder, by (old id, new id)."""
    found = {}
    definitions = all_definitions()
    for path in sorted(mappings_dir().glob("*--*.yaml")):
        old_id, _, new_id = path.stem.partition("--")
        if old_id not in definitions or new_id not in definitions:
            raise MappingError(f"{path.name}: maps an unknown definition ({old_id} → {new_id})")
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise MappingError(f"{path.name}: not valid YAML: {exc}") from exc
        found[(old_id, new_id)] = load_mapping(raw, definitions[old_id], definitions[new_id], path.name)
    return found


def mapping_between(old_id: str, new_id: str) -> EditionMapping | None:
    """The mapping from *old_id*'s form to *new_id*'s: a shipped one joining the same two forms
    (editions differing only by their tag share their mappings), or None when none is needed or known."""
    from pia.formdef.editions import same_form

    if same_form(old_id, new_id):
        return None
    for (mapped_old, mapped_new), mapping in shipped_mappings().items():
        if same_form(mapped_old, old_id) and same_form(mapped_new, new_id):
            return mapping
    return None


def mapping_file_name(old_id: str, new_id: str) -> str:
    """Where the mapping from *old_id* to *new_id* is expected (named in refusals)."""
    return f"mappings/{old_id}--{new_id}.yaml"
