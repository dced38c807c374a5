"""Wagtail StreamField blocks generated from a form definition (the editor walker).

Each section becomes one StreamField. Nesting follows the form: groups are
StructBlocks, repeat groups are ListBlocks with the form's limits, a check list
is a StructBlock of check boxes with their （　） text and （　）件 count.
"""

from __future__ import annotations

import unicodedata
from functools import partial
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from pia.formdef.fields import DefinitionStreamField
from pia.formdef.loader import get_definition, section_outline
from pia.formdef.schema import CheckList, Item, ItemType, Section, Source
from registry.jp.mynumber import MY_NUMBER_MESSAGE, contains_my_number
from registry.text import normalize_newlines

TEXT_SUFFIX = "_text"
COUNT_SUFFIX = "_count"
REF_KEY = "ref"

# Registry models an assessment can link to, by the name the definitions use.
LINK_TARGETS = {
    "system": ("registry.System", "台帳のシステム"),
    "file": ("registry.PersonalInformationFile", "台帳の個人情報ファイル"),
    "contract": ("registry.DelegationContract", "台帳の委託契約"),
    "destination": ("registry.Destination", "台帳の提供先・移転先"),
    "department": ("registry.Department", "台帳の部署"),
}


# The editor numbers the blocks with this class as the form prints its entries (pia/static/pia/editor_navigation.js).
ENTRY_CLASS = "struct-block pia-entry"  # keeps StructBlock's own class


def ref_block(source: Source) -> SnippetChooserBlock:
    target, label = LINK_TARGETS[source.model]
    return SnippetChooserBlock(
        target,
        required=False,
        label=label,
        help_text=(
            "選ぶと、この欄の項目は台帳の記録から印字されます。選択・数値・日付の項目には入力できません。"
            "文章の項目への記入は台帳の記載に続けて印字されます。"
        ),
    )


CONTROL_CHARACTER_MESSAGE = (
    "制御文字（改行とタブのほかの見えない文字）は使えません。貼り付け元の文字を確認してください。"
)


def has_control_character(value: str | None) -> bool:
    """Characters that no printed form, Excel cell or XML document can hold (tab and newline are fine)."""
    return bool(value) and any(
        unicodedata.category(char) == "Cc" and char not in "\n\t"
        for char in value  # type: ignore[union-attr]
    )


def _guard_text(value: str | None, label: str) -> None:
    if contains_my_number(value):
        # Never echo the value: the message names the item only.
        raise ValidationError(f"「{label}」：{MY_NUMBER_MESSAGE}")
    if has_control_character(value):
        raise ValidationError(f"「{label}」：{CONTROL_CHARACTER_MESSAGE}")


def _entered_text(value: Any) -> Any:
    """What the editor posted, its line breaks as stored (registry.text): CRLF and a lone CR become LF.

    Done before the field's own cleaning, so that its length limit counts what is stored; the
    field then strips the ends (``strip=True``), which completes ``registry.text.clean_text``.
    """
    return normalize_newlines(value) if isinstance(value, str) else value


class GuardedCharBlock(blocks.CharBlock):
    """A single-line text item that refuses a 個人番号 and control characters."""

    def clean(self, value: Any) -> str:
        value = super().clean(_entered_text(value))
        _guard_text(value, str(self.label))
        return value


class GuardedTextBlock(blocks.TextBlock):
    """A multi-line text item that refuses a 個人番号 and control characters."""

    def clean(self, value: Any) -> str:
        # Browsers post CRLF; the form's texts use LF, so that an unchanged save compares equal.
        value = super().clean(_entered_text(value))
        _guard_text(value, str(self.label))
        return value


