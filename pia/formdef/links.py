"""Registry records as the form prints them, as of a moment (the resolver of the resolved document)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

from registry.enums import Network, TransferMethod
from registry.history import as_of
from registry.jp.wareki import format_date
from registry.models import DelegationContract, Department, Destination, PersonalInformationFile, System

if TYPE_CHECKING:
    from pia.formdef.schema import Source
    from pia.formdef.values import Values


@dataclass(frozen=True)
class Printed:
    """What a registry record prints, and the other records its text depends on."""

    label: str
    values: dict[str, Any]
    related: list[tuple[type[models.Model], int]] = field(default_factory=list)
    # What the editor warns about the record as it stands now (never printed): an ended contract.
    warnings: list[str] = field(default_factory=list)


def _text(value: str | None) -> str | None:
    return value or None


def _checks(keys: list[str], choices: list[str], other: str) -> dict[str, Any]:
    states: dict[str, Any] = {key: {"checked": key in keys} for key in choices}
    states["sonota"] = {"checked": bool(other), "text": other or None}  # form key: the lists' その他 item
    return states


def _system(obj: System, moment: dt.datetime | None) -> Printed:
    connected = [(sid, as_of(System, sid, moment)) for sid in obj.connected_systems or []]
    others = [other.name for _sid, other in connected if other is not None]
    if obj.other_connections:
        others.append(obj.other_connections)
    return Printed(
        label=obj.name,
        values={
            "name": obj.name,
            "functions": _text(obj.functions_text()),
            "connections": _checks(obj.networks or [], list(Network.values), "、".join(others)),
        },
        related=[(System, sid) for sid, _other in connected],
    )


def _department_name(pk: int | None, moment: dt.datetime | None) -> str | None:
    department = as_of(Department, pk, moment)
    return department.name if department else None


def _file(obj: PersonalInformationFile, moment: dt.datetime | None) -> Printed:
    return Printed(
        label=obj.name,
        values={
            "name": obj.name,
            "file_type": _text(obj.file_type),
            "subject_band": _text(obj.subject_band),
            "subject_range": _text(obj.subject_range),
            "necessity": _text(obj.necessity),
            "retention_start": obj.retention_start.isoformat() if obj.retention_start else None,
            "department": _department_name(obj.department_id, moment),
            "user_band": _text(obj.user_band),
            "record_items": _text(obj.record_items_text()),
        },
        related=[(Department, obj.department_id)] if obj.department_id else [],
    )


def _contract(obj: DelegationContract, moment: dt.datetime | None) -> Printed:
    from registry.models import Contractor

    contractor = as_of(Contractor, obj.contractor_id, moment)
    ended = obj.period_end is not None and obj.period_end < timezone.localdate(moment)  # Japan's day
    return Printed(
        label=obj.title,
        values={
            "title": _text(obj.title),
            "content": _text(obj.content),
            "handler_band": _text(obj.printed_handler_band()),
            "contractor": contractor.name if contractor else None,
            "subcontracted": "再委託する" if obj.subcontracted else "再委託しない",
            "approval_method": _text(obj.approval_method),
            "subcontracted_matters": _text(obj.subcontracted_matters),
        },
        related=[(Contractor, obj.contractor_id)],
        warnings=[f"契約期間が{format_date(obj.period_end)}に終了しています。"] if ended and obj.period_end else [],
    )


def _destination(obj: Destination, moment: dt.datetime | None) -> Printed:
    return Printed(
        label=obj.name,
        values={
            "name": _text(obj.name),
            "legal_basis": _text(obj.legal_basis),
            "purpose": _text(obj.purpose),
            "information": _text(obj.information),
            "subject_band": _text(obj.subject_band),
            "subject_range": _text(obj.subject_range),
            "methods": _checks(obj.methods or [], list(TransferMethod.values), obj.other_method),
            "timing": _text(obj.timing),
        },
    )


def _department(obj: Department, moment: dt.datetime | None) -> Printed:
    return Printed(
        label=obj.name,
        values={"name": obj.name, "head_title": _text(obj.head_title), "contact": _text(obj.contact_text())},
    )


ADAPTERS: dict[str, tuple[type[models.Model], Callable[[Any, dt.datetime | None], Printed]]] = {
    "system": (System, _system),
    "file": (PersonalInformationFile, _file),
    "contract": (DelegationContract, _contract),
    "destination": (Destination, _destination),
    "department": (Department, _department),
}


def printed(model_name: str, pk: int, moment: dt.datetime | None) -> Printed | None:
    """The registry record *pk* of *model_name* as the form prints it at *moment* (None: now)."""
    model, adapter = ADAPTERS[model_name]
    obj = as_of(model, pk, moment)
    return adapter(obj, moment) if obj is not None else None


def resolve_link(model_name: str, pk: int, moment: dt.datetime | None) -> tuple[str, dict[str, Any]] | None:
    found = printed(model_name, pk, moment)
    return (found.label, found.values) if found else None


def link_container(values: Values, source: Source | None, pk: int) -> None:
    """Point a group or entry at registry record *pk* and empty the items the registry now prints.

    *source* is the container's (``Item.source``, ``Section.source``): only a linked container has one.
    """
    if source is None:  # the demo passes Item.source, typed optional; a container without a link has none
        raise TypeError("link_container: the container links to no registry record")
    values["_ref"] = pk
    for relative, _attribute in source.fields:
        *parents, leaf = relative.split(".")
        container = values
        for key in parents:
            container = container.setdefault(key, {})
        container[leaf] = None
