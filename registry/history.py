"""Point-in-time reads and field-by-field changes from django-simple-history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models


def as_of(model: type[models.Model], pk: int | None, moment: dt.datetime | None) -> Any:
    """The record as it stood at *moment* (now when None); None if it did not exist then."""
    if pk is None:
        return None
    if moment is None:
        return model._default_manager.filter(pk=pk).first()
    history = model.history  # type: ignore[attr-defined]
    record = history.filter(id=pk, history_date__lte=moment).order_by("-history_date", "-history_id").first()
    if record is None or record.history_type == "-":
        return None
    return record.instance


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordChange:
    model_label: str
    object_label: str
    when: dt.datetime
    who: str
    kind: str  # 作成 / 変更 / 削除
    reason: str
    fields: tuple[FieldChange, ...]


KIND = {"+": "作成", "~": "変更", "-": "削除"}


def _user_label(user) -> str:
    if user is None:
        return "（記録なし）"
    # Japanese order: family name first.
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


def changes(
    model: type[models.Model], pk: int, *, after: dt.datetime | None = None, until: dt.datetime | None = None
) -> list[RecordChange]:
    """Every recorded change of one record, oldest first, with the fields each change touched."""
    history = model.history.filter(id=pk)  # type: ignore[attr-defined]
    if after is not None:
        history = history.filter(history_date__gt=after)
    if until is not None:
        history = history.filter(history_date__lte=until)
    found = []
    for record in history.order_by("history_date", "history_id").select_related("history_user"):
        previous = record.prev_record
        fields: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous).changes:
                label = str(getattr(model._meta.get_field(change.field), "verbose_name", change.field))
                fields.append(FieldChange(change.field, label, change.old, change.new))
            if not fields:
                continue
        found.append(
            RecordChange(
                model_label=str(model._meta.verbose_name),
                object_label=str(record.instance),
                when=record.history_date,
                who=_user_label(record.history_user),
                kind=KIND.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                fields=tuple(fields),
            )
        )
    return found
