"""Bodies set up as the application sets them up, their people, and assessments built through the real paths.

* ``set_up_organization`` / ``member``: ``provision_organization`` and ``grant_role``, the services the
  admin and the demo use (organization page, role groups, page permissions, approval workflow).
* ``sample_values``: values for every item of a definition, starting from ``empty_values``; choices and
  checks answered, repeat groups filled (one entry per registry record they link to), count items
  agreeing with what they count, registry links pointing at a ``Registry`` (tests/factories/registry.py).
* ``create_assessment``: a page under the body's OrganizationPage, its values set with ``set_values``,
  saved as a revision and published N times with ``save_revision(...).publish(...)``, which records each
  ``Publication`` (and its proposed change annex) through the application's signal.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import factory
from django.contrib.auth import get_user_model

from pia.formdef.document import path_label
from pia.formdef.links import link_container
from pia.formdef.schema import FormDefinition, Item, ItemType, Role, Section
from pia.formdef.values import Values, empty_values
from pia.models import AssessmentPage, JutenAssessmentPage, OrganizationPage
from pia.services.organizations import OrganizationSetup, grant_role, provision_organization
from registry.enums import Role as MemberRole
from registry.models import Organization
from tests.factories.accounts import UserFactory
from tests.factories.registry import OrganizationFactory, Registry

# What the factory answers where a form offers a choice; otherwise the first choice is taken.
# Keyed by choice list: the answers an officer of a mid-sized city typically gives.
CHOSEN = {
    "taisho_ninzu_juten": "10万人以上30万人未満",
    "jubun_ka": "十分である",
    "jubun_ni_okonatte_iru": "十分に行っている",
    "saiitaku_tampo": "十分に行っている",
    "jisshi_umu": "実施する",
    "jutai_jiko": "発生なし",
    # 基礎: a mid-sized affair whose answers require the 基礎 only, and the result that says so.
    "taisho_ninzu_kiso": "1万人以上10万人未満",
    "toriatsukai_shasu_kiso": "500人未満",
    "shikiichi_kekka_kiso": "基礎項目評価の実施が義務付けられる",
}
# 公表日 of the factory's publications, oldest first (令和5年6月1日, 令和6年6月3日, 令和7年6月30日).
PUBLICATION_DATES = (dt.date(2023, 6, 1), dt.date(2024, 6, 3), dt.date(2025, 6, 30))
# What each later version changes: version 2 a ※ item (a 重要な変更, filed 事前), version 3 an item
# that is not (filed 事後), and so on in turn. Each replaces the item's last line with its own line:
# one item per version, so one 別添２ row per version, with deleted and inserted text.
VERSION_EDITS: tuple[tuple[str, Callable[[Values], Any]], ...] = (
    ("files[1].hokan.hokan_basho", lambda values: values["files"][0]["hokan"]),
    ("kihon.jimu.naiyo", lambda values: values["kihon"]["jimu"]),
)


def version_text(version: int) -> str:
    """The line version *version* writes in place of the last line of the item it changes."""
    return f"・第{version}版で改めた記載。"


def _container_at(keys: tuple[str, ...]) -> Callable[[Values], Any]:
    """How to reach the dict at *keys* in a form's values."""

    def container(values: Values) -> Any:
        for key in keys:
            values = values[key]
        return values

    return container


def _printed_once(items: Iterable[Item], keys: tuple[str, ...]) -> Iterable[tuple[Item, tuple[str, ...]]]:
    """Every item outside repeat groups, with the keys of the dict that holds its value."""
    for item in items:
        if item.type is ItemType.GROUP:
            yield from _printed_once(item.items, (*keys, item.key))
        elif item.type is not ItemType.REPEAT:
            yield item, keys


