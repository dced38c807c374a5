"""The administrators' screen for bodies: list, create, departments, members (with history), for administrators only.

Two bodies made by the test: 砥部町長 (tobe, made by the factories, with its officer, approver and
auditor) and the ones an administrator creates here. A new body is created by the same service as
``manage.py create_organization``, so the screen refuses the same input with the same messages.
"""

from __future__ import annotations

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from pia.models import OrganizationPage
from registry.enums import Role
from registry.jp.wareki import format_date
from registry.models import Department, Membership, Organization
from tests.factories import DepartmentFactory, OrganizationFactory, UserFactory
from tests.factories.pia import administrator, member, set_up_organization

OTHER = {"slug": "tobe", "name": "砥部町長", "municipality": "砥部町（愛媛県）"}
NEW = {
    "name": "内子町長",
    "slug": "uchiko",
    "municipality": "内子町（愛媛県）",
    "local_government_code": "",
    "address": "",
}


def form_errors(response) -> list[str]:
    form = response.context["form"] if "form" in response.context else response.context["member_form"]
    return [str(message) for messages in form.errors.values() for message in messages]


def denied(response) -> bool:
    """403, or Wagtail's way of refusing: back to the dashboard (with "you do not have permission")."""
    if response.status_code == 302:
        return response["Location"].split("?")[0] == reverse("wagtailadmin_home")
    return response.status_code == 403


class OrganizationAdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.body = OrganizationFactory(**OTHER)
        set_up_organization(cls.body)
        cls.department = DepartmentFactory(organization=cls.body, name="保健福祉課", head_title="課長")
        cls.officer = member(cls.body, Role.OFFICER, username="tobe-officer", last_name="砥部", first_name="一郎")
        cls.approver = member(cls.body, Role.APPROVER, username="tobe-approver", last_name="砥部", first_name="二郎")
        cls.auditor = member(cls.body, Role.AUDITOR, username="tobe-auditor", last_name="砥部", first_name="三郎")
        cls.admin = administrator(username="tobe-admin", last_name="管理", first_name="太郎")
        cls.newcomer = UserFactory(username="tobe-newcomer", last_name="新任", first_name="花子")

    def setUp(self):
        self.client.force_login(self.admin)

    def detail_url(self, organization=None) -> str:
        return reverse("pia_organization", args=[(organization or self.body).pk])

    def everything(self) -> dict[str, int]:
        return {
            "organizations": Organization.objects.count(),
            "groups": Group.objects.count(),
            "pages": OrganizationPage.objects.count(),
            "memberships": Membership.objects.count(),
            "membership_history": Membership.history.count(),  # type: ignore[attr-defined]
            "departments": Department.objects.count(),
        }


class OnlyAdministratorsTest(OrganizationAdminTestCase):
    def urls(self) -> list[str]:
        return [
            reverse("pia_organizations"),
            reverse("pia_organization_add"),
            self.detail_url(),
            reverse("pia_organization_department_add", args=[self.body.pk]),
            reverse("pia_organization_department_edit", args=[self.body.pk, self.department.pk]),
        ]

    def test_officer_approver_and_auditor_are_refused_every_screen(self):
        for user in (self.officer, self.approver, self.auditor):
            self.client.force_login(user)
            for url in self.urls():
                with self.subTest(user=user.username, url=url):
                    self.assertTrue(denied(self.client.get(url)))

    def test_their_posts_change_nothing(self):
        membership = Membership.objects.get(user=self.officer, organization=self.body)
        before = self.everything()
        for user in (self.officer, self.approver, self.auditor):
            self.client.force_login(user)
            posts = [
                (reverse("pia_organization_add"), NEW),
                (self.detail_url(), {"username": user.username, "role": Role.APPROVER}),
                (reverse("pia_organization_member_remove", args=[self.body.pk, membership.pk]), {}),
                (reverse("pia_organization_department_add", args=[self.body.pk]), {"name": "乗っ取り課"}),
            ]
            for url, data in posts:
                with self.subTest(user=user.username, url=url):
                    self.assertTrue(denied(self.client.post(url, data)))
        self.assertEqual(self.everything(), before)

    def test_someone_not_signed_in_is_sent_to_the_login(self):
        self.client.logout()
        response = self.client.get(reverse("pia_organizations"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("wagtailadmin_login")))

    def test_administrators_reach_every_screen_and_find_it_in_the_settings_menu(self):
        for url in self.urls():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        self.assertIn(reverse("pia_organizations"), self.client.get(reverse("wagtailadmin_home")).content.decode())
        self.client.force_login(self.approver)
        self.assertNotIn(reverse("pia_organizations"), self.client.get(reverse("wagtailadmin_home")).content.decode())


