"""Drift: printed items of a published assessment whose text the registry has changed since."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from pia.formdef.document import iter_nodes
from pia.formdef.links import ADAPTERS, printed
from registry.history import RecordChange, changes


@dataclass(frozen=True)
class DriftItem:
    path: str
    printed_path: str
    significant: bool
    published_text: str
    current_text: str
    source: dict[str, Any]
    registry_changes: list[RecordChange] = field(default_factory=list)


def _linked_leaves(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["path"]: node for node in iter_nodes(document) if node.get("linked")}


def _registry_changes(source: dict[str, Any], since: dt.datetime, until: dt.datetime) -> list[RecordChange]:
    model, _adapter = ADAPTERS[source["model"]]
    found = changes(model, source["id"], after=since, until=until)
    current = printed(source["model"], source["id"], None)
    for related_model, pk in current.related if current else []:
        found.extend(changes(related_model, pk, after=since, until=until))
    return sorted(found, key=lambda change: change.when)


def published_moment(page) -> dt.datetime | None:
    return page.last_published_at


def drift(page, *, now: dt.datetime | None = None) -> list[DriftItem]:
    """Items of the live version that would print differently if it were republished now."""
    if not page.live or page.live_revision is None:
        return []
    published_at = published_moment(page)
    if published_at is None:
        return []
    now = now or timezone.now()
    live = page.live_revision.as_object()
    publication = page.latest_publication()
    published = publication.document if publication else live.resolved_document(as_of=published_at)
    before = _linked_leaves(published)
    after = _linked_leaves(live.resolved_document(as_of=now))
    items = []
    for path, node in after.items():
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
    return items
