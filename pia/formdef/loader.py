"""Load and validate form definitions from YAML.

The loader refuses a definition that could not be printed as the official form:
duplicate keys, dangling choice or check lists, repeat groups without limits,
or numbered items out of printed sequence.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from controls.threshold import ASSESSMENT_KINDS
from pia.formdef.schema import (
    COMMENT_PERIOD_ROLES,
    ITEM_ROLES,
    SECTION_ROLES,
    TEXT_TYPES,
    THRESHOLD_ANSWER_ROLES,
    CheckGroup,
    CheckItem,
    CheckList,
    ChoiceList,
    FormDefinition,
    Item,
    ItemType,
    Role,
    Section,
    Source,
)
from registry.jp.numerals import halfwidth

SHIPPED_DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
# libyaml's parser when PyYAML was built with it (it reads the definitions several times faster).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def definitions_dir() -> Path:
    """The shipped definitions, or a deployment's own copy (setting ``PIA_FORM_DEFINITIONS_DIR``)."""
    configured = getattr(settings, "PIA_FORM_DEFINITIONS_DIR", None)
    return Path(configured) if configured else SHIPPED_DEFINITIONS_DIR


MAX_REPEAT = 50
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_KEY_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_SECTION_NUMBER = re.compile(r"^(Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|Ⅶ|（別添[０-９]+）)")
_ITEM_NUMBER = re.compile(r"^(リスク[０-９]+|[０-９]+．|[①-⑳])")


class DefinitionError(ValueError):
    """The definition file itself is wrong; the message names the place."""


def parse_number(label: str) -> str:
    """The printed item number at the start of a label (``１．``, ``①``, ``リスク１``) or ''."""
    match = _ITEM_NUMBER.match(label)
    return match.group(1) if match else ""


def _number_style_and_value(number: str) -> tuple[str, int]:
    if number.startswith("リスク"):
        return "risk", int(halfwidth(number[3:]))  # form key: a numbering style (リスク１), not the section
    if number.endswith("．"):
        return "dotted", int(halfwidth(number[:-1]))
    return "circled", ord(number) - ord("①") + 1


