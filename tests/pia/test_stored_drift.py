"""Drift is computed when the registry, a draft or a publication changes, and stored; pages only read it.

The bodies, registry records and assessments are created here (not the Nagaoka demo): each
assessment links its system entry to a registry System (which reads the name of a connected
System too) and its 担当部署 to a registry Department, and is published once.
"""

from __future__ import annotations

import io
import uuid

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pia.admin.hooks import DriftDashboardPanel
from pia.formdef.links import link_container
from pia.models import DriftSnapshot, JutenAssessmentPage
from pia.services.organizations import grant_role, provision_organization
from pia.versions.drift import drift, refresh_drift, stored_drift
from registry.enums import Role
from registry.models import Department, System
from tests.factories import OrganizationFactory, UserFactory

KINO = "kihon.systems[1].kino"
SETSUZOKU = "kihon.systems[1].setsuzoku"
BUSHO = "kihon.tanto_busho.busho"


class StoredDriftTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organization = OrganizationFactory(slug="uchiko", name="内子町長")
        cls.setup = provision_organization(cls.organization)
        cls.officer = UserFactory(username="uchiko-officer", first_name="一郎", last_name="内子")
        cls.approver = UserFactory(username="uchiko-approver", first_name="花子", last_name="内子")
        grant_role(cls.officer, cls.organization, Role.OFFICER)
        grant_role(cls.approver, cls.organization, Role.APPROVER)
        cls.department = Department.objects.create(organization=cls.organization, name="住民課", head_title="住民課長")
        cls.other = System.objects.create(organization=cls.organization, name="庁内連携システム", code="renkei")
        cls.system = System.objects.create(
            organization=cls.organization,
            name="住民基本台帳システム",
            code="juki",
            functions=[{"title": "住民異動の届出の受付", "description": ""}],
            connected_systems=[cls.other.pk],
        )
        cls.page_ids = [cls.create_assessment(1)]

    @classmethod
    def create_assessment(cls, n: int) -> int:
        """A published assessment whose system entry and 担当部署 are linked to the registry."""
        page = JutenAssessmentPage(title=f"内子町の事務{n}", slug=f"jimu{n}", affair=f"事務{n}")
        cls.setup.page.add_child(instance=page)
        kihon = next(section for section in page.definition.sections if section.key == "kihon")
        systems_item = next(item for item in kihon.items if item.key == "systems")
        busho_item = next(item for item in kihon.items if item.key == "tanto_busho")
        values = page.get_values()
        entry = {"_id": str(uuid.uuid4()), "_ref": None}
        link_container(entry, systems_item.source, cls.system.pk)
        values["kihon"]["systems"] = [entry]
        group = values["kihon"].get("tanto_busho") or {}
        link_container(group, busho_item.source, cls.department.pk)
        values["kihon"]["tanto_busho"] = group
        page.set_values(values)
        page.save_revision(user=cls.approver).publish(user=cls.approver)
        return page.pk

    def page(self, pk: int | None = None) -> JutenAssessmentPage:
        return JutenAssessmentPage.objects.get(pk=pk or self.page_ids[0])

    def snapshot(self, pk: int | None = None) -> DriftSnapshot:
        return DriftSnapshot.objects.get(page_id=pk or self.page_ids[0])

    def stored_paths(self, pk: int | None = None) -> list[str]:
        return [item["path"] for item in self.snapshot(pk).items]


