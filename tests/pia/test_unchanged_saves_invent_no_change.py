"""Saving without changing anything invents no change: no drift, no proposed 別添２ row, no compare change.

Browsers send a textarea's line breaks as CRLF. The registry's edit forms and the page editor
store text with LF only, so a record or a tab saved as it was shown stores what it stored before,
and the assessment that prints it neither drifts nor gets a change-annex row. Text from a file
(the XML reader, the document import) is normalized the same way.

The body, its registry (multi-line texts in the records the assessment prints, e.g. ⑤再委託の許諾方法
from DelegationContract.approval_method) and its published assessment come from the factories.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
from typing import Any

import lxml.html
from django.urls import reverse

from exports.artifact_data import PublishedData
from exports.xml.document import publication_xml, read_publication_xml
from pia.formdef.blocks import section_field_name
from pia.formdef.document import iter_nodes
from pia.formdef.imports import values_from_document
from pia.models import DriftSnapshot
from pia.versions.annex import draft_proposals
from pia.versions.compare import DRAFT, Version, compare, versions
from pia.versions.drift import refresh_drift
from registry.history import changes
from registry.models import (
    Contractor,
    DelegationContract,
    Department,
    Destination,
    IncidentRecord,
    InspectionRecord,
    PersonalInformationFile,
    StaffAccount,
    Subcontract,
    System,
    TrainingRecord,
)
from registry.viewsets import RegistryGroup
from tests.editor import edit_form_data
from tests.factories.registry import IncidentRecordFactory
from tests.personas import PersonaTestCase

APPROVAL_METHOD = "kyodaku_hoho"  # the key of ⑤再委託の許諾方法 (委託事項１ prints the first contract's)
# Every registry model with an edit view (the admin's 台帳 menu).
REGISTRY_MODELS = (
    System,
    PersonalInformationFile,
    DelegationContract,
    Subcontract,
    Contractor,
    Destination,
    Department,
    StaffAccount,
    TrainingRecord,
    InspectionRecord,
    IncidentRecord,
)
BREAKS = ("\r\n", "\r", "\n")
HOSTILE = {
    "lone_cr": ("一行目\r二行目\r三行目", "一行目\n二行目\n三行目"),
    "mixed": ("一\r\n二\r三\n四\n\r五\r\n", "一\n二\n三\n四\n\n五"),
    # 10,000 lines, each break CRLF, CR or LF in turn: 19,999 characters once stored, within the
    # registry's 20,000 (as sent, 23,332: the limit counts what is stored, not the CRs).
    "many_lines": ("".join(f"行{BREAKS[n % 3]}" for n in range(9_999)) + "行", "\n".join(["行"] * 10_000)),
}


def crlf(value: str) -> str:
    """A text as a browser submits a textarea: every line break CRLF."""
    return value.replace("\r\n", "\n").replace("\n", "\r\n")


def browser_post_data(html: str, action: str) -> dict[str, Any]:
    """What a browser submits from the form posting to *action* when nothing is touched.

    Inputs, check boxes and radios as checked, selects as selected, textareas with their first
    newline dropped (the HTML parsing rule) and every line break sent as CRLF; no file is chosen.
    """
    root = lxml.html.fromstring(html)
    forms = [form for form in root.forms if (form.get("action") or "") == action]
    assert len(forms) == 1, f"no single form posting to {action}"
    data: dict[str, Any] = {}

    def add(name: str, value: str) -> None:
        data.setdefault(name, []).append(value)

    for element in forms[0].iter("input", "select", "textarea"):
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.tag == "textarea":
            text = element.text or ""
            text = text[1:] if text.startswith("\n") else text
            add(name, crlf(text))
        elif element.tag == "select":
            for option in element.iter("option"):
                if option.get("selected") is not None:
                    add(name, option.get("value", option.text or ""))
        else:
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if element.get("checked") is not None:
                    add(name, element.get("value", "on"))
            else:
                add(name, element.get("value", ""))
    return data


class UnchangedSavesTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A record of every model with an edit view: the factory registry has no incident.
        IncidentRecordFactory(
            organization=cls.organization,
            summary="通知書の誤送付\n（宛名の取り違え）",
            prevention="封入時の二人確認\n発送前の宛名照合",
        )

    def setUp(self):
        self.client.force_login(self.officer)

    def baseline(self):
        """The assessment with its drift stored (none), as the publication's task leaves it."""
        page = self.fresh_assessment()
        self.assertEqual(refresh_drift(page).items, [])
        return DriftSnapshot.objects.get(page_id=page.pk).computed_at

    def save_unchanged(self, record) -> None:
        """Post *record*'s admin edit form as a browser would, touching nothing; the tasks it enqueues run."""
        url = reverse(type(record).snippet_viewset.get_url_name("edit"), args=[record.pk])
        shown = self.client.get(url)
        self.assertEqual(shown.status_code, 200)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, browser_post_data(shown.content.decode(), url))
        form = response.context["form"] if response.context and "form" in response.context else None
        self.assertEqual(response.status_code, 302, f"{record!r} not saved: {form.errors if form else ''}")

    def assert_nothing_changed(self, since, *, listed_draft: bool = False) -> None:
        """No stored drift (recomputed by the task after *since*), no proposed row, no compare change."""
        page = self.fresh_assessment()
        snapshot = DriftSnapshot.objects.get(page_id=page.pk)
        self.assertGreater(snapshot.computed_at, since)  # the task ran after the save …
        drifted = [(item["printed_path"], item["published_text"], item["current_text"]) for item in snapshot.items]
        self.assertEqual(drifted, [])  # … and found nothing
        self.assertEqual([(row.komoku, row.henko_mae, row.henko_go) for row in draft_proposals(page)], [])
        found = versions(page)
        live = next(v for v in reversed(found) if v.publication is not None)
        # The draft as the next publication would print it (listed by versions() only when a revision
        # was saved since publishing; a registry change alone saves none).
        draft = Version(DRAFT, "最新の下書き", None, page.latest_draft().resolved_document())
        self.assertEqual([(c.change.printed_path, c.change.before, c.change.after) for c in compare(live, draft)], [])
        if listed_draft:
            listed = next(v for v in found if v.key == DRAFT)  # what the compare view offers
            self.assertEqual([c.change.printed_path for c in compare(live, listed)], [])