def version_edits(definition: FormDefinition | None = None) -> tuple[tuple[str, Callable[[Values], Any]], ...]:
    """What successive versions change: VERSION_EDITS for the 重点; for another form its first ※ multi-line
    item and its first multi-line item without ※, outside the cover and repeat groups."""
    if definition is None or definition.id == JutenAssessmentPage.FORM_DEFINITION_ID:
        return VERSION_EDITS
    found: dict[bool, tuple[str, Callable[[Values], Any]]] = {}
    for section in definition.editable_sections:
        if section.role is Role.COVER or section.repeats:
            continue
        for item, keys in _printed_once(section.items, (section.key,)):
            if item.type is ItemType.MULTILINE:
                found.setdefault(item.significant, (item.path, _container_at(keys)))
    return (found[True], found[False])


def edit_for_version(values: Values, version: int, definition: FormDefinition | None = None) -> str:
    """Apply version *version*'s change (see version_edits) to *values*; return the item path it changed."""
    edits = version_edits(definition)
    path, container = edits[(version - 2) % len(edits)]
    key = path.rsplit(".", 1)[-1]
    holder = container(values)
    kept = (holder[key] or "").split("\n")[:-1]
    holder[key] = "\n".join([*kept, version_text(version)])
    return path


def set_up_organization(organization: Organization | None = None, **fields: Any) -> OrganizationSetup:
    """Provision a body as the application does; with *fields*, create it first."""
    organization = organization or OrganizationFactory(**fields)
    return provision_organization(organization)


def member(organization: Organization, role: str, **fields: Any):
    """A user given *role* in *organization* through ``grant_role``."""
    user = UserFactory(**fields)
    grant_role(user, organization, role)
    return user


def administrator(**fields: Any):
    fields.setdefault("username", "admin")
    return get_user_model().objects.create_superuser(
        email=fields.pop("email", f"{fields['username']}@example.jp"), password="correct-horse-battery", **fields
    )


# ---------------------------------------------------------------------------------------------
# Values


def _plain(label: str, number: str) -> str:
    return path_label(label).removeprefix(number).strip("　 ") or label


def _text(item: Item, n: int | None) -> str:
    base = _plain(item.printed_label(n), item.number)
    if item.type is ItemType.MULTILINE:
        return f"{base}についての記載。\n{base}についての記載（二行目）。"
    return f"{base}の記載"


def _check_states(item: Item) -> dict[str, Any]:
    states = {}
    for position, check in enumerate(item.checks.items):
        state: dict[str, Any] = {"checked": position == 0}
        if check.with_text:
            state["text"] = f"{check.label}の記載" if position == 0 else None
        if check.with_count:
            state["count"] = None
        states[check.key] = state
    return states


class _Filler:
    def __init__(self, definition: FormDefinition, records: dict[str, list[Any]]):
        self.definition = definition
        self.records = records
        self.used: dict[str, int] = {}  # groups linked so far per model, so successive groups take successive records

    def section(self, section: Section, blank: Any) -> Any:
        if section.repeats:
            files = self.records.get("file") or [None]
            return [self.repeat_entry(section, n, record) for n, record in enumerate(files, start=1)]
        values = self.fields(section.items, blank, None)
        self.link(section, values)
        return values

    def repeat_entry(self, section: Section, n: int, record: Any) -> Values:
        entry = self.fields(section.items, {}, None)
        entry["_id"] = str(uuid.uuid4())
        if section.source is not None:
            entry["_ref"] = None
            if record is not None:
                link_container(entry, section.source, record.pk)
        return entry

    def fields(self, items: Iterable[Item], blank: dict[str, Any], n: int | None) -> Values:
        values = dict(blank or {})
        items = tuple(items)
        for item in items:
            values[item.key] = self.value(item, values.get(item.key), n)
        _agree_counts(items, values)
        return values

    def value(self, item: Item, blank: Any, n: int | None) -> Any:
        match item.type:
            case ItemType.GROUP:
                values = self.fields(item.items, blank or {}, n)
                self.link(item, values)
                return values
            case ItemType.REPEAT:
                return self.entries(item)
            case ItemType.TEXT | ItemType.MULTILINE:
                return _text(item, n)
            case ItemType.SINGLE_CHOICE:
                choices = item.choice_list
                return CHOSEN.get(choices.key, choices.choices[0])
            case ItemType.MULTI_CHECK:
                return _check_states(item)
            case ItemType.DATE:
                return "2021-04-01"
            case ItemType.INTEGER:
                return 0
            case ItemType.CHECKBOX:
                return False
            case ItemType.CONSTANT:
                return item.value
        return blank

    def entries(self, item: Item) -> list[Values]:
        records = self._records_for(item) if item.source else None
        count = len(records) if records is not None else max(item.min, 1)
        entries = []
        for n in range(1, count + 1):
            entry = self.fields(item.items, {}, n)
            entry["_id"] = str(uuid.uuid4())
            if item.source is not None:
                entry["_ref"] = None
                if records:
                    link_container(entry, item.source, records[n - 1].pk)
            entries.append(entry)
        return entries

    def link(self, container: Item | Section, values: Values) -> None:
        if container.source is None:
            return
        values.setdefault("_ref", None)
        records = self._records_for(container)
        if not records:
            return
        used = self.used.get(container.source.model, 0)
        self.used[container.source.model] = used + 1
        link_container(values, container.source, records[used % len(records)].pk)

    def _records_for(self, container: Item | Section) -> list[Any]:
        model = container.source.model
        return self.records.get(f"{model}:{container.key}", self.records.get(model, []))


