"""The fictitious 緑野市長's 全項目評価書 and its 基礎項目評価書 (住民基本台帳に関する事務), both published.

The values are in ``demo/data/midorino-juki.yaml``; the departments they print are registry records
(linked, as Nagaoka's are). The 全項目 records its public comment period (≥ 30 days) and its 第三者点検.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from demo.kiso import merge, publish_once, published_at, value_at
from pia.formdef.links import link_container
from pia.formdef.values import Values, empty_values
from pia.models import AssessmentPage, KisoAssessmentPage, OrganizationPage, ZenkomokuAssessmentPage
from registry.models import Department, Organization

MIDORINO_JUKI = Path(__file__).resolve().parent / "data" / "midorino-juki.yaml"


def _values(page: AssessmentPage, statements: dict[str, Any], links: dict[str, str], departments) -> Values:
    values = empty_values(page.definition)
    merge(values, statements)
    for target, name in links.items():
        link_container(value_at(values, target), page.definition.item(target).source, departments[name].pk)
    return values


def _departments(
    organization: Organization, specs: list[dict[str, Any]], recorded_at: dt.datetime, user: Any
) -> dict[str, Department]:
    """The departments the assessments print, recorded before their publication (which reads them as of then)."""
    found = {}
    for spec in specs:
        department = Department.objects.filter(organization=organization, name=spec["name"]).first()
        if department is None:
            department = Department(organization=organization, **spec)
            # simple-history's time and author of the record (attributes it reads when saving).
            vars(department).update(_history_date=recorded_at, _history_user=user)
            department.save()
        found[department.name] = department
    return found


def midorino_assessments(organization: Organization, users: dict[str, Any]) -> list[AssessmentPage]:
    """Its 基礎 and 全項目 for the affair, published on their 公表日; the ones it had already are skipped."""
    data = yaml.safe_load(MIDORINO_JUKI.read_text(encoding="utf-8"))
    org_page = OrganizationPage.objects.get(organization=organization)
    first_day = min(dt.date.fromisoformat(data[kind]["kohyo_bi"]) for kind in ("kiso", "zenkomoku"))
    departments = _departments(
        organization, data["departments"], published_at(first_day) - dt.timedelta(days=1), users["admin"]
    )
    # The body has no approver persona: the administrator approves (it administers every body).
    officer, approver = users["midorino-officer"], users["admin"]
    created = []
    for kind, page_class in (("kiso", KisoAssessmentPage), ("zenkomoku", ZenkomokuAssessmentPage)):
        spec = data[kind]
        if page_class.objects.child_of(org_page).filter(slug=spec["slug"]).exists():
            continue
        page = page_class(title=spec["title"], slug=spec["slug"], affair=data["affair"])
        page.definition_id = page_class.FORM_DEFINITION_ID
        page.set_values(_values(page, copy.deepcopy(spec["values"]), data["links"][kind], departments))
        org_page.add_child(instance=page)
        publish_once(page, officer=officer, approver=approver, kohyo_bi=dt.date.fromisoformat(spec["kohyo_bi"]))
        created.append(page)
    return created