class RegistryFormsSavedUnchangedTest(UnchangedSavesTestCase):
    def records(self, model) -> list[Any]:
        queryset = model._default_manager.all()
        if model is Subcontract:
            return list(queryset.filter(contract__organization=self.organization))
        return list(queryset.filter(organization=self.organization))

    def test_the_assessment_prints_multi_line_registry_texts(self):
        node = _node_with_key(self.fresh_assessment().published_document(), APPROVAL_METHOD)
        self.assertEqual(node["linked"]["id"], self.registry.contracts[0].pk)
        self.assertEqual(node["text"], self.registry.contracts[0].approval_method)
        self.assertIn("\n", node["text"])

    def test_every_registry_form_saved_unchanged_changes_nothing(self):
        self.assertEqual({viewset.model for viewset in RegistryGroup.items}, set(REGISTRY_MODELS))
        since = self.baseline()
        for model in REGISTRY_MODELS:
            records = self.records(model)
            self.assertTrue(records, f"no {model.__name__} to save")
            for record in records:
                before = len(changes(model, record.pk))
                self.save_unchanged(record)
                changed = [(f.field, f.old, f.new) for c in changes(model, record.pk)[before:] for f in c.fields]
                self.assertEqual(changed, [], f"{model.__name__} {record.pk}")
                stored = model._default_manager.get(pk=record.pk)
                for field in model._meta.concrete_fields:
                    value = getattr(stored, field.attname)
                    self.assertFalse(isinstance(value, str) and "\r" in value, f"{model.__name__}.{field.name}")
        self.assert_nothing_changed(since)

    def test_the_contract_saved_unchanged_does_not_drift(self):
        """The reported case: ⑤再委託の許諾方法 (and ①委託内容, ⑥再委託事項) flagged with identical text."""
        since = self.baseline()
        contract = self.registry.contracts[0]
        self.save_unchanged(contract)
        contract.refresh_from_db()
        self.assertEqual(contract.approval_method, self.registry.contracts[0].approval_method)
        self.assert_nothing_changed(since)