class DriftIsStoredWhenThingsChangeTest(StoredDriftTestCase):
    def change_functions(self) -> None:
        system = System.objects.get(pk=self.system.pk)
        system.functions = [*system.functions, {"title": "証明書の交付", "description": ""}]
        system._history_user = self.officer
        system.save()

    def test_a_publication_stores_an_empty_drift_and_the_records_it_prints(self):
        page = self.page()
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision(user=self.approver).publish(user=self.approver)
        snapshot = self.snapshot()
        self.assertEqual(snapshot.items, [])
        self.assertEqual(
            sorted(snapshot.sources),
            sorted(
                [
                    f"registry.system:{self.system.pk}",
                    f"registry.system:{self.other.pk}",
                    f"registry.department:{self.department.pk}",
                ]
            ),
        )

    def test_a_registry_change_updates_the_stored_drift(self):
        refresh_drift(self.page())
        before = self.snapshot()
        self.assertEqual(before.items, [])
        with self.captureOnCommitCallbacks(execute=True):
            self.change_functions()
        after = self.snapshot()
        self.assertEqual([item["path"] for item in after.items], [KINO])
        self.assertGreater(after.computed_at, before.computed_at)
        self.assertIn("証明書の交付", after.items[0]["current_text"])
        self.assertNotIn("証明書の交付", after.items[0]["published_text"])
        self.assertEqual(after.items[0]["registry_changes"][-1]["who"], "内子 一郎")
        # What is stored reads back as what drift() computes.
        found = stored_drift([self.page()])[self.page_ids[0]]
        self.assertEqual(found.items, drift(self.page()))

    def test_a_change_to_a_record_the_text_reads_updates_the_stored_drift(self):
        refresh_drift(self.page())
        with self.captureOnCommitCallbacks(execute=True):
            other = System.objects.get(pk=self.other.pk)
            other.name = "庁内連携基盤"
            other.save()
        self.assertEqual(self.stored_paths(), [SETSUZOKU])

    def test_a_department_rename_and_its_undoing(self):
        refresh_drift(self.page())
        with self.captureOnCommitCallbacks(execute=True):
            department = Department.objects.get(pk=self.department.pk)
            department.name = "住民生活課"
            department.save()
        self.assertEqual(self.stored_paths(), [BUSHO])
        with self.captureOnCommitCallbacks(execute=True):
            department.name = "住民課"
            department.save()
        self.assertEqual(self.stored_paths(), [])

    def test_a_change_to_a_record_no_assessment_prints_recomputes_nothing(self):
        refresh_drift(self.page())
        before = self.snapshot().computed_at
        with self.captureOnCommitCallbacks(execute=True):
            System.objects.create(organization=self.organization, name="無関係のシステム", code="other")
        self.assertEqual(self.snapshot().computed_at, before)

    def test_an_unchanged_save_does_not_invent_drift(self):
        refresh_drift(self.page())
        before = self.snapshot().computed_at
        with self.captureOnCommitCallbacks(execute=True):
            System.objects.get(pk=self.system.pk).save()
            Department.objects.get(pk=self.department.pk).save()
        snapshot = self.snapshot()
        self.assertGreater(snapshot.computed_at, before)  # recomputed …
        self.assertEqual(snapshot.items, [])  # … and nothing drifted

    def test_saving_a_draft_recomputes_and_publishing_clears_the_drift(self):
        refresh_drift(self.page())
        with self.captureOnCommitCallbacks(execute=True):
            self.change_functions()
        self.assertEqual(self.stored_paths(), [KINO])
        DriftSnapshot.objects.filter(page_id=self.page_ids[0]).update(items=[])  # as if stale
        with self.captureOnCommitCallbacks(execute=True):
            revision = self.page().save_revision(user=self.officer)
        self.assertEqual(self.stored_paths(), [KINO])  # the draft does not change what is live
        with self.captureOnCommitCallbacks(execute=True):
            revision.publish(user=self.approver)
        self.assertEqual(self.stored_paths(), [])  # republished: prints what the registry holds

    def test_unpublishing_clears_the_drift(self):
        refresh_drift(self.page())
        with self.captureOnCommitCallbacks(execute=True):
            self.change_functions()
        self.assertEqual(self.stored_paths(), [KINO])
        with self.captureOnCommitCallbacks(execute=True):
            self.page().unpublish(user=self.approver)
        self.assertEqual(self.snapshot().items, [])
        self.assertEqual(self.snapshot().sources, [])

    def test_the_command_stores_the_drift_of_every_assessment(self):
        DriftSnapshot.objects.all().delete()
        out = io.StringIO()
        call_command("refresh_drift", stdout=out)
        self.assertTrue(DriftSnapshot.objects.filter(page_id=self.page_ids[0]).exists())
        self.assertIn("1件", out.getvalue())
        with self.assertRaises(CommandError):
            call_command("refresh_drift", "uchiko/none", stdout=out)

    def test_nothing_is_recomputed_before_the_transaction_commits(self):
        refresh_drift(self.page())
        before = self.snapshot().computed_at
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.change_functions()
        self.assertEqual(self.snapshot().computed_at, before)
        self.assertEqual(len(callbacks), 1)


