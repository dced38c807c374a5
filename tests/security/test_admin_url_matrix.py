"""Every admin URL from the URL resolver, for every persona, with objects of two organizations.

The URL patterns come from ``get_resolver()`` (Wagtail's, ours, and the scoped versions put in
front of Wagtail's), their path parameters are filled with objects of 長岡市長 (own) and of
緑野市長 (other), and each is requested as every persona. The expected outcomes are one table
(expectations.py); a URL without a row fails, so no view is added unscoped.
"""

from __future__ import annotations

from django.test import Client
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
    hook_url_names,
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


class AdminUrlMatrixTest(PersonaTestCase):
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

    def test_every_admin_url_pattern_has_a_row(self):
        missing = sorted(
            {f"{r.key} [{r.owner}]" for r in self.all_requests() if r.owner not in EXPECTED.get(r.key, {})}
        )
        self.assertEqual(missing, [], "admin URL patterns without a row in tests/security/expectations.py")

    def test_every_url_our_apps_register_has_a_row(self):
        names = hook_url_names()
        self.assertIn("pia_assessments", names)
        self.assertIn("registry_access_logs", names)
        self.assertEqual(sorted(n for n in names if n not in EXPECTED), [], "register_admin_urls URLs without a row")

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

    def test_each_persona_gets_its_row_and_never_another_organizations_data(self):
        clients = self.clients()
        failures = []
        for request in self.all_requests():
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
            with self.subTest(url=request.key, owner=request.owner):
                if problems:
                    failures.append(f"{request.key} [{request.owner}] {request.url}: " + "; ".join(problems))
                self.assertEqual(problems, [])
        self.assertEqual(failures, [], "\n" + "\n".join(failures))

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


# The matrix's size, for the README: patterns × personas.
__all__ = ["AdminUrlMatrixTest", "NONE"]