class EditorTabsSavedUnchangedTest(UnchangedSavesTestCase):
    def save_tab(self, data: dict[str, str]) -> None:
        page = self.fresh_assessment()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        self.assertEqual(response.status_code, 302)

    def test_every_tab_saved_unchanged_with_crlf_proposes_nothing(self):
        with_line_breaks = 0
        for section in self.fresh_assessment().definition.editable_sections:
            with self.subTest(tab=section.tab):
                since = self.baseline()
                prefix = f"{section_field_name(section)}-"
                data = edit_form_data(self.fresh_assessment())
                with_line_breaks += any("\n" in v for k, v in data.items() if k.startswith(prefix))
                self.save_tab({k: crlf(v) if k.startswith(prefix) else v for k, v in data.items()})
                self.assert_nothing_changed(since, listed_draft=True)
        self.assertGreater(with_line_breaks, 1)

    def test_every_tab_at_once(self):
        since = self.baseline()
        data = {key: crlf(value) for key, value in edit_form_data(self.fresh_assessment()).items()}
        self.assertTrue(any("\r\n" in value for value in data.values()))
        self.save_tab(data)
        self.assertFalse(_holds_cr(self.fresh_assessment().latest_draft().get_values()))
        self.assert_nothing_changed(since, listed_draft=True)

    def test_a_tab_saved_after_the_records_it_prints_were_saved_unchanged(self):
        """The compare view lists the draft once a tab is saved: it must agree with 変更箇所（案）."""
        since = self.baseline()
        for record in (*self.registry.contracts, self.registry.file, *self.registry.provisions):
            self.save_unchanged(record)
        files = next(s for s in self.fresh_assessment().definition.editable_sections if s.key == "files")
        prefix = f"{section_field_name(files)}-"
        data = edit_form_data(self.fresh_assessment())
        self.save_tab({k: crlf(v) if k.startswith(prefix) else v for k, v in data.items()})
        self.assert_nothing_changed(since, listed_draft=True)


