"""A body and an unpublished, blank assessment made by the test (内子町長), for tests that must not lean on the demo."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from pia.formdef.values import empty_values
from pia.models import JutenAssessmentPage
from registry.enums import Role
from tests.factories import OrganizationFactory
from tests.factories.pia import AssessmentFactory, member


class UchikoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organization = OrganizationFactory(slug="uchiko", name="内子町長")
        cls.officer = member(
            cls.organization, Role.OFFICER, username="uchiko-officer", first_name="一郎", last_name="内子"
        )
        cls.approver = member(
            cls.organization, Role.APPROVER, username="uchiko-approver", first_name="花子", last_name="内子"
        )
        page = AssessmentFactory(
            organization=cls.organization,
            officer=cls.officer,
            approver=cls.approver,
            slug="juki",
            title="住民基本台帳に関する事務",
            affair="住民基本台帳に関する事務",
            values=empty_values(JutenAssessmentPage.definition_of_class()),
        )
        cls.page_id = page.pk

    def setUp(self):
        self.page = JutenAssessmentPage.objects.get(pk=self.page_id)
        self.client.force_login(self.officer)
        self.edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
