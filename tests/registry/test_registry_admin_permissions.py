"""Every registry admin view, for every persona: body A's (長岡市長) registry stays inside body A."""

from django.urls import reverse

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
from tests.personas import PersonaTestCase

MODELS = (
    System,
    PersonalInformationFile,
    DelegationContract,
    Contractor,
    Destination,
    Department,
    StaffAccount,
    TrainingRecord,
    InspectionRecord,
    Subcontract,
)


def url(model, view, *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def chooser_url(model):
    return reverse(model.snippet_viewset.chooser_viewset.get_url_name("choose"))


class RegistryAdminPermissionTest(PersonaTestCase):
    def get(self, persona, address):
        self.client.logout()
        if persona:
            self.client.force_login(self.personas()[persona])
        return self.client.get(address)

    def nagaoka_record(self, model):
        if model is Subcontract:
            return model.objects.filter(contract__organization__slug="nagaoka").first()
        return model.objects.filter(organization__slug="nagaoka").first()

    def test_members_list_their_registry_and_the_outsider_sees_none_of_it(self):
        for model in MODELS:
            record = self.nagaoka_record(model)
            self.assertIsNotNone(record, model)
            for persona in ("officer", "approver", "auditor", "admin"):
                with self.subTest(model=model.__name__, persona=persona):
                    response = self.get(persona, url(model, "list"))
                    self.assertEqual(response.status_code, 200)
                    self.assertIn(str(record)[:10], response.content.decode())
            with self.subTest(model=model.__name__, persona="outsider"):
                response = self.get("outsider", url(model, "list"))
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(str(record)[:10], response.content.decode())
            with self.subTest(model=model.__name__, persona="anonymous"):
                self.assertEqual(self.get(None, url(model, "list")).status_code, 302)

    def test_only_members_who_may_edit_open_a_record(self):
        expected = {"officer": 200, "approver": 200, "admin": 200}
        for model in MODELS:
            record = self.nagaoka_record(model)
            for persona, status in expected.items():
                with self.subTest(model=model.__name__, persona=persona):
                    self.assertEqual(self.get(persona, url(model, "edit", record.pk)).status_code, status)
            with self.subTest(model=model.__name__, persona="auditor"):
                self.assertNotEqual(self.get("auditor", url(model, "edit", record.pk)).status_code, 200)
            with self.subTest(model=model.__name__, persona="outsider"):
                self.assertIn(self.get("outsider", url(model, "edit", record.pk)).status_code, (302, 403, 404))

    def test_the_auditor_reads_records_and_their_history_but_cannot_change_them(self):
        system = self.nagaoka_record(System)
        self.assertEqual(self.get("auditor", url(System, "inspect", system.pk)).status_code, 200)
        self.assertEqual(self.get("auditor", url(System, "changes", system.pk)).status_code, 200)
        self.client.force_login(self.auditor)
        self.client.post(url(System, "edit", system.pk), {"name": "改ざん"})
        system.refresh_from_db()
        self.assertNotEqual(system.name, "改ざん")

    def test_the_outsider_cannot_read_inspect_delete_or_trace_a_record(self):
        system = self.nagaoka_record(System)
        for view in ("inspect", "changes", "delete", "history", "usage"):
            with self.subTest(view=view):
                self.assertIn(self.get("outsider", url(System, view, system.pk)).status_code, (302, 403, 404))
        self.client.force_login(self.outsider)
        self.client.post(url(System, "delete", system.pk))
        self.assertTrue(System.objects.filter(pk=system.pk).exists())

    def test_the_chooser_offers_only_the_users_organization(self):
        system = self.nagaoka_record(System)
        self.assertIn(system.name, self.get("officer", chooser_url(System)).json()["html"])
        self.assertNotIn(system.name, self.get("outsider", chooser_url(System)).json()["html"])

    def test_the_listing_exports_csv_and_xlsx_of_the_users_records_only(self):
        response = self.get("officer", url(System, "list") + "?export=csv")
        self.assertEqual(response.status_code, 200)
        body = (
            b"".join(response.streaming_content).decode("utf-8-sig")
            if response.streaming
            else response.content.decode()
        )
        self.assertIn("中間サーバー", body)
        outsider = self.get("outsider", url(System, "list") + "?export=csv")
        outsider_body = (
            b"".join(outsider.streaming_content).decode("utf-8-sig")
            if outsider.streaming
            else outsider.content.decode()
        )
        self.assertNotIn("中間サーバー", outsider_body)
        xlsx = self.get("officer", url(System, "list") + "?export=xlsx")
        self.assertEqual(xlsx.status_code, 200)
        self.assertIn("spreadsheetml", xlsx["Content-Type"])

    def test_the_incident_register_is_scoped_too(self):
        org = self.assessment.organization_page.organization
        incident = IncidentRecord.objects.create(organization=org, occurred_on="2024-05-01", summary="誤送付")
        self.assertEqual(self.get("officer", url(IncidentRecord, "edit", incident.pk)).status_code, 200)
        self.assertEqual(self.get("outsider", url(IncidentRecord, "edit", incident.pk)).status_code, 404)