class CreatingABodyTest(OrganizationAdminTestCase):
    def test_the_list_shows_each_body_with_its_departments_and_members(self):
        response = self.client.get(reverse("pia_organizations"))

        body = response.content.decode()
        self.assertIn("砥部町長", body)
        self.assertIn("<code>tobe</code>", body)
        self.assertIn("<td>3件</td>", body)  # three members

    def test_an_administrator_creates_a_body_with_its_page_groups_and_workflow(self):
        response = self.client.post(reverse("pia_organization_add"), NEW, follow=True)

        organization = Organization.objects.get(slug="uchiko")
        self.assertRedirects(response, self.detail_url(organization))
        body = response.content.decode()
        self.assertIn("評価実施機関「内子町長」を作成しました", body)
        self.assertIn("内子町長 担当者、内子町長 所属長、内子町長 監査", body)
        page = OrganizationPage.objects.get(organization=organization)
        self.assertEqual(page.get_workflow().name, "内子町長 所属長承認")
        created = organization.history.get()
        self.assertEqual(created.history_user, self.admin, "the history names the administrator")

    def test_the_same_body_again_creates_nothing_and_says_so(self):
        self.client.post(reverse("pia_organization_add"), NEW)
        before = self.everything()

        response = self.client.post(reverse("pia_organization_add"), NEW, follow=True)

        self.assertIn(
            "評価実施機関「内子町長」は登録済みです。新たに作成したものはありません。", response.content.decode()
        )
        self.assertEqual(self.everything(), before)

    def test_the_screen_refuses_what_the_command_refuses_with_the_same_message(self):
        cases = [
            {"slug": "Uchiko Town!", "name": "内子町長"},
            {"slug": "tobe", "name": "内子町長"},
            {"slug": "tobe-cho", "name": "砥部町長"},
            {"slug": "uchiko", "name": ""},
        ]
        for case in cases:
            with self.subTest(**case):
                with self.assertRaises(CommandError) as raised:
                    call_command("create_organization", case["slug"], name=case["name"], stdout=StringIO())
                before = self.everything()

                response = self.client.post(reverse("pia_organization_add"), {**NEW, **case})

                self.assertEqual(response.status_code, 200)
                errors = form_errors(response)
                self.assertTrue(errors)
                for message in errors:
                    self.assertIn(message, str(raised.exception))
                self.assertEqual(self.everything(), before)

    def test_hostile_input_gives_form_errors_escapes_what_was_typed_and_creates_nothing(self):
        script = "<script>alert('内子')</script>町長"
        cases = {
            "overlong name": (
                {"name": "内" * 101},
                "評価実施機関名は100文字以内で入力してください（101文字あります）。",
            ),
            "markup in the name": ({"name": script}, "評価実施機関名に使えない文字"),
            "empty fields": ({"name": "", "slug": ""}, "評価実施機関名を入力してください"),
            "markup in the address": ({"address": "<img src=x onerror=alert(1)>"}, "所在地に使えない文字"),
            "a my number in the municipality": ({"municipality": "内子町 1234-5678-9018"}, "「団体名」：個人番号"),
        }
        before = self.everything()
        for name, (fields, expected) in cases.items():
            with self.subTest(name):
                response = self.client.post(reverse("pia_organization_add"), {**NEW, **fields})

                self.assertEqual(response.status_code, 200)
                self.assertTrue(any(expected in message for message in form_errors(response)), form_errors(response))
                body = response.content.decode()
                self.assertNotIn("<script>alert", body)
                self.assertNotIn("<img src=x", body)
                self.assertNotIn("1234-5678-9018", body)
        self.assertEqual(self.everything(), before)
        response = self.client.post(reverse("pia_organization_add"), {**NEW, "name": script})
        self.assertIn("&lt;script&gt;alert(&#x27;内子&#x27;)&lt;/script&gt;町長", response.content.decode())

    def test_empty_fields_are_each_named(self):
        response = self.client.post(reverse("pia_organization_add"), {"name": "", "slug": ""})

        form = response.context["form"]
        self.assertIn("評価実施機関名を入力してください（例：内子町長）。", form.errors["name"])
        self.assertIn("識別子を入力してください（半角英小文字・数字・ハイフン）。", form.errors["slug"])


