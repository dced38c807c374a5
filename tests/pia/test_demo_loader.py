"""`load_demo` builds the Nagaoka demo and changes nothing when run again."""

import datetime as dt
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, Revision, Workflow

from accounts.demo import is_demo_account
from demo.personas import PERSONAS
from pia.compliance.evidence import consistency_findings
from pia.formdef.document import iter_nodes
from pia.formdef.threshold_rule import threshold_contradictions
from pia.formdef.validation import missing_required
from pia.models import Publication
from pia.models.lookup import find_assessment
from registry.models import Department, Membership, Organization
from tests.nagaoka import IDENTIFIER, NagaokaTestCase


def printed_values(document):
    """The values of a resolved document by item path (items printed once)."""
    return {node["path"]: node.get("value") for node in iter_nodes(document)}


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


class DemoAssessmentsOfEveryKindTest(NagaokaTestCase):
    """Besides Nagaoka's 重点: its 基礎 (reconstructed) and 緑野市長's 基礎 and 全項目, each published once."""

    def publication_of(self, identifier, kind, form_label):
        page = find_assessment(identifier)
        self.assertTrue(page.live, identifier)
        publications = list(Publication.objects.filter(page=page).order_by("version"))
        self.assertEqual([p.version for p in publications], [1], identifier)
        document = publications[0].document
        self.assertEqual(document["definition"]["kind"], kind)
        self.assertEqual(document["definition"]["form_label"], form_label)
        self.assertEqual(threshold_contradictions(page.definition, document), [])
        return page, publications[0], printed_values(document)

    def test_nagaoka_has_its_kiso_built_from_its_juten_and_published_on_the_juten_latest_date(self):
        page, publication, values = self.publication_of(
            "nagaoka/covid19-vaccination-kiso", "kiso", "[令和６年10月　様式２]"
        )
        juten = Publication.objects.filter(page=find_assessment(IDENTIFIER)).order_by("-version").first()
        juten_values = printed_values(juten.document)
        self.assertEqual(publication.kohyo_bi, juten.kohyo_bi)
        self.assertEqual(publication.kohyo_bi, dt.date(2025, 6, 30))
        self.assertEqual(values["kanren.jimu.meisho"], juten_values["kihon.jimu.meisho"])
        self.assertEqual(values["kanren.jimu.meisho"], "新型コロナウイルス感染症対策に係る予防接種事務")
        self.assertEqual(values["cover.hyoka_jisshi_kikan_mei"], "長岡市長")
        self.assertEqual(values["shikiichi.taisho_ninzu.ninzu"], "10万人以上30万人未満")
        self.assertEqual(values["shikiichi.taisho_ninzu.keisu_jiten"], "2025-04-01")
        self.assertEqual(values["shikiichi.toriatsukai_shasu.ninzu"], "500人未満")
        self.assertEqual(values["shikiichi.jutai_jiko.hassei"], "発生なし")
        self.assertEqual(values["kekka.shikiichi_kekka"], "基礎項目評価及び重点項目評価の実施が義務付けられる")
        self.assertEqual(values["kekka.shikiichi_kekka"], juten_values["tetsuzuki.kiso.shikiichi_kekka"])
        # The departments print the registry's records, as the 重点's do.
        self.assertEqual(values["kanren.tanto_busho.busho"], "福祉保健部保健医療課")
        self.assertIn("総務部", values["kanren.seikyu.seikyusaki"])
        # Like its 重点, whose cover's header row the seed lacks, it prints no 評価書番号.
        self.assertEqual([f.path for f in missing_required(publication.document)], ["cover.hyokasho_bango"])

    def test_midorino_has_a_published_zenkomoku_with_its_comment_period_and_third_party_review(self):
        page, publication, values = self.publication_of(
            "midorino/juki-zenkomoku", "zenkomoku", "[令和６年10月　様式４]"
        )
        self.assertEqual(page.organization_page.organization.name, "緑野市長")
        self.assertEqual(values["kihon.jimu.taisho_ninzu"], "30万人以上")
        start = dt.date.fromisoformat(values["tetsuzuki.iken.kikan.kaishi_bi"])
        end = dt.date.fromisoformat(values["tetsuzuki.iken.kikan.shuryo_bi"])
        self.assertGreaterEqual((end - start).days + 1, 30)
        self.assertIsNone(values["tetsuzuki.iken.tanshuku_riyu"])
        self.assertTrue(values["tetsuzuki.daisansha.jisshi_bi"])
        self.assertIn("審議会", values["tetsuzuki.daisansha.hoho"])
        self.assertLessEqual(dt.date.fromisoformat(values["tetsuzuki.daisansha.jisshi_bi"]), publication.kohyo_bi)
        self.assertEqual(values["tetsuzuki.kiso.shikiichi_kekka"], "基礎項目評価及び全項目評価の実施が義務付けられる")
        self.assertEqual(missing_required(publication.document), [])

    def test_midorino_has_the_kiso_that_requires_the_zenkomoku(self):
        page, publication, values = self.publication_of("midorino/juki-kiso", "kiso", "[令和６年10月　様式２]")
        self.assertEqual(values["shikiichi.taisho_ninzu.ninzu"], "30万人以上")
        self.assertEqual(values["kekka.shikiichi_kekka"], "基礎項目評価及び全項目評価の実施が義務付けられる")
        self.assertEqual(values["kanren.jimu.meisho"], page.affair)
        self.assertEqual(find_assessment("midorino/juki-zenkomoku").affair, page.affair)
        self.assertEqual(missing_required(publication.document), [])