class PagesReadTheStoredDriftTest(StoredDriftTestCase):
    def rename_system(self, name: str) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            system = System.objects.get(pk=self.system.pk)
            system.name = name
            system.save()

    def panel_queries(self) -> int:
        """The queries of the dashboard's drift panel, rendered for the officer."""
        request = RequestFactory().get(reverse("wagtailadmin_home"))
        request.user = self.officer
        with CaptureQueriesContext(connection) as queries:
            html = DriftDashboardPanel(request).render_html({})
        self.assertIn("data-pia-drift", html)
        return len(queries)

    def dashboard_queries(self) -> list[str]:
        self.client.get(reverse("wagtailadmin_home"))  # caches (content types, site) filled
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "再公表すると記載が変わる項目が1件あります")
        return [query["sql"] for query in queries.captured_queries]

    def test_the_dashboard_does_not_resolve_documents_on_load(self):
        self.client.force_login(self.officer)
        refresh_drift(self.page())
        self.rename_system("住民記録システム")
        one = self.panel_queries()
        with self.captureOnCommitCallbacks(execute=True):
            page_ids = [self.page_ids[0], self.create_assessment(2), self.create_assessment(3)]
        self.rename_system("住民情報システム")  # all three drift now, stored as they did
        self.assertEqual(DriftSnapshot.objects.filter(page_id__in=page_ids).exclude(items=[]).count(), 3)
        self.assertEqual(self.panel_queries(), one)
        # Resolving a document reads the registry's history tables; loading the dashboard never does.
        history_reads = [sql for sql in self.dashboard_queries() if "registry_historical" in sql]
        self.assertEqual(history_reads, [])

    def test_the_dashboard_shows_the_stored_drift_and_when_it_was_computed(self):
        self.client.force_login(self.officer)
        refresh_drift(self.page())
        self.rename_system("住民記録システム")
        computed_at = self.snapshot().computed_at
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "再公表すると記載が変わる項目が1件あります")
        self.assertContains(response, "住民記録システム")
        local = timezone.localtime(computed_at)
        self.assertContains(response, f"{local:%H:%M}</time>時点の台帳と比べた結果")
        self.assertContains(response, "令和")

    def test_an_assessment_without_stored_drift_is_computed_once_and_stored(self):
        DriftSnapshot.objects.all().delete()
        self.client.force_login(self.officer)
        self.client.get(reverse("wagtailadmin_home"))
        self.assertTrue(DriftSnapshot.objects.filter(page_id=self.page_ids[0]).exists())
        computed_at = self.snapshot().computed_at
        self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(self.snapshot().computed_at, computed_at)  # read, not computed again

    def test_the_editor_panel_shows_the_stored_drift(self):
        self.client.force_login(self.officer)
        refresh_drift(self.page())
        with self.captureOnCommitCallbacks(execute=True):
            department = Department.objects.get(pk=self.department.pk)
            department.name = "住民生活課"
            department.save()
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.page_ids[0]]))
        self.assertContains(response, "data-pia-drift")
        self.assertContains(response, "住民生活課")
        self.assertContains(response, "時点の台帳と比べた結果")
