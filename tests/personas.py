"""The persona base: two bodies, their people and a published assessment of body A, made by the factories.

Body A (長岡市長) has an officer, an approver (所属長) and an auditor, a small registry
(tests/factories/registry.py) and one assessment published VERSIONS times through Wagtail's
publish path; body B (緑野市長) has an officer, the outsider. An administrator sees both.
Nothing here reads the Nagaoka demo: tests about Nagaoka's own data use tests/nagaoka.py.
"""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from pia.models.lookup import find_assessment
from registry.enums import Role
from registry.models import Department
from tests.editor import edit_form_data
from tests.factories import OrganizationFactory
from tests.factories.pia import PUBLICATION_DATES, administrator, create_assessment, member, set_up_organization
from tests.factories.registry import build_registry

ORGANIZATION = {"slug": "nagaoka", "name": "長岡市長", "municipality": "長岡市（新潟県）"}
OTHER_ORGANIZATION = {"slug": "midorino", "name": "緑野市長", "municipality": "緑野市（架空の団体）"}
OTHER_DEPARTMENT = "健康福祉部健康課"

SLUG = "yobo-sesshu"
IDENTIFIER = f"{ORGANIZATION['slug']}/{SLUG}"
AFFAIR = "予防接種に関する事務"
TITLE = f"{AFFAIR} 重点項目評価書"
# The assessment was published three times (令和5年6月1日, 令和6年6月3日, 令和7年6月30日); a test's
# next publication is the fourth. Version 2 changed 保管場所 (※), version 3 ②事務の内容.
VERSIONS = 3
LATEST_PUBLICATION_DATE = PUBLICATION_DATES[VERSIONS - 1]

PEOPLE = {
    "officer": {"username": "nagaoka-officer", "last_name": "保健", "first_name": "花子"},
    "approver": {"username": "nagaoka-approver", "last_name": "医療", "first_name": "一郎"},
    "auditor": {"username": "nagaoka-auditor", "last_name": "監査", "first_name": "次郎"},
    "outsider": {"username": "midorino-officer", "last_name": "緑野", "first_name": "三郎"},
}


class PersonaTestCase(TestCase):
    """Officer, approver and auditor of organization A (長岡市長), an officer of B (緑野市長), an admin."""

    @classmethod
    def setUpTestData(cls):
        cls.organization = OrganizationFactory(**ORGANIZATION)
        cls.other_organization = OrganizationFactory(**OTHER_ORGANIZATION)
        set_up_organization(cls.organization)
        set_up_organization(cls.other_organization)
        Department.objects.create(organization=cls.other_organization, name=OTHER_DEPARTMENT, head_title="課長")
        cls.officer = member(cls.organization, Role.OFFICER, **PEOPLE["officer"])
        cls.approver = member(cls.organization, Role.APPROVER, **PEOPLE["approver"])
        cls.auditor = member(cls.organization, Role.AUDITOR, **PEOPLE["auditor"])
        cls.outsider = member(cls.other_organization, Role.OFFICER, **PEOPLE["outsider"])
        cls.admin = administrator(username="admin", last_name="管理", first_name="者")
        cls.registry = build_registry(cls.organization, history_user=cls.admin)
        cls.assessment = create_assessment(
            cls.organization,
            officer=cls.officer,
            approver=cls.approver,
            slug=SLUG,
            title=TITLE,
            affair=AFFAIR,
            registry=cls.registry,
            publications=VERSIONS,
        )

    @classmethod
    def personas(cls):
        return {
            "officer": cls.officer,
            "approver": cls.approver,
            "auditor": cls.auditor,
            "outsider": cls.outsider,
            "admin": cls.admin,
        }

    def fresh_assessment(self):
        return find_assessment(IDENTIFIER)

    def submit_change(self, purpose: str):
        """The officer rewrites ③使用目的 of the first file in the editor and submits it for approval."""
        page = self.fresh_assessment()
        values = page.get_values()
        values["files"][0]["nyushu"]["shiyo_mokuteki"] = purpose
        self.client.force_login(self.officer)
        data = edit_form_data(page, values, **{"action-submit": "submit"})
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        self.assertEqual(response.status_code, 302)
        return page
