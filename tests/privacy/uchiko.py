"""A body and an assessment created by the test (内子町長), for tests that must not lean on the demo."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from pia.models import JutenAssessmentPage
from pia.services.organizations import grant_role, provision_organization
from registry.enums import Role
from tests.factories import OrganizationFactory, UserFactory


class UchikoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organization = OrganizationFactory(slug="uchiko", name="内子町長")
        setup = provision_organization(cls.organization)
        cls.officer = UserFactory(username="uchiko-officer", first_name="一郎", last_name="内子")
        cls.approver = UserFactory(username="uchiko-approver", first_name="花子", last_name="内子")
        grant_role(cls.officer, cls.organization, Role.OFFICER)
        grant_role(cls.approver, cls.organization, Role.APPROVER)
        page = JutenAssessmentPage(
            title="住民基本台帳に関する事務", slug="juki", affair="住民基本台帳に関する事務", live=False
        )
        setup.page.add_child(instance=page)
        page.save_revision(user=cls.officer)
        cls.page_id = page.pk

    def setUp(self):
        self.page = JutenAssessmentPage.objects.get(pk=self.page_id)
        self.client.force_login(self.officer)
        self.edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
