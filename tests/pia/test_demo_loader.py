"""`load_demo` builds the Nagaoka demo and changes nothing when run again."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, Revision, Workflow

from accounts.demo import is_demo_account
from demo.personas import PERSONAS
from pia.compliance.evidence import consistency_findings
from registry.models import Department, Membership, Organization
from tests.nagaoka import NagaokaTestCase


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "workflows": Workflow.objects.count(),
        "organizations": Organization.objects.count(),
        "departments": Department.objects.count(),
        "memberships": Membership.objects.count(),
    }


class DemoLoaderTest(NagaokaTestCase):
    def test_running_it_twice_changes_nothing(self):
        before = snapshot()
        out = StringIO()
        call_command("load_demo", stdout=out)
        self.assertEqual(snapshot(), before)
        self.assertIn("変更なし", out.getvalue())

    def test_it_prints_every_persona_and_password(self):
        out = StringIO()
        call_command("load_demo", stdout=out)
        for persona in PERSONAS:
            self.assertIn(persona.username, out.getvalue())
            self.assertIn(persona.password, out.getvalue())

    def test_every_persona_is_marked_as_a_demo_account(self):
        for persona in PERSONAS:
            self.assertTrue(is_demo_account(get_user_model().objects.get(username=persona.username)))

    def test_every_persona_can_log_in_with_the_printed_password(self):
        for persona in PERSONAS:
            self.assertTrue(self.client.login(username=persona.username, password=persona.password), persona.username)

    def test_the_assessment_is_published_and_carries_the_seeds_warning(self):
        page = self.fresh_assessment()
        self.assertTrue(page.live)
        self.assertEqual(page.organization_page.organization.name, "長岡市長")
        findings = [str(f) for f in consistency_findings(page)]
        seeds_warning = (
            "Ⅱ　特定個人情報ファイルの概要 ５．特定個人情報の提供・移転（委託に伴うものを除く。） "
            "提供・移転の有無："
            "「提供を行っている」に（2）件と記載されていますが、提供先は1件です。"
        )
        self.assertEqual(findings[0], seeds_warning)
        # Nagaoka's two delegation contracts ended on 令和8年3月31日 and are still printed.
        self.assertTrue(findings[1:])
        self.assertTrue(all("契約期間が令和8年3月31日に終了しています。" in finding for finding in findings[1:]))

    def test_the_departments_of_the_contacts_exist(self):
        names = set(Department.objects.filter(organization__slug="nagaoka").values_list("name", flat=True))
        self.assertEqual(names, {"福祉保健部保健医療課", "総務部庶務課"})