def _agree_counts(items: tuple[Item, ...], values: Values) -> None:
    """Make each count item state the number of entries of the repeat group it counts."""
    for item in items:
        for check_key, target in item.counts:
            actual = len(values.get(target) or [])
            if check_key is None:
                values[item.key] = actual
                continue
            state = values[item.key][check_key]
            state["checked"] = actual > 0
            state["count"] = actual or None
        if item.counts and item.type is ItemType.MULTI_CHECK:
            counted = {check_key for check_key, _target in item.counts}
            states = values[item.key]
            any_counted = any(states[key]["checked"] for key in counted)
            for check in item.checks.items:
                if check.key not in counted:
                    # 「行っていない」 and the like: marked exactly when nothing counted is.
                    states[check.key]["checked"] = not any_counted and check is _first_uncounted(item, counted)


def _first_uncounted(item: Item, counted: set[str]):
    return next(check for check in item.checks.items if check.key not in counted)


def sample_values(
    definition: FormDefinition,
    *,
    registry: Registry | None = None,
    title: str = "",
    affair: str = "",
    organization_name: str = "",
    publication_date: dt.date | None = None,
    evaluation_number: str = "1",
) -> Values:
    """Values answering every item of *definition*, linked to *registry* where the form links to records."""
    values = empty_values(definition)
    filler = _Filler(definition, registry.records_by_source() if registry else {})
    for section in definition.editable_sections:
        values[section.key] = filler.section(section, values.get(section.key))
    cover = {
        Role.TITLE: title,
        Role.ORGANIZATION_NAME: organization_name,
        Role.EVALUATION_NUMBER: evaluation_number,
        Role.PUBLICATION_DATE: publication_date.isoformat() if publication_date else None,
    }
    for role, value in cover.items():
        try:
            section, item = definition.item_with_role(role)
        except KeyError:
            continue
        values[section.key][item.key] = value or None
    if affair:
        first = next(s for s in definition.editable_sections if s.role is not Role.COVER)
        _set_first_text(definition, values, first.key, affair)
    _hold_comment_period(definition, values)
    return values


# The public comment period of a form that records one: the shortest the 指針 allows (30 days, counting
# the first), so no 特段の理由 is needed; the 第三者点検 follows it (the factory's dates are 2021-04-01).
COMMENT_PERIOD = {
    Role.COMMENT_PERIOD_START: "2021-02-01",
    Role.COMMENT_PERIOD_END: "2021-03-02",
    Role.COMMENT_PERIOD_REASON: None,
}


