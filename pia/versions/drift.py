"""Drift: printed items of a published assessment whose text the registry has changed since.

Computing it resolves documents (the live version now and as published) and reads the registry's
history, so the admin never computes it on a page load: :func:`refresh_drift` stores the result as
a :class:`~pia.models.DriftSnapshot` (``pia.versions.tasks`` runs it when a registry record the
assessment prints changes, when a draft is saved and when a publication is recorded), and
:func:`stored_drift` reads the stored rows, computing only those never stored yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from pia.formdef.document import iter_nodes
from pia.formdef.links import ADAPTERS, printed
from pia.models import DriftSnapshot
from pia.models.lookup import assessment_pages
from registry.history import FieldChange, RecordChange, changes

if TYPE_CHECKING:
    from pia.formdef.types import ItemNode, ResolvedDocument, SourceRef
    from pia.models import AssessmentPage


@dataclass(frozen=True)
class DriftItem:
    path: str
    printed_path: str
    significant: bool
    published_text: str
    current_text: str
    source: SourceRef  # the registry record the item prints (its node's ``linked``)
    registry_changes: list[RecordChange] = field(default_factory=list)


@dataclass(frozen=True)
class StoredDrift:
    """The drift of one assessment as stored, and when it was computed."""

    items: list[DriftItem]
    computed_at: dt.datetime


def _linked_leaves(document: ResolvedDocument) -> dict[str, ItemNode]:
    return {node["path"]: node for node in iter_nodes(document) if node.get("linked")}


def _registry_changes(source: SourceRef, since: dt.datetime, until: dt.datetime) -> list[RecordChange]:
    model, _adapter = ADAPTERS[source["model"]]
    found = changes(model, source["id"], after=since, until=until)
    current = printed(source["model"], source["id"], None)
    for related_model, pk in current.related if current else []:
        found.extend(changes(related_model, pk, after=since, until=until))
    return sorted(found, key=lambda change: change.when)


def published_moment(page: AssessmentPage) -> dt.datetime | None:
    return page.last_published_at


def _compare(page: AssessmentPage, now: dt.datetime) -> tuple[list[DriftItem], ResolvedDocument | None]:
    """The drift of *page* at *now*, and the live version's document as it would print now (None: not live)."""
    if not page.live or page.live_revision is None:
        return [], None
    published_at = published_moment(page)
    if published_at is None:
        return [], None
    live = page.live_revision.as_object()
    publication = page.latest_publication()
    published = publication.document if publication else live.resolved_document(as_of=published_at)
    current = live.resolved_document(as_of=now)
    before = _linked_leaves(published)
    items = []
    for path, node in _linked_leaves(current).items():
        old = before.get(path)
        old_text = old["text"] if old else ""
        if old_text == node["text"]:
            continue
        items.append(
            DriftItem(
                path=path,
                printed_path=node["printed_path"],
                significant=node["significant"],
                published_text=old_text,
                current_text=node["text"],
                source=node["linked"],
                registry_changes=_registry_changes(node["linked"], published_at, now),
            )
        )
    return items, current


def drift(page: AssessmentPage, *, now: dt.datetime | None = None) -> list[DriftItem]:
    """Items of the live version that would print differently if it were republished now."""
    items, _current = _compare(page, now or timezone.now())
    return items


# What a stored snapshot depends on: registry records named "app_label.model:pk".


def record_key(model: type[models.Model], pk: int) -> str:
    return f"{model._meta.label_lower}:{pk}"


def printed_records(document: ResolvedDocument) -> list[str]:
    """The registry records *document* prints: those its items link to and those their text reads."""
    linked = sorted({(node["linked"]["model"], node["linked"]["id"]) for node in _linked_leaves(document).values()})
    keys = set()
    for model_name, pk in linked:
        model, _adapter = ADAPTERS[model_name]
        keys.add(record_key(model, pk))
        current = printed(model_name, pk, None)
        for related_model, related_pk in current.related if current else []:
            keys.add(record_key(related_model, related_pk))
    return sorted(keys)


# Stored drift: JSON in and out.


