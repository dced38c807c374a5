"""Nagaoka's 基礎項目評価書 for the affair of its 重点, reconstructed from what the 重点 and the registry state.

The seed holds only Nagaoka's 重点項目評価書. Every affair with a 重点 also has its 基礎 (様式２),
which states the しきい値判断; the demo builds it from the data file
``demo/data/nagaoka-covid19-vaccination-kiso.yaml``: values copied from the 重点 (by key path),
the departments linked to the registry, and the few statements the 重点 does not make.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from wagtail.models import Revision

from demo.seed import values_from_seed
from pia.formdef.links import link_container
from pia.formdef.schema import FormDefinition
from pia.formdef.values import Values, empty_values
from pia.models import AssessmentPage, JutenAssessmentPage, KisoAssessmentPage, OrganizationPage, Publication
from pia.services.publishing import record_past_publication
from registry.models import Department, Organization

NAGAOKA_KISO = Path(__file__).resolve().parent / "data" / "nagaoka-covid19-vaccination-kiso.yaml"


def published_at(day: dt.date) -> dt.datetime:
    """9:00 Japan time of the 公表日: bodies publish in office hours."""
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=ZoneInfo("Asia/Tokyo"))


def _keys(path: str) -> list[str | int]:
    return [int(key) if key.isdigit() else key for key in path.split(".")]


def value_at(values: Any, path: str) -> Any:
    """The value at a dotted key path (digits index a repeat; ``*`` takes every entry, as a list)."""
    keys = _keys(path)
    for position, key in enumerate(keys):
        if key == "*":
            rest = ".".join(str(k) for k in keys[position + 1 :])
            return [value_at(entry, rest) if rest else entry for entry in values]
        values = values[key]
    return values


def set_value(values: Values, path: str, value: Any) -> None:
    *parents, leaf = _keys(path)
    container: Any = values
    for key in parents:
        container = container[key]
    if leaf not in container:
        raise KeyError(f"{path}: no such item in the form")
    container[leaf] = value


def merge(values: Any, own: Any, where: str = "") -> None:
    """Write the nested *own* statements into *values*, refusing a key the form does not have."""
    for key, value in own.items():
        if key not in values:
            raise KeyError(f"{where}{key}: no such item in the form")
        if isinstance(value, dict) and isinstance(values[key], dict):
            merge(values[key], value, f"{where}{key}.")
        else:
            values[key] = copy.deepcopy(value)


def kiso_values(definition: FormDefinition, juten: Values, spec: dict[str, Any], departments: dict[str, Any]) -> Values:
    """The 基礎's values: what the 重点 states (*juten*), the departments linked, then its own statements."""
    values = empty_values(definition)
    for target, source in spec["from_juten"].items():
        set_value(values, target, copy.deepcopy(value_at(juten, source)))
    for target, source in spec["joined"].items():
        found = value_at(juten, source)
        set_value(values, target, "\n".join(found) if isinstance(found, list) else found)
    for target, name in spec["departments"].items():
        link_container(value_at(values, target), definition.item(target).source, departments[name].pk)
    merge(values, spec["own"])
    return values


def read_spec(path: Path = NAGAOKA_KISO) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def publish_once(page: AssessmentPage, *, officer: Any, approver: Any, kohyo_bi: dt.date) -> Publication:
    """Record the page's current values as its first publication, made on *kohyo_bi*, and make it live."""
    revision = page.save_revision(user=officer, log_action=True)
    Revision.objects.filter(pk=revision.pk).update(created_at=published_at(kohyo_bi) - dt.timedelta(days=1))
    publication = record_past_publication(
        page,
        revision,
        kohyo_bi=kohyo_bi,
        approved_by=approver,
        published_at=published_at(kohyo_bi),
        # A first publication has no change annex: nothing to decide.
        annex=lambda proposals: (list(proposals), list(proposals)),
    )
    revision.publish(user=approver)
    return publication


def nagaoka_kiso(
    organization: Organization, juten_page: JutenAssessmentPage, seed: dict[str, Any], users: dict[str, Any]
) -> KisoAssessmentPage | None:
    """Nagaoka's 基礎 under its page, published on its 重点's latest 公表日; None when it exists already."""
    spec = read_spec()
    org_page = OrganizationPage.objects.get(organization=organization)
    if KisoAssessmentPage.objects.child_of(org_page).filter(slug=spec["slug"]).exists():
        return None
    latest = Publication.objects.filter(page=juten_page).order_by("-version").first()
    if latest is None:
        raise ValueError("the 基礎 is published with its 重点's latest 公表日: publish the 重点 first")
    juten = values_from_seed(juten_page.definition, seed)
    departments = {d.name: d for d in Department.objects.filter(organization=organization)}
    page = KisoAssessmentPage(title=spec["title"], slug=spec["slug"], affair=juten_page.affair)
    page.definition_id = KisoAssessmentPage.FORM_DEFINITION_ID
    values = kiso_values(page.definition, juten, spec, departments)
    values["cover"]["hyokasho_mei"] = spec["title"]
    values["cover"]["kohyo_bi"] = latest.kohyo_bi.isoformat()
    page.set_values(values)
    org_page.add_child(instance=page)
    publish_once(page, officer=users["nagaoka-officer"], approver=users["nagaoka-approver"], kohyo_bi=latest.kohyo_bi)
    return page