class _Loader:
    def __init__(self, raw: dict[str, Any], origin: str) -> None:
        self.raw = raw
        self.origin = origin
        self.choice_lists: dict[str, ChoiceList] = {}
        self.check_lists: dict[str, CheckList] = {}

    def fail(self, where: str, message: str) -> DefinitionError:
        return DefinitionError(f"{self.origin}: {where}: {message}")

    def load(self) -> FormDefinition:
        raw = self.raw
        for required in ("id", "kind", "kind_label", "title", "edition", "yoshiki", "form_label", "sections"):
            if not raw.get(required):
                raise self.fail("top level", f"'{required}' is required")
        self._load_choice_lists(raw.get("choice_lists") or {})
        self._load_check_lists(raw.get("check_lists") or {})
        sections = tuple(self._section(s) for s in raw["sections"])
        self._unique([s.key for s in sections], "sections")
        definition = FormDefinition(
            id=raw["id"],
            kind=raw["kind"],
            kind_label=raw["kind_label"],
            title=raw["title"],
            edition=raw["edition"],
            yoshiki=raw["yoshiki"],
            form_label=raw["form_label"],
            table_of_contents=tuple(raw.get("table_of_contents") or ()),
            choice_lists=self.choice_lists,
            check_lists=self.check_lists,
            sections=sections,
            in_force_from=self._in_force_from(raw.get("in_force_from")),
            extends=raw.get("extends"),
        )
        self._check_roles(definition)
        return definition

    def _in_force_from(self, value: Any) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value
        raise self.fail("in_force_from", f"must be a date (YYYY-MM-DD), not {value!r}")

    def _check_roles(self, definition: FormDefinition) -> None:
        """Each role at most once; the publication date is a date item of the cover."""
        found = [s.role for s in definition.sections if s.role] + [i.role for _s, i in definition.walk() if i.role]
        for role in set(found):
            if found.count(role) > 1:
                raise self.fail("roles", f"role '{role}' is given {found.count(role)} times")
        if Role.PUBLICATION_DATE in found:
            section, item = definition.item_with_role(Role.PUBLICATION_DATE)
            if item.type is not ItemType.DATE or section.role is not Role.COVER:
                raise self.fail(item.path, "the publication date is a date item of the cover")
        self._check_threshold_roles(definition, set(found))
        self._check_procedure_roles(definition, set(found))

    def _check_threshold_roles(self, definition: FormDefinition, found: set[Role | None]) -> None:
        """The しきい値判断 roles come together, on single choices whose lists carry the flags the rule reads."""
        roles = {*THRESHOLD_ANSWER_ROLES, Role.THRESHOLD_RESULT}
        given = roles & found
        if not given:
            return
        if given != roles:
            raise self.fail("roles", f"the しきい値判断 needs every one of {sorted(roles)}, not only {sorted(given)}")
        for role in roles:
            _section, item = definition.item_with_role(role)
            flag = "states" if role is Role.THRESHOLD_RESULT else "ranges"
            if item.choices is None or not getattr(item.choices, flag):
                raise self.fail(item.path, f"role '{role}' needs a single choice whose list gives '{flag}'")

    def _check_procedure_roles(self, definition: FormDefinition, found: set[Role | None]) -> None:
        """The comment period's roles come together (dates, the end stating ``min_days``, a text reason); the
        period and the 第三者点検 are required items, since the procedure rule reads them at submission."""
        roles = set(COMMENT_PERIOD_ROLES)
        given = roles & found
        if given and given != roles:
            raise self.fail("roles", f"the comment period needs every one of {sorted(roles)}, not only {sorted(given)}")
        types = {
            Role.COMMENT_PERIOD_START: {ItemType.DATE},
            Role.COMMENT_PERIOD_END: {ItemType.DATE},
            Role.COMMENT_PERIOD_REASON: TEXT_TYPES,
            Role.THIRD_PARTY_REVIEW: {ItemType.DATE},
        }
        for role, allowed in types.items():
            if role not in found:
                continue
            _section, item = definition.item_with_role(role)
            if item.type not in allowed:
                raise self.fail(item.path, f"role '{role}' needs a {' or '.join(sorted(allowed))} item")
            if role is not Role.COMMENT_PERIOD_REASON and item.optional:
                raise self.fail(item.path, f"role '{role}' is required at submission: it cannot be optional")
            if role is Role.COMMENT_PERIOD_END and item.min_days < 1:
                raise self.fail(item.path, "the comment period's end states its shortest length ('min_days')")
        for _section, item in definition.walk():
            if item.min_days and item.role is not Role.COMMENT_PERIOD_END:
                raise self.fail(item.path, "'min_days' belongs to the comment period's end only")

    def _min_days(self, raw: dict[str, Any], path: str) -> int:
        value = raw.get("min_days", 0)
        if not isinstance(value, int) or value < 0:
            raise self.fail(path, "'min_days' is a number of days")
        return value

    def _unique(self, keys: list[str], where: str) -> None:
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                raise self.fail(where, f"duplicate key '{key}'")
            seen.add(key)

    def _load_choice_lists(self, raw: dict[str, Any]) -> None:
        for key, spec in raw.items():
            choices = tuple(spec.get("choices") or ())
            if not choices:
                raise self.fail(f"choice_lists.{key}", "has no choices")
            if len(set(choices)) != len(choices):
                raise self.fail(f"choice_lists.{key}", "repeats a choice")
            self.choice_lists[key] = ChoiceList(
                key=key,
                choices=choices,
                numbering=spec.get("numbering", "1）"),
                adequate=self._adequate(spec, key, choices),
                ranges=self._ranges(spec, key, choices),
                states=self._states(spec, key, choices),
            )

    def _adequate(self, spec: dict[str, Any], key: str, choices: tuple[str, ...]) -> frozenset[str]:
        adequate = frozenset(spec.get("adequate") or ())
        if not adequate <= set(choices):
            raise self.fail(f"choice_lists.{key}", f"adequate names no choice: {sorted(adequate - set(choices))}")
        return adequate

    def _ranges(self, spec: dict[str, Any], key: str, choices: tuple[str, ...]) -> tuple[tuple[int, int | None], ...]:
        raw = spec.get("ranges") or ()
        if not raw:
            return ()
        ranges = tuple((int(r[0]), None if r[1] is None else int(r[1])) for r in raw)
        if len(ranges) != len(choices):
            raise self.fail(f"choice_lists.{key}", "needs one range per choice")
        # A form may print its bands from the top (1) 500人以上 2) 500人未満): they tile in either order.
        ordered = sorted(ranges, key=lambda band: band[0])
        for (low, high), (next_low, _high) in zip(ordered, ordered[1:], strict=False):
            if high is None or high != next_low or low >= high:
                raise self.fail(f"choice_lists.{key}", "ranges must follow each other without gaps")
        return ranges

    def _states(self, spec: dict[str, Any], key: str, choices: tuple[str, ...]) -> tuple[str, ...]:
        states = tuple(str(state) for state in spec.get("states") or ())
        if states and (len(states) != len(choices) or not set(states) <= ASSESSMENT_KINDS):
            raise self.fail(f"choice_lists.{key}", f"needs one state per choice among {sorted(ASSESSMENT_KINDS)}")
        return states

    def _load_check_lists(self, raw: dict[str, Any]) -> None:
        for key, spec in raw.items():
            groups = []
            for group in spec.get("groups") or ():
                items = tuple(
                    CheckItem(
                        key=i["key"],
                        label=i["label"],
                        with_text=bool(i.get("with_text")),
                        with_count=bool(i.get("with_count")),
                    )
                    for i in group.get("items") or ()
                )
                groups.append(CheckGroup(label=group.get("label"), items=items))
            check_list = CheckList(key=key, groups=tuple(groups))
            if not check_list.items:
                raise self.fail(f"check_lists.{key}", "has no items")
            self._unique([i.key for i in check_list.items], f"check_lists.{key}")
            self.check_lists[key] = check_list

    def _section(self, raw: dict[str, Any]) -> Section:
        key = raw.get("key", "")
        if not _KEY.match(key):
            raise self.fail("sections", f"invalid section key '{key}'")
        match = _SECTION_NUMBER.match(raw.get("label", ""))
        significant = bool(raw.get("significant", False))
        items = tuple(self._item(i, key, significant) for i in raw.get("items") or ())
        columns = tuple(self._item(i, key, False) for i in raw.get("columns") or ())
        self._unique([i.key for i in items], key)
        self._check_required_when(items)
        self._check_count_targets(items, key)
        self._check_numbering(items, key)
        source = self._source(raw, key, items)
        if raw.get("annex") and not columns:
            raise self.fail(key, "an annex section needs columns")
        if not raw.get("annex") and not items:
            raise self.fail(key, "a section needs items")
        return Section(
            key=key,
            label=raw["label"],
            tab=raw.get("tab") or raw["label"],
            number=match.group(1) if match else "",
            **self._section_repeat(raw, key),
            significant=significant,
            annex=bool(raw.get("annex")),
            items=items,
            columns=columns,
            note=raw.get("note"),
            source=source,
            role=self._role(raw, key, SECTION_ROLES),
        )

    def _section_repeat(self, raw: dict[str, Any], key: str) -> dict[str, Any]:
        """A section's ``repeat: {entry_label, min, max}``: printed once per entry, like a repeat item."""
        repeat = raw.get("repeat")
        if repeat is None:
            return {}
        if not isinstance(repeat, dict):
            raise self.fail(key, "repeat must be a mapping with entry_label, min and max")
        entry_label = str(repeat.get("entry_label") or "")
        if "{n}" not in entry_label:
            raise self.fail(key, "repeat.entry_label must contain {n}")
        minimum, maximum = repeat.get("min", 1), repeat.get("max")
        if not isinstance(minimum, int) or not isinstance(maximum, int) or not 0 <= minimum <= maximum or maximum < 1:
            raise self.fail(key, "repeat needs integers 0 <= min <= max, max >= 1")
        return {"entry_label": entry_label, "min": minimum, "max": maximum}

    def _role(self, raw: dict[str, Any], where: str, allowed: frozenset[Role]) -> Role | None:
        name = raw.get("role")
        if name is None:
            return None
        if name not in allowed:
            raise self.fail(where, f"unknown role '{name}' (allowed: {', '.join(sorted(allowed))})")
        return Role(name)

    def _item(
        self, raw: dict[str, Any], parent_path: str, inherited_significance: bool, inherited_optional: bool = False
    ) -> Item:
        key = raw.get("key", "")
        path = f"{parent_path}.{key}"
        if not _KEY.match(key):
            raise self.fail(parent_path, f"invalid item key '{key}'")
        if not raw.get("label"):
            raise self.fail(path, "label is required")
        try:
            item_type = ItemType(str(raw.get("type")))
        except ValueError:
            raise self.fail(path, f"unknown type '{raw.get('type')}'") from None
        significant = bool(raw.get("significant", inherited_significance))
        kwargs: dict[str, Any] = {}
        if item_type is ItemType.SINGLE_CHOICE:
            ref = raw.get("choices")
            if ref not in self.choice_lists:
                raise self.fail(path, f"choice list '{ref}' is not defined")
            kwargs["choices"] = self.choice_lists[ref]
        if item_type is ItemType.MULTI_CHECK:
            ref = raw.get("check_list")
            if ref not in self.check_lists:
                raise self.fail(path, f"check list '{ref}' is not defined")
            kwargs["check_list"] = self.check_lists[ref]
        if item_type is ItemType.CONSTANT:
            if not raw.get("value"):
                raise self.fail(path, "a constant needs a value")
            kwargs["value"] = raw["value"]
        if item_type is ItemType.REPEAT:
            minimum, maximum = raw.get("min", 0), raw.get("max")
            if not isinstance(maximum, int) or not 0 < maximum <= MAX_REPEAT or not 0 <= minimum <= maximum:
                raise self.fail(path, f"repeat limits must satisfy 0 <= min <= max <= {MAX_REPEAT}")
            entry_label = raw.get("entry_label") or ""
            if "{n}" not in entry_label:
                raise self.fail(path, "entry_label must contain {n}")
            kwargs.update(
                min=minimum,
                max=maximum,
                entry_label=entry_label,
                display_groups=tuple(raw.get("display_groups") or ()),
            )
        kwargs["counts"] = self._counts(raw, path, item_type, kwargs.get("check_list"))
        children: tuple[Item, ...] = ()
        if item_type in (ItemType.GROUP, ItemType.REPEAT):
            optional = bool(raw.get("optional")) or inherited_optional
            children = tuple(self._item(c, path, significant, optional) for c in raw.get("items") or ())
            if not children:
                raise self.fail(path, "a group needs items")
            self._check_required_when(children)
            self._unique([c.key for c in children], path)
            self._check_count_targets(children, path)
            if item_type is ItemType.REPEAT or parse_number(raw["label"]):
                # An unnumbered group's children continue its parent's numbering (再委託 ④⑤⑥).
                self._check_numbering(children, path, parent_label=raw["label"])
        elif raw.get("items"):
            raise self.fail(path, f"a {item_type} item cannot contain items")
        if raw.get("source") and item_type not in (ItemType.GROUP, ItemType.REPEAT):
            raise self.fail(path, "only a group or a repeat group can be linked to the registry")
        kwargs["source"] = self._source(raw, path, children)
        return Item(
            key=key,
            label=raw["label"],
            type=item_type,
            path=path,
            number=parse_number(raw["label"]),
            significant=significant,
            parent_label=raw.get("parent_label"),
            optional=bool(raw.get("optional")) or inherited_optional,
            required_when=self._required_when(raw, path),
            in_path=bool(raw.get("in_path", True)),
            side_label=bool(raw.get("side_label", True)),
            min_days=self._min_days(raw, path),
            in_annex=bool(raw.get("in_annex", True)),
            note=raw.get("note"),
            items=children,
            role=self._role(raw, path, ITEM_ROLES),
            evidence=self._evidence(raw, path),
            claim=self._claim(raw, path, item_type),
            **kwargs,
        )

    def _required_when(self, raw: dict[str, Any], path: str) -> tuple[str, str] | None:
        spec = raw.get("required_when")
        if spec is None:
            return None
        if not isinstance(spec, dict) or set(spec) != {"item", "choice"}:
            raise self.fail(path, "required_when needs 'item' (a sibling's key) and 'choice'")
        return str(spec["item"]), str(spec["choice"])

    def _check_required_when(self, siblings: tuple[Item, ...]) -> None:
        """A condition names a sibling single choice and one of its choices."""
        by_key = {item.key: item for item in siblings}
        for item in siblings:
            if item.required_when is None:
                continue
            key, choice = item.required_when
            other = by_key.get(key)
            if other is None or other.choices is None or choice not in other.choices.choices:
                raise self.fail(item.path, f"required_when names no choice '{choice}' of a sibling '{key}'")

    def _evidence(self, raw: dict[str, Any], path: str) -> tuple[str, ...]:
        # Importing the catalogue registers every check, and the log checks are heavy: here, not at start.
        from controls.checks import CATALOGUE

        keys = tuple(str(key) for key in raw.get("evidence") or ())
        unknown = [key for key in keys if key not in CATALOGUE]
        if unknown:
            raise self.fail(path, f"no evidence check is called {', '.join(unknown)}")
        return keys

    def _claim(self, raw: dict[str, Any], path: str, item_type: ItemType) -> str | None:
        name = raw.get("claim")
        if name is None:
            return None
        from controls.checks.base import CLAIMS

        if CLAIMS.get(name) != str(item_type):
            raise self.fail(path, f"claim '{name}' is not a claim of a {item_type} item (known: {sorted(CLAIMS)})")
        return str(name)

    def _source(self, raw: dict[str, Any], path: str, children: tuple[Item, ...]) -> Source | None:
        spec = raw.get("source")
        if not spec:
            return None
        model, fields = spec.get("model"), spec.get("fields") or {}
        if not model or not _KEY.match(str(model)) or not fields:
            raise self.fail(path, "a source needs a model name and the items it fills")
        for relative in fields:
            item = _find(children, str(relative).split("."))
            if item is None or item.is_container:
                raise self.fail(path, f"source field '{relative}' is not an item of this group")
        return Source(model=model, fields=tuple((str(k), str(v)) for k, v in fields.items()))

    def _counts(
        self, raw: dict[str, Any], path: str, item_type: ItemType, check_list: CheckList | None
    ) -> tuple[tuple[str | None, str], ...]:
        spec = raw.get("counts")
        if spec is None:
            return ()
        if item_type is ItemType.INTEGER and isinstance(spec, str):
            return ((None, spec),)
        if item_type is ItemType.MULTI_CHECK and isinstance(spec, dict) and check_list:
            counted = {i.key for i in check_list.items if i.with_count}
            for check_key in spec:
                if check_key not in counted:
                    raise self.fail(path, f"counts names '{check_key}', which has no count in its check list")
            return tuple((k, v) for k, v in spec.items())
        raise self.fail(path, "counts must name a sibling repeat group (integer) or map counted check items to them")

    def _check_count_targets(self, siblings: tuple[Item, ...], where: str) -> None:
        repeats = {s.key for s in siblings if s.type is ItemType.REPEAT}
        for sibling in siblings:
            for _check_key, target in sibling.counts:
                if target not in repeats:
                    raise self.fail(where, f"'{sibling.key}' counts '{target}', which is not a sibling repeat group")

    def _check_numbering(self, items: tuple[Item, ...], where: str, parent_label: str | None = None) -> None:
        """Numbered siblings (through unnumbered groups) must run 1, 2, 3… per style."""
        expected: dict[str, int] = {}
        for item in _numbering_scope(items, parent_label):
            style, value = _number_style_and_value(item.number)
            want = expected.get(style, 1)
            if value != want:
                raise self.fail(where, f"item '{item.label}' is numbered {item.number}, expected number {want}")
            expected[style] = want + 1


