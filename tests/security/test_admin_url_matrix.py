"""Every admin URL from the URL resolver, for every persona, with objects of two organizations.

The URL patterns come from ``get_resolver()`` (Wagtail's, ours, and the scoped versions put in
front of Wagtail's), their path parameters are filled with objects of 長岡市長 (own: the persona
base's assessment and registry) and of 緑野市長 (other), and each is requested as every persona.
The expected outcomes are one table (expectations.py); a URL without a row fails, so no view is
added unscoped. Every URL any app registers through Wagtail's ``register_admin_urls`` hook must
have its row too, checked without a database (HookedAdminUrlsHaveRowsTest).
"""

from __future__ import annotations

from django.test import Client, SimpleTestCase
from django.urls import reverse

from tests.personas import PersonaTestCase

from .admin_urls import (
    MIDORINO_SENTINEL,
    NONE,
    OTHER,
    OWN,
    admin_patterns,
    build_midorino_objects,
    collect,
    ensure_nagaoka_incident,
    hooked_admin_urls,
    matrix_keys,
    normalized_body,
    registry_objects,
    requests_for,
)
from .expectations import DENIED, ERROR, EXPECTED, LOGIN, METHOD, OK, PERSONAS

NAGAOKA_PERSONAS = ("officer", "approver", "auditor")


def outcome(response) -> str:
    status = response.status_code
    if 200 <= status < 300:
        return OK
    if status in (301, 302, 303):
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if location.split("?")[0] == reverse("wagtailadmin_home"):
            return DENIED  # Wagtail's permission_denied(): back to the dashboard with a message
        return OK
    if status == 405:
        return METHOD
    if status in (400, 403, 404):
        return DENIED
    return ERROR if status >= 500 else f"status {status}"


def matches(got: str, expected) -> bool:
    return got in expected if isinstance(expected, frozenset) else got == expected


def is_registry(key: str) -> bool:
    """The registry's URLs (台帳): checked in a class of their own, so a parallel run can split the matrix."""
    return "registry" in key