class RadioChoiceBlock(blocks.ChoiceBlock):
    """A single choice shown as radio buttons with the form's exact labels."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(*args, **kwargs)


def editor_label(item: Item) -> str:
    return item.printed_label()


def check_list_block(check_list: CheckList, label: str) -> blocks.StructBlock:
    children: list[tuple[str, blocks.Block]] = []
    for group in check_list.groups:
        for check in group.items:
            shown = f"{group.label}　{check.label}" if group.label else check.label
            children.append((check.key, blocks.BooleanBlock(required=False, label=shown)))
            if check.with_text:
                children.append(
                    (check.key + TEXT_SUFFIX, GuardedCharBlock(required=False, label=f"{check.label}（　）の記載"))
                )
            if check.with_count:
                children.append(
                    (
                        check.key + COUNT_SUFFIX,
                        blocks.IntegerBlock(required=False, min_value=0, max_value=999, label=f"{check.label}（　）件"),
                    )
                )
    return blocks.StructBlock(children, label=label, form_classname="pia-checklist")


def item_block(item: Item) -> blocks.Block | None:
    label = editor_label(item)
    match item.type:
        case ItemType.TEXT:
            return GuardedCharBlock(required=False, label=label, max_length=1000)
        case ItemType.MULTILINE:
            return GuardedTextBlock(required=False, label=label)
        case ItemType.DATE:
            return blocks.DateBlock(required=False, label=label)
        case ItemType.SINGLE_CHOICE:
            choices = [("", "（未選択）"), *((c, c) for c in item.choice_list.choices)]
            return RadioChoiceBlock(choices=choices, required=False, label=label)
        case ItemType.MULTI_CHECK:
            return check_list_block(item.checks, label)
        case ItemType.CHECKBOX:
            return blocks.BooleanBlock(required=False, label=label)
        case ItemType.INTEGER:
            return blocks.IntegerBlock(required=False, min_value=0, max_value=999, label=label)
        case ItemType.GROUP:
            return blocks.StructBlock(children_blocks(item.items, item.source), label=label)
        case ItemType.REPEAT:
            entry_label = (item.entry_label or "").replace("{n}", "")
            entry = blocks.StructBlock(
                children_blocks(item.items, item.source), label=entry_label, form_classname=ENTRY_CLASS
            )
            return blocks.ListBlock(entry, min_num=item.min, max_num=item.max, label=label, collapsed=False)
        case ItemType.CONSTANT:
            return None
    raise ValueError(item.type)


def children_blocks(items: tuple[Item, ...], source: Source | None = None) -> list[tuple[str, blocks.Block]]:
    children: list[tuple[str, blocks.Block]] = [(REF_KEY, ref_block(source))] if source else []
    for item in items:
        block = item_block(item)
        if block is not None:
            children.append((item.key, block))
    return children


def section_block(section: Section) -> blocks.StructBlock:
    label = (section.entry_label or section.label).replace("{n}", "")
    # A repeating section's blocks are entries, numbered in the editor like a repeat group's.
    classname = ENTRY_CLASS if section.repeats else "struct-block"
    return blocks.StructBlock(children_blocks(section.items, section.source), label=label, form_classname=classname)


def section_stream_block(section: Section) -> blocks.StreamBlock:
    """A section's StreamField block: a single block, or one block per 特定個人情報ファイル."""
    count = {"min_num": section.min, "max_num": section.max}
    return blocks.StreamBlock([(section.key, section_block(section))], block_counts={section.key: count})


def section_stream_field(section: Section) -> DefinitionStreamField:
    """One StreamField per section, its blocks built on first use."""
    return DefinitionStreamField(
        build_blocks=lambda: section_stream_block(section), blank=True, verbose_name=section.label
    )


def section_field_name(section: Section) -> str:
    return field_name(section.key)


def field_name(section_key: str) -> str:
    return f"s_{section_key}"


def stream_fields(definition_id: str) -> dict[str, DefinitionStreamField]:
    """One field per editable section of a definition, declared from its outline.

    The blocks are built from the loaded definition when a field is first used, so declaring
    a page class at start-up neither loads the definition nor builds hundreds of blocks.
    """
    return {
        field_name(key): DefinitionStreamField(
            build_blocks=partial(_definition_section_block, definition_id, key), blank=True, verbose_name=label
        )
        for key, label in section_outline(definition_id)
    }


def _definition_section_block(definition_id: str, section_key: str) -> blocks.StreamBlock:
    return section_stream_block(get_definition(definition_id).section(section_key))


def editor_prefix(path: str) -> str:
    """The editor's form-field prefix of an item path (``files[1].itaku.jiko[2].naiyo``).

    Sections are StreamFields (``s_<key>-<n>-value``), repeat groups ListBlocks
    (``<key>-<n>-value``), groups StructBlocks (``<key>``); indices are 0-based there.
    """
    parts = path.split(".")
    head, _, index = parts[0].partition("[")
    section_index = int(index.rstrip("]")) - 1 if index else 0
    prefix = f"s_{head}-{section_index}-value"
    for part in parts[1:]:
        key, _, index = part.partition("[")
        prefix += f"-{key}"
        if index:
            prefix += f"-{int(index.rstrip(']')) - 1}-value"
    return prefix