def _holds_cr(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_holds_cr(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_cr(v) for v in value)
    return False


class HostileLineEndingsTest(UnchangedSavesTestCase):
    """Lone CR, mixed endings and a 10,000-line text are stored with LF only, wherever they enter."""

    def assert_stored(self, actual: str, expected: str) -> None:
        # Not assertEqual: its diff of two 10,000-line texts takes minutes.
        if actual != expected:
            self.fail(f"stored {actual[:40]!r}… ({len(actual)} characters, CR: {'\r' in actual}), not as expected")

    def test_the_registry_form(self):
        contract = self.registry.contracts[0]
        url = reverse(DelegationContract.snippet_viewset.get_url_name("edit"), args=[contract.pk])
        base = browser_post_data(self.client.get(url).content.decode(), url)
        for case, (sent, stored) in HOSTILE.items():
            with self.subTest(case=case):
                data = {**base, "approval_method": [sent], "subcontracted_matters": [sent]}
                self.assertEqual(self.client.post(url, data).status_code, 302)
                contract.refresh_from_db()
                self.assert_stored(contract.approval_method, stored)
                self.assert_stored(contract.subcontracted_matters, stored)

    def test_the_registry_list_fields(self):
        system = self.registry.systems[0]
        url = reverse(System.snippet_viewset.get_url_name("edit"), args=[system.pk])
        base = browser_post_data(self.client.get(url).content.decode(), url)
        data = {**base, "functions": ["受付\r受付の説明\r\r照会\r\n照会の説明\n\r発行"]}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        system.refresh_from_db()
        self.assertEqual(
            system.functions,
            [
                {"title": "受付", "description": "受付の説明"},
                {"title": "照会", "description": "照会の説明"},
                {"title": "発行", "description": ""},
            ],
        )

    def test_the_editor(self):
        page = self.fresh_assessment()
        for case, (sent, stored) in HOSTILE.items():
            with self.subTest(case=case):
                values = page.get_values()
                values["kihon"]["jimu"]["naiyo"] = sent
                data = edit_form_data(page, values)
                self.assertEqual(
                    self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code, 302
                )
                draft = self.fresh_assessment().latest_draft().get_values()
                self.assert_stored(draft["kihon"]["jimu"]["naiyo"], stored)

    def test_a_single_line_text(self):
        page = self.fresh_assessment()
        values = page.get_values()
        values["kihon"]["jimu"]["meisho"] = "予防接種に関する\r事務"
        data = edit_form_data(page, values)
        self.assertEqual(self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code, 302)
        self.assertEqual(
            self.fresh_assessment().latest_draft().get_values()["kihon"]["jimu"]["meisho"], "予防接種に関する\n事務"
        )

    def test_values_set_by_code(self):
        page = self.fresh_assessment()
        values = page.get_values()
        for case, (sent, stored) in HOSTILE.items():
            with self.subTest(case=case):
                values["kihon"]["jimu"]["naiyo"] = sent
                page.set_values(values)
                self.assert_stored(page.get_values()["kihon"]["jimu"]["naiyo"], stored)

    def test_the_document_import(self):
        page = self.fresh_assessment()
        document = copy.deepcopy(page.published_document())
        node = _node(document, "kihon.jimu.naiyo")
        for case, (sent, stored) in HOSTILE.items():
            with self.subTest(case=case):
                node["value"] = sent
                node["text"] = sent
                values = values_from_document(page.definition, document, lambda _model, _pk: True)
                self.assert_stored(values["kihon"]["jimu"]["naiyo"], stored)

    def test_a_linked_text_imported_with_crlf_keeps_its_link(self):
        page = self.fresh_assessment()
        document = copy.deepcopy(page.published_document())
        node = _node_with_key(document, APPROVAL_METHOD)
        self.assertIn("\n", node["value"])
        node["value"] = crlf(node["value"])
        node["text"] = crlf(node["text"])
        values = values_from_document(page.definition, document, lambda _model, _pk: True)
        entry = values["files"][0]["itaku"]["jiko"][0]
        self.assertEqual(entry["_ref"], self.registry.contracts[0].pk)
        self.assertIsNone(entry["saiitaku"]["kyodaku_hoho"])

    def test_the_xml_reader(self):
        page = self.fresh_assessment()
        publication = page.latest_publication()
        document = copy.deepcopy(publication.document)
        node = _node(document, "kihon.jimu.naiyo")
        sent, stored = HOSTILE["mixed"]
        node["value"] = sent
        node["text"] = sent
        data = PublishedData(
            document=document, annex=(), version=1, content_hash="0" * 64, kohyo_bi=dt.date(2025, 6, 30)
        )
        xml = publication_xml(data)
        self.assertIn(b"&#13;", xml)  # a CR survives XML's own end-of-line handling only as a reference
        document = read_publication_xml(xml).document
        read = _node(document, "kihon.jimu.naiyo")
        # The reader makes every line break LF (as XML does with the CRs it reads literally) …
        self.assert_stored(read["value"], stored + "\n")
        self.assert_stored(read["text"], stored + "\n")
        # … and the import stores the text as the editor would.
        values = values_from_document(page.definition, document, lambda _model, _pk: True)
        self.assert_stored(values["kihon"]["jimu"]["naiyo"], stored)


def _node(document: Any, path: str) -> Any:
    return next(node for node in iter_nodes(document) if node["path"] == path)


def _node_with_key(document: Any, key: str) -> Any:
    return next(node for node in iter_nodes(document) if node["key"] == key)


class StoredLineBreaksMigrationTest(UnchangedSavesTestCase):
    """registry 0006 makes the CRLF that earlier saves stored LF, in the records and their history."""

    def test_records_and_history_rows_are_normalized(self):
        from django.apps import apps

        migration = importlib.import_module("registry.migrations.0006_normalize_line_breaks")
        contract = self.registry.contracts[0]
        system = self.registry.systems[0]
        DelegationContract.objects.filter(pk=contract.pk).update(approval_method="一\r\n二\r三")
        DelegationContract.history.filter(id=contract.pk).update(approval_method="一\r\n二")
        System.objects.filter(pk=system.pk).update(functions=[{"title": "受付", "description": "説明\r\n続き"}])
        migration.normalize_line_breaks(apps, None)
        contract.refresh_from_db()
        system.refresh_from_db()
        self.assertEqual(contract.approval_method, "一\n二\n三")
        self.assertEqual(
            set(DelegationContract.history.filter(id=contract.pk).values_list("approval_method", flat=True)),
            {"一\n二"},
        )
        self.assertEqual(system.functions, [{"title": "受付", "description": "説明\n続き"}])
