"""A 全項目評価書 [令和６年10月　様式４] is published like any form: its PDF prints every label of its
definition, its XML reads back and imports exactly, and a change between two publications is the row of
its change annex, （別添３）.

The body is fictitious (さくら野市長) with the factories' registry; its 全項目 was published twice:
version 2 changed the ※ item Ⅰ2②事務の内容 (tests/factories/pia.py version_edits).
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
from pia.models import OrganizationPage, Publication, ZenkomokuAssessmentPage
from pia.services.imports import import_assessment
from registry.enums import Role
from tests.exports.rendered import PrintedText, page_texts, pdf_of, squeeze, unprinted_labels
from tests.factories import OrganizationFactory
from tests.factories.pia import create_assessment, member, set_up_organization, version_text
from tests.factories.registry import build_registry

# 公表日 of the two versions, both after the 令和６年10月 revision: they print the current edition.
DATES = (dt.date(2024, 11, 1), dt.date(2025, 6, 30))

AFFAIR = "住民基本台帳に関する事務"
TITLE = f"{AFFAIR} 全項目評価書"
FORM_LABEL = "[令和６年10月　様式４]"


def without_meta(document):
    return {key: value for key, value in document.items() if key != "assessment"}


class ZenkomokuPublicationTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organization = OrganizationFactory(
            slug="sakurano", name="さくら野市長", municipality="さくら野市（架空の団体）"
        )
        set_up_organization(cls.organization)
        cls.officer = member(cls.organization, Role.OFFICER, username="sakurano-officer")
        approver = member(cls.organization, Role.APPROVER, username="sakurano-approver")
        cls.page = create_assessment(
            cls.organization,
            dates=DATES,
            officer=cls.officer,
            approver=approver,
            slug="jumin-kihon-daicho",
            title=TITLE,
            affair=AFFAIR,
            registry=build_registry(cls.organization),
            publications=2,
            page_class=ZenkomokuAssessmentPage,
        )
        cls.publication = Publication.objects.get(page=cls.page, version=2)
        cls.data = published_data(cls.publication)
        cls.pdf = pdf_of(cls.data)
        cls.printed = PrintedText(cls.pdf)
        cls.xml = publication_xml(cls.data)
        (cls.row,) = cls.publication.annex_rows.all()

    def test_the_publication_holds_the_zenkomoku_definition(self):
        self.assertEqual(self.publication.document["definition"]["id"], "zenkomoku-r06-10")
        self.assertEqual(self.publication.document["definition"]["kind"], "zenkomoku")

    def test_every_label_choice_and_check_of_the_form_is_printed(self):
        self.assertEqual(unprinted_labels(self.data.document, self.printed), [])
        self.assertGreater(len(list(iter_nodes(self.data.document))), 200)

    def test_every_value_of_the_publication_is_printed(self):
        missing = []
        for node in iter_nodes(self.data.document):
            if node["type"] in ("single_choice", "text", "multiline_text", "date") and node.get("text"):
                wanted = node["value"] if node["type"] == "single_choice" else node["text"]
                if not self.printed.contains(wanted):
                    missing.append((node["path"], wanted))
        self.assertEqual(missing, [])

    def test_the_cover_carries_the_title_identity_date_and_form_label(self):
        cover = squeeze(page_texts(self.pdf)[0])
        for text in (
            "特定個人情報保護評価書（全項目評価書）",
            "評価書番号",
            "評価書名",
            TITLE,
            "個人のプライバシー等の権利利益の保護の宣言",
            "評価実施機関名",
            "さくら野市長",
            "個人情報保護委員会 承認日【行政機関等のみ】",
            "公表日",
            "令和7年6月30日",  # version 2's 公表日
            FORM_LABEL,
        ):
            self.assertIn(squeeze(text), cover)
        self.assertEqual(self.publication.kohyo_bi, DATES[1])
        toc = squeeze(page_texts(self.pdf)[1])
        sections = (
            "Ⅰ　基本情報",
            "（別添１）　事務の内容",
            "Ⅳ　その他のリスク対策",
            "Ⅵ　評価実施手続",
            "（別添３）　変更箇所",
        )
        for entry in sections:
            self.assertIn(squeeze(entry), toc)
        header = squeeze(page_texts(self.pdf)[2])  # the running header
        self.assertIn(squeeze(FORM_LABEL), header)
        self.assertIn(squeeze(TITLE), header)

    def test_the_change_between_the_two_publications_is_its_annex_row(self):
        self.assertEqual(self.row.komoku, "Ⅰ　基本情報 １．特定個人情報ファイルを取り扱う事務 ②事務の内容")
        self.assertTrue(self.row.henko_go.endswith(version_text(2)))
        self.assertFalse(self.row.henko_mae.endswith(version_text(2)))
        # A ※ item: a 重要な変更 by default, filed before the change.
        self.assertEqual((self.row.is_significant, self.row.teishutsu_jiki), (True, "事前"))
        self.assertEqual(Publication.objects.get(page=self.page, version=1).annex_rows.count(), 0)
        # The PDF prints it in the 全項目's own annex, （別添３）, under the form's columns.
        columns = ("変更前の記載", "提出時期に係る説明")
        for text in ("（別添３）　変更箇所", *columns, self.row.komoku, version_text(2), "事前"):
            self.assertTrue(self.printed.contains(text), text)
        self.assertFalse(self.printed.contains("（別添２）　変更箇所"))

    def test_the_xml_validates_and_reads_back_exactly(self):
        schema = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
        self.assertTrue(schema.validate(etree.fromstring(self.xml)), schema.error_log)
        back = read_publication_xml(self.xml)
        self.assertEqual(back.document, self.data.document)
        self.assertEqual(back.annex, tuple(line.as_printed() for line in self.data.annex))
        self.assertEqual((back.version, back.kohyo_bi), (2, DATES[1]))

    def test_importing_the_xml_gives_a_zenkomoku_draft_with_the_same_document(self):
        org_page = OrganizationPage.objects.get(organization=self.organization)
        page = import_assessment(org_page, read_publication_xml(self.xml).document, user=self.officer)

        self.assertIsInstance(page, ZenkomokuAssessmentPage)
        self.assertFalse(page.live)
        self.assertEqual(page.identifier, "sakurano/jumin-kihon-daicho-2")
        # The draft is on the current edition; printed on the publication's edition it is the same document.
        edition = get_definition(self.publication.document["definition"]["id"])
        self.assertEqual(
            without_meta(on_edition(page.resolved_document(), edition)), without_meta(self.publication.document)
        )

    def test_the_public_site_shows_it_and_what_version_2_changed(self):
        page = self.client.get("/sakurano/jumin-kihon-daicho/")
        self.assertEqual(page.status_code, 200)
        for text in ("Ⅵ　評価実施手続", "（別添１）　事務の内容", "Ⅳ　その他のリスク対策"):
            self.assertContains(page, text)
        changes = self.client.get("/sakurano/jumin-kihon-daicho/v2/changes/")
        self.assertEqual(changes.status_code, 200)
        self.assertContains(changes, self.row.komoku)
        self.assertContains(changes, "別添３の記載")
        self.assertContains(page, "（別添３）変更箇所：1行")
