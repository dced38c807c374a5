"""Both organizations' data for the admin scoping tests: the demo's Nagaoka and a Midorino made here."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.log_actions import log

from pia.models import JutenAssessmentPage, OrganizationPage
from pia.services.organizations import grant_role
from registry.enums import Role
from registry.models import Contractor, Department, Organization
from tests.personas import PersonaTestCase

MIDORINO_TITLE = "緑野市 児童手当事務 重点項目評価書（未公表）"
MIDORINO_CONTRACTOR = "緑野データサービス株式会社"
MIDORINO_DEPARTMENT = "健康福祉部健康課"
# What Wagtail prints for the Midorino people: their usernames and names.
MIDORINO_PEOPLE = ("midorino-officer", "midorino-approver", "三郎", "四郎")


class ScopingTestCase(PersonaTestCase):
    """The demo, plus Midorino's own draft (saved, locked, in its approval workflow) and registry edits."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.midorino = Organization.objects.get(slug="midorino")
        cls.nagaoka = Organization.objects.get(slug="nagaoka")
        cls.midorino_approver = get_user_model().objects.create_user(
            "midorino-approver", last_name="緑野", first_name="四郎", password="x-not-used-x"
        )
        grant_role(cls.midorino_approver, cls.midorino, Role.APPROVER)
        org_page = OrganizationPage.objects.get(organization=cls.midorino)
        page = JutenAssessmentPage(title=MIDORINO_TITLE, slug="jidou-teate", affair="児童手当事務")
        page.live = False
        org_page.add_child(instance=page)
        revision = page.save_revision(user=cls.outsider, log_action=True)
        page.get_workflow().start(page, cls.outsider)
        JutenAssessmentPage.objects.filter(pk=page.pk).update(
            locked=True, locked_by=cls.outsider, locked_at=timezone.now()
        )
        cls.midorino_page = JutenAssessmentPage.objects.get(pk=page.pk)
        cls.midorino_revision = revision
        cls.midorino_contractor = Contractor.objects.create(organization=cls.midorino, name=MIDORINO_CONTRACTOR)
        log(instance=cls.midorino_contractor, action="wagtail.create", user=cls.outsider)
        cls.midorino_department = Department.objects.get(organization=cls.midorino, name=MIDORINO_DEPARTMENT)
        cls.nagaoka_contractor = Contractor.objects.filter(organization=cls.nagaoka).order_by("pk").first()
        log(instance=cls.nagaoka_contractor, action="wagtail.edit", user=cls.officer)

    def login(self, user):
        self.client.logout()
        self.client.force_login(user)

    @staticmethod
    def text_of(response) -> str:
        """The response as a person would read it; JSON (modal choosers) with its escapes undone."""
        if response.streaming:
            return b"".join(response.streaming_content).decode()
        body = response.content.decode()
        if response.get("Content-Type", "").startswith("application/json"):
            return json.dumps(json.loads(body), ensure_ascii=False)
        return body

    def assert_shows_nothing_of_midorino(self, response, *also: str):
        body = self.text_of(response)
        for text in (MIDORINO_TITLE, MIDORINO_CONTRACTOR, *MIDORINO_PEOPLE, *also):
            self.assertFalse(text in body, f"{text} shown at {response.request['PATH_INFO']}")

    def assert_absent(self, response, *texts: str):
        body = self.text_of(response)
        for text in texts:
            self.assertFalse(text in body, f"{text} shown at {response.request['PATH_INFO']}")