class FieldChangeJson(TypedDict):
    field: str
    label: str
    old: Any  # a history value as JSON holds it (dates as text)
    new: Any


class RecordChangeJson(TypedDict):
    model_label: str
    object_label: str
    when: str  # ISO 8601
    who: str
    kind: str
    reason: str
    fields: list[FieldChangeJson]


class DriftItemJson(TypedDict):
    """A :class:`DriftItem` as ``DriftSnapshot.items`` stores it."""

    path: str
    printed_path: str
    significant: bool
    published_text: str
    current_text: str
    source: SourceRef
    registry_changes: list[RecordChangeJson]


def _json_value(value: Any) -> Any:
    """A history value as JSON can hold it (dates and other values as text)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _change_json(change: RecordChange) -> RecordChangeJson:
    return {
        "model_label": change.model_label,
        "object_label": change.object_label,
        "when": change.when.isoformat(),
        "who": change.who,
        "kind": change.kind,
        "reason": change.reason,
        "fields": [
            {"field": f.field, "label": f.label, "old": _json_value(f.old), "new": _json_value(f.new)}
            for f in change.fields
        ],
    }


def item_json(item: DriftItem) -> DriftItemJson:
    return {
        "path": item.path,
        "printed_path": item.printed_path,
        "significant": item.significant,
        "published_text": item.published_text,
        "current_text": item.current_text,
        "source": item.source.copy(),
        "registry_changes": [_change_json(change) for change in item.registry_changes],
    }


def _when(text: str) -> dt.datetime:
    moment = parse_datetime(text)
    if moment is None:
        raise ValueError(f"not a date-time: {text!r}")
    return moment


def item_from_json(data: DriftItemJson) -> DriftItem:
    return DriftItem(
        path=data["path"],
        printed_path=data["printed_path"],
        significant=data["significant"],
        published_text=data["published_text"],
        current_text=data["current_text"],
        source=data["source"],
        registry_changes=[
            RecordChange(
                model_label=change["model_label"],
                object_label=change["object_label"],
                when=_when(change["when"]),
                who=change["who"],
                kind=change["kind"],
                reason=change["reason"],
                fields=tuple(FieldChange(f["field"], f["label"], f["old"], f["new"]) for f in change["fields"]),
            )
            for change in data["registry_changes"]
        ],
    )


def _stored(snapshot: DriftSnapshot) -> StoredDrift:
    return StoredDrift(items=[item_from_json(item) for item in snapshot.items], computed_at=snapshot.computed_at)


def refresh_drift(page: AssessmentPage, *, now: dt.datetime | None = None) -> StoredDrift:
    """Compute the drift of assessment *page* and store it (replacing what was stored)."""
    now = now or timezone.now()
    items, current = _compare(page, now)
    snapshot, _created = DriftSnapshot.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "computed_at": now,
            "items": [item_json(item) for item in items],
            "sources": printed_records(current) if current is not None else [],
        },
    )
    return _stored(snapshot)


def stored_drift(pages: Sequence[AssessmentPage]) -> dict[int, StoredDrift]:
    """The stored drift of each page (one query); a page never computed is computed once and stored."""
    snapshots = DriftSnapshot.objects.filter(page_id__in=[page.pk for page in pages])
    found = {snapshot.page_id: _stored(snapshot) for snapshot in snapshots}
    for page in pages:
        if page.pk not in found:
            found[page.pk] = refresh_drift(page)
    return found


def pages_printing(records: Iterable[str]) -> list[int]:
    """The pages whose stored drift depends on any of *records* ("app_label.model:pk")."""
    wanted = set(records)
    return sorted(
        page_id
        for page_id, sources in DriftSnapshot.objects.values_list("page_id", "sources").iterator()
        if wanted.intersection(sources or [])
    )


def assessments(page_ids: Iterable[int]) -> Iterator[AssessmentPage]:
    """The assessment pages with these ids, as their specific classes (pages since deleted are skipped)."""
    yield from assessment_pages().filter(pk__in=list(page_ids)).specific().iterator()