def _find(items: tuple[Item, ...], keys: list[str]) -> Item | None:
    for item in items:
        if item.key == keys[0]:
            return item if len(keys) == 1 else _find(item.items, keys[1:])
    return None


def _numbering_scope(items: tuple[Item, ...], parent_label: str | None) -> list[Item]:
    """Numbered items at one printed level: unnumbered groups do not start a new level."""
    found: list[Item] = []
    for item in items:
        if item.label == parent_label:
            continue  # a group whose first row repeats its own heading (⑤使用方法)
        if item.number:
            found.append(item)
        elif item.type is ItemType.GROUP:
            found.extend(_numbering_scope(item.items, item.label))
    return found


# What an edition that ``extends`` another may state: its identity. Its sections are the other's.
EDITION_KEYS = frozenset(
    {"id", "extends", "edition", "yoshiki", "form_label", "in_force_from", "note", "omit_sections"}
)


def _read_raw(path: Path) -> dict[str, Any]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except OSError as exc:
        raise DefinitionError(f"{path.name}: cannot be read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise DefinitionError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise DefinitionError(f"{path.name}: a definition must be a mapping")
    return raw


def _with_base(raw: dict[str, Any], path: Path, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    """An edition that ``extends`` another: the other's form with this edition's identity."""
    base_id = raw.get("extends")
    if base_id is None:
        return raw
    extra = sorted(set(raw) - EDITION_KEYS)
    if extra:
        raise DefinitionError(f"{path.name}: an edition that extends another states only its identity, not {extra}")
    if base_id in seen or base_id == raw.get("id"):
        raise DefinitionError(f"{path.name}: 'extends' goes round in a circle ({base_id})")
    base_path = path.parent / f"{base_id}.yaml"
    if not _KEY_ID.match(str(base_id)) or not base_path.exists():
        raise DefinitionError(f"{path.name}: extends unknown definition '{base_id}'")
    base = _with_base(_read_raw(base_path), base_path, (*seen, str(raw.get("id"))))
    identity = {key: base[key] for key in base if key not in ("in_force_from", "note", "extends")}
    edition = {key: value for key, value in raw.items() if key != "omit_sections"}
    return _without_sections({**identity, **edition}, raw.get("omit_sections"), path)


def _without_sections(raw: dict[str, Any], omitted: Any, path: Path) -> dict[str, Any]:
    """An older edition that lacks sections a newer one added (``omit_sections: [taisaku]``)."""
    if omitted is None:
        return raw
    sections = raw.get("sections") or []
    known = {section.get("key") for section in sections if isinstance(section, dict)}
    if not isinstance(omitted, list) or not omitted or not all(isinstance(key, str) for key in omitted):
        raise DefinitionError(f"{path.name}: 'omit_sections' must be a list of section keys")
    unknown = sorted(set(omitted) - known)
    if unknown:
        raise DefinitionError(f"{path.name}: 'omit_sections' names unknown sections {unknown}")
    labels = {section.get("label") for section in sections if section.get("key") in omitted}
    return {
        **raw,
        "sections": [section for section in sections if section.get("key") not in omitted],
        "table_of_contents": [line for line in raw.get("table_of_contents") or () if line not in labels],
    }


def load_definition_file(path: Path) -> FormDefinition:
    return _Loader(_with_base(_read_raw(path), path), path.name).load()


def load_definition_data(raw: dict[str, Any], origin: str = "<data>") -> FormDefinition:
    return _Loader(raw, origin).load()


@cache
def _load_cached(path: Path) -> FormDefinition:
    """One file's definition, loaded once (shared by ``get_definition`` and ``all_definitions``)."""
    return load_definition_file(path)


def _own_file(definition_id: str) -> Path | None:
    """Where a definition is kept by convention (``<id>.yaml``, as ``extends`` finds it), if there."""
    if not isinstance(definition_id, str) or not _KEY_ID.fullmatch(definition_id):
        return None  # never a path from an arbitrary string
    path = definitions_dir() / f"{definition_id}.yaml"
    return path if path.is_file() else None


@cache
def all_definitions() -> dict[str, FormDefinition]:
    definitions = {}
    for path in sorted(definitions_dir().glob("*.yaml")):
        definition = _load_cached(path)
        if definition.id in definitions:
            raise DefinitionError(f"{path.name}: duplicate definition id '{definition.id}'")
        definitions[definition.id] = definition
    return definitions


def get_definition(definition_id: str) -> FormDefinition:
    """The definition *definition_id*, loaded on first use: its own file only, when named after it."""
    return _definition_by_id(definition_id)


@cache
def _definition_by_id(definition_id: str) -> FormDefinition:
    path = _own_file(definition_id)
    if path is not None:
        definition = _load_cached(path)
        if definition.id == definition_id:
            return definition
    try:
        return all_definitions()[definition_id]
    except KeyError:
        raise DefinitionError(f"unknown form definition '{definition_id}'") from None


def definitions_loaded() -> bool:
    """Whether any definition has been loaded in this process (start-up loads none)."""
    return _load_cached.cache_info().currsize > 0


def section_outline(definition_id: str) -> tuple[tuple[str, str], ...]:
    """The key and label of each editable section of a definition, read without loading it.

    A page class declares one field per section when its module is imported; the definition
    itself (items, lists, rules, its evidence checks) is loaded and checked on first use. The
    file is only parsed into YAML nodes here, which is several times cheaper than loading it.
    """
    path = _own_file(definition_id)
    if path is None:
        raise DefinitionError(f"unknown form definition '{definition_id}' (no {definition_id}.yaml)")
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DefinitionError(f"{path.name}: cannot be read as YAML: {exc}") from exc
    top = _node_mapping(root)
    sections = top.get("sections") if top is not None else None
    entries = [_node_mapping(node) for node in sections.value] if isinstance(sections, yaml.SequenceNode) else []
    if top is None or "extends" in top or not entries or any(entry is None for entry in entries):
        # An edition of another form, or a shape this reader does not follow: load the YAML.
        raw_sections = _with_base(_read_raw(path), path).get("sections") or []
    else:
        # Only the few values read here are built from their nodes, as the loader would build them.
        build = yaml.constructor.SafeConstructor().construct_object
        raw_sections = [
            {key: build(entry[key], deep=True) for key in ("key", "label", "annex") if key in entry}
            for entry in entries
            if entry is not None
        ]
    return tuple((str(s.get("key", "")), str(s.get("label", ""))) for s in raw_sections if not s.get("annex"))


def _node_mapping(node: Any) -> dict[str, Any] | None:
    """A YAML mapping node's values by their plain keys (None for anything else, or a merge ``<<``)."""
    if not isinstance(node, yaml.MappingNode):
        return None
    found = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    return None if "<<" in found else found
