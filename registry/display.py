"""Registry values as a person reads them in the admin: はい/いいえ, labels of choices, names of records.

The listings and the inspect views would otherwise show Python's words for stored values:
True/False, None, a list of choice codes or ``[{'title': …}]``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from wagtail.admin.ui.tables import Column

from registry.enums import ContractClause, Network, TransferMethod
from registry.jp.wareki import format_date

YES, NO = "はい", "いいえ"
EMPTY = "－"

# JSON fields holding lists of choice keys, by model and field name.
CHOICE_LISTS: dict[tuple[str, str], type[models.TextChoices]] = {
    ("system", "networks"): Network,
    ("delegationcontract", "clauses"): ContractClause,
    ("destination", "methods"): TransferMethod,
}
# JSON fields holding lists of System primary keys.
SYSTEM_LISTS = {("system", "connected_systems"), ("personalinformationfile", "systems")}


class BooleanTextColumn(Column):
    """A yes/no field in a listing, in words (はい/いいえ, or the given pair)."""

    def __init__(self, name: str, *, true_text: str = YES, false_text: str = NO, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.true_text = true_text
        self.false_text = false_text

    @classmethod
    def for_field(cls, model: type[models.Model], name: str, **kwargs: Any) -> BooleanTextColumn:
        """The column of *model*'s field *name*, titled and sorted as Wagtail titles and sorts a field."""
        label = str(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
        return cls(name, label=label, sort_key=name, **kwargs)

    def get_value(self, instance: models.Model) -> str:
        value = super().get_value(instance)
        if value is None:
            return EMPTY
        return self.true_text if value else self.false_text


def display_value(instance: models.Model, field_name: str, value: Any) -> Any:
    """*value* of *field_name* of *instance* as the inspect view shows it."""
    key = (instance._meta.model_name or "", field_name)
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, dt.datetime):
        from registry.templatetags.pia_registry_tags import wareki_datetime

        return wareki_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if key in CHOICE_LISTS:
        labels = dict(CHOICE_LISTS[key].choices)
        return _lines(labels.get(item, str(item)) for item in value)
    if key in SYSTEM_LISTS:
        from registry.models import System

        names = dict(System.objects.filter(pk__in=value).values_list("pk", "name"))
        return _lines(names.get(pk, f"（削除されたシステム {pk}）") for pk in value)
    if field_name == "functions":
        return _lines(
            f"{item.get('title', '')}：{item.get('description', '')}" if item.get("description") else item.get("title")
            for item in value
        )
    if field_name == "record_items":
        return "、".join(item.get("name", "") + ("（※）" if item.get("conditional") else "") for item in value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _lines(texts: Any) -> SafeString:
    items = format_html_join("", "<li>{}</li>", ((text,) for text in texts))
    return format_html('<ul class="w-list-disc w-pl-5 w-m-0">{}</ul>', items)