def set_by_path(values: Values, path: str, value: Any) -> None:
    """Set the value of an item printed once (not inside a repeat) by its key path."""
    *keys, last = path.split(".")
    _container_at(tuple(keys))(values)[last] = value


def _hold_comment_period(definition: FormDefinition, values: Values) -> None:
    for role, value in COMMENT_PERIOD.items():
        try:
            _section, item = definition.item_with_role(role)
        except KeyError:
            return
        set_by_path(values, item.path, value)


def _set_first_text(definition: FormDefinition, values: Values, section_key: str, text: str) -> None:
    """The affair's name goes in the first text item of Ⅰ (①事務の名称)."""
    section = definition.section(section_key)
    container: dict[str, Any] = values[section_key]
    for item in section.items:
        if item.type is ItemType.GROUP:
            for child in item.items:
                if child.type is ItemType.TEXT:
                    container[item.key][child.key] = text
                    return
        elif item.type is ItemType.TEXT:
            container[item.key] = text
            return


def set_publication_date(page, values: Values, day: dt.date | None) -> None:
    section, item = page.definition.item_with_role(Role.PUBLICATION_DATE)
    values[section.key][item.key] = day.isoformat() if day else None


# ---------------------------------------------------------------------------------------------
# Assessments


def create_assessment(
    organization: Organization,
    *,
    officer,
    approver=None,
    slug: str,
    title: str,
    affair: str,
    registry: Registry | None = None,
    values: Values | None = None,
    publications: int = 0,
    dates: tuple[dt.date, ...] = PUBLICATION_DATES,
    page_class: type[AssessmentPage] = JutenAssessmentPage,
) -> AssessmentPage:
    """An assessment under *organization*'s page, saved by *officer*, published *publications* times by *approver*.

    Version 1 holds *values* (default: ``sample_values``); each later version changes one item
    (``edit_for_version``). Version *k* carries 公表日 ``dates[k-1]`` when there is one. *page_class* is the
    form (kind and edition) of the assessment: the 重点 unless another is asked for.
    """
    org_page = OrganizationPage.objects.get(organization=organization)
    page = page_class(title=title, slug=slug, affair=affair, live=False)
    definition = page.definition
    if values is None:
        values = sample_values(
            definition, registry=registry, title=title, affair=affair, organization_name=organization.name
        )
    values = copy.deepcopy(values)
    if publications:
        set_publication_date(page, values, dates[0] if dates else None)
    page.set_values(values)
    org_page.add_child(instance=page)
    revision = page.save_revision(user=officer, log_action=True)
    for version in range(1, publications + 1):
        if version > 1:
            page = page_class.objects.get(pk=page.pk)
            values = page.get_values()
            edit_for_version(values, version, definition)
            set_publication_date(page, values, dates[version - 1] if version <= len(dates) else None)
            page.set_values(values)
            revision = page.save_revision(user=officer, log_action=True)
        revision.publish(user=approver or officer)
    return page_class.objects.get(pk=page.pk)


class AssessmentFactory(factory.Factory):
    """``create_assessment`` as a factory: ``AssessmentFactory(publications=2)`` makes a new body too.

    The body is set up (``set_up_organization``) and its officer and approver are made members
    unless given; every other argument is ``create_assessment``'s.
    """

    class Meta:
        model = JutenAssessmentPage

    organization = factory.SubFactory(OrganizationFactory)
    officer = factory.LazyAttribute(lambda o: member(o.organization, MemberRole.OFFICER))
    approver = factory.LazyAttribute(lambda o: member(o.organization, MemberRole.APPROVER))
    slug = factory.Sequence(lambda n: f"jimu-{n}")
    affair = factory.Sequence(lambda n: f"試験事務{n}")
    page_class = JutenAssessmentPage
    title = factory.LazyAttribute(lambda o: f"{o.affair} {o.page_class.definition_of_class().kind_label}")
    registry = None
    values = None
    publications = 0

    @classmethod
    def _create(cls, model_class, organization, **kwargs):
        set_up_organization(organization)
        return create_assessment(organization, **kwargs)