class MembersTest(OrganizationAdminTestCase):
    def add_url(self) -> str:
        return reverse("wagtailadmin_pages:add", args=["pia", "jutenassessmentpage", self.org_page().pk])

    def org_page(self) -> OrganizationPage:
        return OrganizationPage.objects.get(organization=self.body)

    def can_add_an_assessment(self, user) -> bool:
        self.client.force_login(user)
        try:
            return self.client.get(self.add_url()).status_code == 200
        finally:
            self.client.force_login(self.admin)

    def test_adding_and_removing_a_member_changes_what_they_may_do_and_is_kept_in_the_history(self):
        self.assertFalse(self.can_add_an_assessment(self.newcomer))

        response = self.client.post(self.detail_url(), {"username": "tobe-newcomer", "role": Role.OFFICER}, follow=True)

        self.assertIn("新任 花子さんを「担当者」に追加しました。", response.content.decode())
        membership = Membership.objects.get(user=self.newcomer, organization=self.body, role=Role.OFFICER)
        self.assertIn("砥部町長 担当者", [group.name for group in self.newcomer.groups.all()])
        self.assertTrue(self.can_add_an_assessment(self.newcomer))

        remove = reverse("pia_organization_member_remove", args=[self.body.pk, membership.pk])
        response = self.client.post(remove, follow=True)

        self.assertIn("新任 花子さんを「担当者」から外しました。", response.content.decode())
        self.assertFalse(Membership.objects.filter(user=self.newcomer, organization=self.body).exists())
        self.assertNotIn("砥部町長 担当者", [group.name for group in self.newcomer.groups.all()])
        self.assertFalse(self.can_add_an_assessment(self.newcomer))

        history = Membership.history.filter(user_id=self.newcomer.pk).order_by("history_date")  # type: ignore[attr-defined]
        self.assertEqual(
            [(h.history_type, h.role, h.history_user) for h in history],
            [
                ("+", Role.OFFICER, self.admin),
                ("-", Role.OFFICER, self.admin),
            ],
        )
        page = self.client.get(self.detail_url()).content.decode()
        today = format_date(timezone.localdate())
        rows = [row for row in page.split("<tr>") if "tobe-newcomer" in row]
        self.assertEqual(len(rows), 2, "both changes are listed, and the newcomer is no longer a member")
        for row, kind in zip(rows, ("削除", "追加"), strict=True):  # newest first
            self.assertIn(today, row)
            self.assertIn("管理 太郎", row)
            self.assertIn(f"<td>{kind}</td>", row)
            self.assertIn("担当者", row)

    def test_a_user_may_hold_two_roles_and_losing_one_keeps_the_other(self):
        self.client.post(self.detail_url(), {"username": "tobe-officer", "role": Role.AUDITOR})
        auditing = Membership.objects.get(user=self.officer, organization=self.body, role=Role.AUDITOR)

        self.client.post(reverse("pia_organization_member_remove", args=[self.body.pk, auditing.pk]))

        self.assertTrue(Membership.objects.filter(user=self.officer, role=Role.OFFICER).exists())
        self.assertEqual([group.name for group in self.officer.groups.all()], ["砥部町長 担当者"])

    def test_an_unknown_user_a_role_already_held_or_empty_fields_are_refused_and_change_nothing(self):
        cases = [
            ({"username": "nobody", "role": Role.OFFICER}, "この利用者名の利用者はいません。"),
            ({"username": "tobe-officer", "role": Role.OFFICER}, "この利用者は既に「担当者」です。"),
            ({"username": "", "role": ""}, "この項目は必須です"),
            ({"username": "tobe-newcomer", "role": "superuser"}, "正しく選択してください。"),
            ({"username": "<script>x</script>", "role": Role.OFFICER}, "この利用者名の利用者はいません。"),
        ]
        before = self.everything()
        for data, expected in cases:
            with self.subTest(**data):
                response = self.client.post(self.detail_url(), data)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(any(expected in message for message in form_errors(response)), form_errors(response))
                self.assertNotIn("<script>x", response.content.decode())
        self.assertEqual(self.everything(), before)

    def test_a_membership_of_another_body_is_not_removed_through_this_bodys_address(self):
        other = OrganizationFactory(slug="iyo", name="伊予市長")
        set_up_organization(other)
        outsider = member(other, Role.OFFICER, username="iyo-officer")
        membership = Membership.objects.get(user=outsider)

        response = self.client.post(reverse("pia_organization_member_remove", args=[self.body.pk, membership.pk]))

        self.assertEqual(response.status_code, 404)
        self.assertTrue(Membership.objects.filter(pk=membership.pk).exists())

    def test_removing_takes_a_post(self):
        membership = Membership.objects.get(user=self.officer)
        response = self.client.get(reverse("pia_organization_member_remove", args=[self.body.pk, membership.pk]))
        self.assertEqual(response.status_code, 405)
        self.assertTrue(Membership.objects.filter(pk=membership.pk).exists())


