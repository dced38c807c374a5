"""``manage.py create_organization`` creates a body ready to work: its page, role groups, permissions, workflow.

A body made by the test (内子町長) next to another made by the factories (砥部町長, with an assessment);
nothing leans on the demo. What the command sets up is checked through what people can then do.
"""

from __future__ import annotations

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowTask

from pia.models import OrganizationPage
from registry.enums import Role
from registry.jp.mynumber import MY_NUMBER_MESSAGE
from registry.models import Organization
from tests.factories import OrganizationFactory
from tests.factories.pia import AssessmentFactory, member

SLUG, NAME = "uchiko", "内子町長"
OTHER = {"slug": "tobe", "name": "砥部町長", "municipality": "砥部町（愛媛県）"}


def create(*args: str, **options: str) -> str:
    out = StringIO()
    call_command("create_organization", *args, stdout=out, **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    """How many of everything the command creates exist."""
    return {
        "organizations": Organization.objects.count(),
        "history": Organization.history.count(),  # type: ignore[attr-defined]
        "pages": Page.objects.count(),
        "groups": Group.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "workflows": Workflow.objects.count(),
        "workflow_tasks": WorkflowTask.objects.count(),
    }


class CreateOrganizationTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.other = OrganizationFactory(**OTHER)
        cls.other_officer = member(cls.other, Role.OFFICER, username="tobe-officer", last_name="砥部", first_name="一")
        cls.other_assessment = AssessmentFactory(
            organization=cls.other,
            officer=cls.other_officer,
            approver=member(cls.other, Role.APPROVER, username="tobe-approver"),
            slug="kokuho",
            affair="国民健康保険に関する事務",
        )

    def assert_refused(self, *args: str, expected: str, **options: str) -> None:
        before = counts()
        with self.assertRaises(CommandError) as raised:
            create(*args, **options)
        self.assertIn("評価実施機関を作成できません。", str(raised.exception))
        self.assertIn(expected, str(raised.exception))
        self.assertEqual(counts(), before, "nothing is created")


class CreatingABodyTest(CreateOrganizationTestCase):
    def test_it_creates_the_body_with_its_page_three_role_groups_and_the_approval_workflow(self):
        output = create(SLUG, name=NAME, municipality="内子町（愛媛県）", local_government_code="383422")

        self.assertIn("評価実施機関「内子町長」（uchiko）を作成しました。", output)
        organization = Organization.objects.get(slug=SLUG)
        self.assertEqual(
            (organization.name, organization.municipality, organization.local_government_code),
            (NAME, "内子町（愛媛県）", "383422"),
        )
        page = OrganizationPage.objects.get(organization=organization)
        self.assertTrue(page.live)
        self.assertEqual(page.get_url(), "/uchiko/")
        self.assertEqual(
            sorted(Group.objects.filter(name__startswith=NAME).values_list("name", flat=True)),
            ["内子町長 所属長", "内子町長 担当者", "内子町長 監査"],
        )
        workflow = page.get_workflow()
        self.assertEqual(workflow.name, "内子町長 所属長承認")
        task = workflow.tasks.get().specific
        self.assertEqual([group.name for group in task.groups.all()], ["内子町長 所属長"])
        self.assertIn("内子町長 所属長承認", output)

    def test_an_officer_of_the_new_body_can_add_an_assessment_under_it_and_nothing_of_another_body(self):
        create(SLUG, name=NAME)
        organization = Organization.objects.get(slug=SLUG)
        page = OrganizationPage.objects.get(organization=organization)
        officer = member(organization, Role.OFFICER, username="uchiko-officer", last_name="内子", first_name="花子")
        self.client.force_login(officer)

        add = self.client.get(reverse("wagtailadmin_pages:add", args=["pia", "jutenassessmentpage", page.pk]))
        self.assertEqual(add.status_code, 200)

        other_page = self.other_assessment
        for url in (
            reverse("wagtailadmin_pages:edit", args=[other_page.pk]),
            reverse("wagtailadmin_explore", args=[other_page.get_parent().pk]),
            reverse("pia_assessment_document", args=[other_page.pk]),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn("国民健康保険に関する事務", response.content.decode())
        listing = self.client.get(reverse("pia_assessments"))
        self.assertNotIn("国民健康保険に関する事務", listing.content.decode())

    def test_the_approver_may_publish_under_the_new_body_and_the_auditor_may_not_edit(self):
        create(SLUG, name=NAME)
        organization = Organization.objects.get(slug=SLUG)
        page = OrganizationPage.objects.get(organization=organization)
        approver = member(organization, Role.APPROVER, username="uchiko-approver")
        auditor = member(organization, Role.AUDITOR, username="uchiko-auditor")

        self.assertTrue(page.permissions_for_user(approver).can_publish_subpage())
        self.assertFalse(page.permissions_for_user(auditor).can_add_subpage())
        self.assertFalse(self.other_assessment.permissions_for_user(approver).can_edit())


class RunningItAgainTest(CreateOrganizationTestCase):
    def test_the_same_slug_and_name_again_change_nothing_and_say_so(self):
        create(SLUG, name=NAME, municipality="内子町（愛媛県）")
        before = counts()

        output = create(SLUG, name=NAME, municipality="別の団体名")

        self.assertIn("評価実施機関「内子町長」（uchiko）は登録済みです。新たに作成したものはありません", output)
        self.assertEqual(counts(), before)
        self.assertEqual(Organization.objects.get(slug=SLUG).municipality, "内子町（愛媛県）")

    def test_a_body_made_by_the_factories_is_completed_not_duplicated(self):
        output = create(OTHER["slug"], name=OTHER["name"])

        self.assertIn("登録済み", output)
        self.assertEqual(Organization.objects.filter(name=OTHER["name"]).count(), 1)
        self.assertEqual(OrganizationPage.objects.filter(organization=self.other).count(), 1)


class RefusalsTest(CreateOrganizationTestCase):
    def test_it_refuses_a_slug_that_is_not_a_slug_naming_the_characters(self):
        self.assert_refused(
            "Uchiko Town!", name=NAME, expected="識別子に使えない文字 「U」「空白」「T」「!」 が含まれています。"
        )

    def test_it_refuses_other_slugs_that_cannot_be_a_public_address(self):
        cases = {
            "-uchiko": "識別子は半角英小文字か数字で始めてください。",
            "うちこ": "識別子に使えない文字",
            "search": "識別子「search」は公開サイトの別のページ（/search/）と重なるため使えません。",
            "admin": "公開サイトの別のページ（/admin/）と重なる",
            "a" * 51: "識別子は50文字以内で入力してください（51文字あります）。",
            "uchiko-1234-5678-9018": MY_NUMBER_MESSAGE,
        }
        for slug, expected in cases.items():
            with self.subTest(slug=slug):
                self.assert_refused("--", slug, name=NAME, expected=expected)  # "--": a slug may start with "-"

    def test_it_refuses_a_missing_slug_in_japanese(self):
        self.assert_refused(name=NAME, expected="識別子を入力してください（半角英小文字・数字・ハイフン）。")

    def test_it_refuses_a_slug_held_by_a_body_of_another_name(self):
        self.assert_refused(
            "tobe", name=NAME, expected="識別子「tobe」は既に「砥部町長」が使っています。別の識別子を指定してください。"
        )

    def test_it_refuses_a_name_held_under_another_slug_in_any_spacing_or_width(self):
        for name in ("砥部町長", " 砥部町長 ", "砥部　町長"):
            with self.subTest(name=name):
                self.assert_refused(
                    "tobe-cho", name=name, expected="評価実施機関名「砥部町長」は既に識別子「tobe」で登録されています。"
                )

    def test_it_refuses_a_missing_name_in_japanese(self):
        self.assert_refused(SLUG, expected="評価実施機関名を入力してください")

    def test_it_refuses_a_name_with_markup_line_breaks_or_a_my_number_or_too_long(self):
        cases = {
            "<b>内子町長</b>": "評価実施機関名に使えない文字",
            "内子町長\n総務課": "評価実施機関名に使えない文字",
            "内子町長 1234 5678 9018": MY_NUMBER_MESSAGE,
            "内" * 101: "評価実施機関名は100文字以内で入力してください（101文字あります）。",
        }
        for name, expected in cases.items():
            with self.subTest(name=name[:20]):
                self.assert_refused(SLUG, name=name, expected=expected)

    def test_it_refuses_a_local_government_code_that_is_not_six_digits(self):
        self.assert_refused(SLUG, name=NAME, local_government_code="38342", expected="6桁の半角数字")

    def test_a_refusal_never_repeats_a_my_number(self):
        with self.assertRaises(CommandError) as raised:
            create(SLUG, name="内子町長 123456789018")
        self.assertNotIn("123456789018", str(raised.exception))