class MatrixTestCase(PersonaTestCase):
    """Both organizations' objects and the checks of a row; the test classes below pick their URLs."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_midorino_objects(cls.outsider)
        ensure_nagaoka_incident()
        cls.orgs = {
            OWN: collect("nagaoka", cls.officer, document_title="長岡市 監査資料", image_title="長岡市 画像"),
            OTHER: collect(
                "midorino",
                cls.outsider,
                document_title=f"{MIDORINO_SENTINEL} 文書",
                image_title=f"{MIDORINO_SENTINEL} 画像",
            ),
        }
        for objects in cls.orgs.values():
            objects.registry = registry_objects(objects.org)

    def clients(self) -> dict[str, Client]:
        clients = {"anonymous": Client(raise_request_exception=False)}
        for name, user in self.personas().items():
            clients[name] = Client(raise_request_exception=False)
            clients[name].force_login(user)
        return clients

    def all_requests(self):
        for key, pattern in matrix_keys(admin_patterns()).items():
            yield from requests_for(key, pattern, self.orgs)

    def leaks(self, persona: str, request, body: str) -> list[str]:
        """Text of the other organization in what *persona* was shown."""
        found = []
        if persona in NAGAOKA_PERSONAS:
            if MIDORINO_SENTINEL in body:
                found.append(MIDORINO_SENTINEL)
            if request.owner == OTHER:
                found += [m for m in self.orgs[OTHER].markers(*request.objects) if m in body]
        if persona == "outsider":
            if self.assessment.title in body:
                found.append(self.assessment.title)
            if request.owner == OWN:
                found += [m for m in self.orgs[OWN].markers(*request.objects) if m in body]
        return found

    def assert_every_persona_gets_its_row(self, requests):
        clients = self.clients()
        failures = []
        checked = 0
        for request in requests:
            row = EXPECTED.get(request.key, {}).get(request.owner)
            if row is None:
                continue  # reported by test_every_admin_url_pattern_has_a_row
            problems = []
            for persona in PERSONAS:
                response = clients[persona].get(request.url)
                got = outcome(response)
                body = normalized_body(response) if response.status_code == 200 else ""
                foreign = (request.owner == OTHER and persona in NAGAOKA_PERSONAS) or (
                    request.owner == OWN and persona == "outsider"
                )
                if foreign and response.status_code == 200:
                    problems.append(f"{persona}: 200 on another organization's object")
                elif not matches(got, row[persona]):
                    problems.append(f"{persona}: {got}, expected {row[persona]} ({response.status_code})")
                if leaked := self.leaks(persona, request, body):
                    problems.append(f"{persona}: shows {leaked}")
            checked += 1
            with self.subTest(url=request.key, owner=request.owner):
                if problems:
                    failures.append(f"{request.key} [{request.owner}] {request.url}: " + "; ".join(problems))
                self.assertEqual(problems, [])
        self.assertGreater(checked, 100)
        self.assertEqual(failures, [], "\n" + "\n".join(failures))


class AdminUrlMatrixTest(MatrixTestCase):
    def test_every_admin_url_pattern_has_a_row(self):
        missing = sorted(
            {f"{r.key} [{r.owner}]" for r in self.all_requests() if r.owner not in EXPECTED.get(r.key, {})}
        )
        self.assertEqual(missing, [], "admin URL patterns without a row in tests/security/expectations.py")

    def test_each_persona_gets_its_row_and_never_another_organizations_data(self):
        self.assert_every_persona_gets_its_row(r for r in self.all_requests() if not is_registry(r.key))

    def test_representative_posts_on_another_organizations_objects_change_nothing(self):
        from wagtail.models import Page, TaskState

        from registry.models import System

        other = self.orgs[OTHER]
        page, system, task_state = other.page, other.registry["system"], other.task_state
        revisions = page.revisions.count()
        posts = [
            (reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={page.pk}", {}),
            (reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]) + f"?id={page.pk}", {}),
            (reverse("wagtail_bulk_action", args=["registry", "system", "delete"]) + f"?id={system.pk}", {}),
            (
                reverse("wagtail_bulk_action", args=["auth", "user", "set_active_state"]) + f"?id={other.user.pk}",
                {"mark_as_active": "False"},
            ),
            (reverse("wagtailadmin_pages:delete", args=[page.pk]), {}),
            (reverse("wagtailadmin_pages:unpublish", args=[page.pk]), {}),
            (reverse("wagtailadmin_pages:edit", args=[page.pk]), {"title": "乗っ取り"}),
            (reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, other.revisions[0].pk]), {}),
            (reverse(system.snippet_viewset.get_url_name("delete"), args=[system.pk]), {}),
            (reverse(system.snippet_viewset.get_url_name("edit"), args=[system.pk]), {"name": "乗っ取り"}),
            (
                reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
                {"comment": ""},
            ),
            (reverse("wagtailadmin_pages:lock", args=[page.pk]), {}),
        ]
        clients = self.clients()
        for persona in NAGAOKA_PERSONAS:
            for url, data in posts:
                with self.subTest(persona=persona, url=url):
                    response = clients[persona].post(url, data)
                    self.assertNotEqual(response.status_code, 200, url)
                    self.assertNotIn(MIDORINO_SENTINEL, normalized_body(response))
        page.refresh_from_db()
        system.refresh_from_db()
        other.user.refresh_from_db()
        self.assertTrue(Page.objects.filter(pk=page.pk, live=True).exists())
        self.assertEqual(page.revisions.count(), revisions)
        self.assertIsNone(page.locked_by_id)
        self.assertTrue(System.objects.filter(pk=system.pk, name=system.name).exists())
        self.assertTrue(other.user.is_active)
        self.assertEqual(TaskState.objects.get(pk=task_state.pk).status, TaskState.STATUS_IN_PROGRESS)
        self.assertNotIn("乗っ取り", page.title)


class RegistryAdminUrlMatrixTest(MatrixTestCase):
    def test_each_persona_gets_its_row_on_the_registry_and_never_another_organizations_records(self):
        self.assert_every_persona_gets_its_row(r for r in self.all_requests() if is_registry(r.key))


class HookedAdminUrlsHaveRowsTest(SimpleTestCase):
    """A URL added through ``register_admin_urls`` (by us, by Wagtail, by any app installed later) needs a row."""

    def test_the_hooks_are_read(self):
        names = {url.name for url in hooked_admin_urls()}
        for expected in ("pia_assessments", "registry_access_logs", "accounts_mfa_setup", "wagtaildocs:index"):
            self.assertIn(expected, names)

    def test_every_url_registered_through_the_hook_has_a_row_in_the_matrix(self):
        missing = [url for url in hooked_admin_urls() if not any(key in EXPECTED for key in url.matrix_keys())]
        if missing:
            self.fail(
                f"{len(missing)} URL(s) registered with register_admin_urls have no row in "
                "tests/security/expectations.py:\n" + "\n".join(f"  {url}" for url in missing)
            )


# The matrix's size, for the README: patterns × personas.
__all__ = ["AdminUrlMatrixTest", "HookedAdminUrlsHaveRowsTest", "NONE", "RegistryAdminUrlMatrixTest"]