class DepartmentsTest(OrganizationAdminTestCase):
    def test_an_administrator_adds_a_department_to_the_body_with_the_reason_in_its_history(self):
        url = reverse("pia_organization_department_add", args=[self.body.pk])
        data = {"name": "税務課", "head_title": "課長", "phone": "089-962-2111", "change_reason": "機構改革"}

        response = self.client.post(url, data, follow=True)

        department = Department.objects.get(organization=self.body, name="税務課")
        self.assertIn("部署「税務課」を追加しました。", response.content.decode())
        self.assertEqual(department.phone, "089-962-2111")
        record = department.history.get()
        self.assertEqual((record.history_user, record.history_change_reason), (self.admin, "機構改革"))

    def test_an_administrator_edits_a_department(self):
        url = reverse("pia_organization_department_edit", args=[self.body.pk, self.department.pk])

        self.client.post(url, {"name": "保健福祉課", "head_title": "課長補佐", "change_reason": "役職名の訂正"})

        self.department.refresh_from_db()
        self.assertEqual(self.department.head_title, "課長補佐")
        self.assertEqual(self.department.history.count(), 2)

    def test_bad_departments_are_refused_and_nothing_is_stored(self):
        url = reverse("pia_organization_department_add", args=[self.body.pk])
        cases = [
            ({"name": ""}, "この項目は必須です"),
            ({"name": "保健福祉課"}, "この評価実施機関には同じ名前の部署が既にあります。"),
            ({"name": "課" * 101}, "100 文字以下"),
            ({"name": "税務課", "phone": "1234 5678 9018"}, "個人番号"),
            ({"name": "税務課", "postal_code": "<b>x</b>"}, "例：940-8501"),
        ]
        before = self.everything()
        for data, expected in cases:
            with self.subTest(**data):
                response = self.client.post(url, data)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(any(expected in message for message in form_errors(response)), form_errors(response))
                self.assertNotIn("<b>x</b>", response.content.decode())
        self.assertEqual(self.everything(), before)

    def test_a_department_of_another_body_is_not_found_under_this_body(self):
        other = DepartmentFactory(organization=OrganizationFactory(slug="iyo", name="伊予市長"), name="市民課")
        url = reverse("pia_organization_department_edit", args=[self.body.pk, other.pk])

        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.post(url, {"name": "乗っ取り"}).status_code, 404)
        other.refresh_from_db()
        self.assertEqual(other.name, "市民課")

    def test_the_body_screen_lists_its_departments_with_links_to_edit_them(self):
        body = self.client.get(self.detail_url()).content.decode()

        self.assertIn("保健福祉課", body)
        self.assertIn(reverse("pia_organization_department_edit", args=[self.body.pk, self.department.pk]), body)


class EveryScreenIsJapaneseTest(OrganizationAdminTestCase):
    """The screens in the states that show the most words: listed members and history, refused forms."""

    def test_the_screens_and_their_refusals_show_no_english(self):
        from django.contrib.auth import get_user_model

        from tests.i18n.english import EnglishFinder

        membership = Membership.objects.get(user=self.auditor)
        self.client.post(self.detail_url(), {"username": "tobe-newcomer", "role": Role.APPROVER})
        self.client.post(reverse("pia_organization_member_remove", args=[self.body.pk, membership.pk]))
        responses = {
            "list": self.client.get(reverse("pia_organizations")),
            "body": self.client.get(self.detail_url()),
            "new body, refused": self.client.post(
                reverse("pia_organization_add"), {"slug": "Uchiko Town!", "name": ""}
            ),
            "member, refused": self.client.post(self.detail_url(), {"username": "nobody", "role": "x"}),
            "department, refused": self.client.post(
                reverse("pia_organization_department_add", args=[self.body.pk]), {"name": "", "postal_code": "x"}
            ),
            "department": self.client.get(
                reverse("pia_organization_department_edit", args=[self.body.pk, self.department.pk])
            ),
        }
        identifiers = {user.username for user in get_user_model().objects.all()}
        finder = EnglishFinder(identifiers | set(Organization.objects.values_list("slug", flat=True)) | {"nobody"})
        for name, response in responses.items():
            with self.subTest(name):
                self.assertEqual(response.status_code, 200)
                self.assertEqual(finder.in_markup(response.content.decode()), [])
