"""A 基礎項目評価書 [令和６年10月　様式２] is published like any form: its PDF prints every label of its
definition, its XML reads back and imports exactly, and a change between two publications is its
change annex's row.

The body is fictitious (みなと台市長) with the factories' registry; its 基礎 was published twice:
version 2 changed the ※ item Ⅰ3 個人番号の利用 法令上の根拠 (tests/factories/pia.py version_edits).
"""

from __future__ import annotations

import datetime as dt

from django.test import TestCase
from lxml import etree

from exports.artifact_data import published_data
from exports.xml.document import SCHEMA_PATH, publication_xml, read_publication_xml
from pia.formdef.document import iter_nodes
from pia.formdef.editions import on_edition
from pia.formdef.loader import get_definition
from pia.models import KisoAssessmentPage, OrganizationPage, Publication
from pia.services.imports import import_assessment
from registry.enums import Role
from tests.exports.rendered import PrintedText, page_texts, pdf_of, squeeze, unprinted_labels
from tests.factories import OrganizationFactory
from tests.factories.pia import create_assessment, member, set_up_organization, version_text
from tests.factories.registry import build_registry

# 公表日 of the two versions, both after the 令和６年10月 revision: they print the current edition.
DATES = (dt.date(2024, 11, 1), dt.date(2025, 6, 30))

TITLE = "児童手当に関する事務 基礎項目評価書"
# The 別添 path of the changed item, as the 重点's annex prints the same item under the 基礎's section
# name (jp-pia-seed-values.yaml, 別添2 row 83: 「Ⅰ　関連情報」「４．個人番号の利用」「法令上の根拠」),
# with the 基礎's own number ３．.
CHANGED_ITEM = "Ⅰ　関連情報 ３．個人番号の利用 法令上の根拠"


def without_meta(document):
    return {key: value for key, value in document.items() if key != "assessment"}


class KisoPublicationTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organization = OrganizationFactory(
            slug="minatodai", name="みなと台市長", municipality="みなと台市（架空の団体）"
        )
        set_up_organization(cls.organization)
        officer = member(cls.organization, Role.OFFICER, username="minatodai-officer")
        cls.officer = officer
        approver = member(cls.organization, Role.APPROVER, username="minatodai-approver")
        cls.page = create_assessment(
            cls.organization,
            dates=DATES,
            officer=officer,
            approver=approver,
            slug="jido-teate",
            title=TITLE,
            affair="児童手当に関する事務",
            registry=build_registry(cls.organization),
            publications=2,
            page_class=KisoAssessmentPage,
        )
        cls.publication = Publication.objects.get(page=cls.page, version=2)
        cls.data = published_data(cls.publication)
        cls.pdf = pdf_of(cls.data)
        cls.printed = PrintedText(cls.pdf)
        cls.xml = publication_xml(cls.data)

    def test_the_publication_holds_the_kiso_definition(self):
        self.assertEqual(self.publication.document["definition"]["id"], "kiso-r06-10")
        self.assertEqual(self.publication.document["definition"]["kind"], "kiso")

    def test_every_label_choice_and_check_of_the_form_is_printed(self):
        self.assertEqual(unprinted_labels(self.data.document, self.printed), [])
        self.assertGreater(len(list(iter_nodes(self.data.document))), 50)

    def test_every_value_of_the_publication_is_printed(self):
        missing = []
        for node in iter_nodes(self.data.document):
            if node["type"] in ("single_choice", "text", "multiline_text", "date") and node.get("text"):
                wanted = node["value"] if node["type"] == "single_choice" else node["text"]
                if not self.printed.contains(wanted):
                    missing.append((node["path"], wanted))
        self.assertEqual(missing, [])

    def test_the_cover_carries_the_kiso_title_identity_date_and_form_label(self):
        cover = squeeze(page_texts(self.pdf)[0])
        for text in (
            "特定個人情報保護評価書（基礎項目評価書）",
            "評価書番号",
            "評価書名",
            TITLE,
            "個人のプライバシー等の権利利益の保護の宣言",
            "評価実施機関名",
            "みなと台市長",
            "公表日",
            "令和7年6月30日",  # version 2's 公表日
            "[令和６年10月　様式２]",
        ):
            self.assertIn(squeeze(text), cover)
        self.assertEqual(self.publication.kohyo_bi, DATES[1])
        toc = squeeze(page_texts(self.pdf)[1])
        for entry in ("Ⅰ　関連情報", "Ⅱ　しきい値判断項目", "Ⅲ　しきい値判断結果", "変更箇所"):
            self.assertIn(squeeze(entry), toc)
        self.assertIn(squeeze("[令和６年10月　様式２]"), squeeze(page_texts(self.pdf)[2]))  # the running header

    def test_the_threshold_answers_print_as_the_form_prints_choices(self):
        text = self.printed.joined
        self.assertIn(squeeze("[ 1万人以上10万人未満 ]"), text)
        self.assertIn(squeeze("[ 500人未満 ]"), text)
        self.assertIn(squeeze("[ 基礎項目評価の実施が義務付けられる ]"), text)
        self.assertIn(squeeze("5) 30万人以上"), text)

    def test_the_change_between_the_two_publications_is_its_annex_row(self):
        (row,) = self.publication.annex_rows.all()
        self.assertEqual(row.komoku, CHANGED_ITEM)
        self.assertTrue(row.henko_go.endswith(version_text(2)))
        self.assertFalse(row.henko_mae.endswith(version_text(2)))
        # A ※ item: a 重要な変更 by default, filed before the change.
        self.assertEqual((row.is_significant, row.teishutsu_jiki), (True, "事前"))
        self.assertEqual(Publication.objects.get(page=self.page, version=1).annex_rows.count(), 0)
        # The PDF prints it in the 基礎's own annex, under the form's columns.
        for text in ("（別添）　変更箇所", "変更前の記載", "提出時期に係る説明", CHANGED_ITEM, version_text(2), "事前"):
            self.assertTrue(self.printed.contains(text), text)

    def test_the_xml_validates_and_reads_back_exactly(self):
        schema = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
        self.assertTrue(schema.validate(etree.fromstring(self.xml)), schema.error_log)
        back = read_publication_xml(self.xml)
        self.assertEqual(back.document, self.data.document)
        self.assertEqual(back.annex, tuple(line.as_printed() for line in self.data.annex))
        self.assertEqual((back.version, back.kohyo_bi), (2, DATES[1]))

    def test_importing_the_xml_gives_a_kiso_draft_with_the_same_document(self):
        org_page = OrganizationPage.objects.get(organization=self.organization)
        page = import_assessment(org_page, read_publication_xml(self.xml).document, user=self.officer)

        self.assertIsInstance(page, KisoAssessmentPage)
        self.assertFalse(page.live)
        self.assertEqual(page.identifier, "minatodai/jido-teate-2")
        # The draft is on the current edition; printed on the publication's edition it is the same document.
        edition = get_definition(self.publication.document["definition"]["id"])
        self.assertEqual(
            without_meta(on_edition(page.resolved_document(), edition)), without_meta(self.publication.document)
        )

    def test_the_public_site_shows_it_and_what_version_2_changed(self):
        page = self.client.get("/minatodai/jido-teate/")
        self.assertEqual(page.status_code, 200)
        for text in ("Ⅱ　しきい値判断項目", "評価対象の事務の対象人数は何人か", "基礎項目評価の実施が義務付けられる"):
            self.assertContains(page, text)
        changes = self.client.get("/minatodai/jido-teate/v2/changes/")
        self.assertEqual(changes.status_code, 200)
        self.assertContains(changes, CHANGED_ITEM)
