"""A new body starts with the command line: created by `create_organization`, given a 基礎項目評価書 by
XML import (`import_assessment_xml`), published through the publishing service, and its PDF prints it.

The XML is another body's published 基礎 (the fictitious みなと台市長, made by the factories), exported
with `export_assessment --format xml` and rewritten to name the new body, as a body that takes over a
colleague's file would: the import places the document under the body given on the command line, and
the cover's 評価実施機関名 is the document's own value.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from exports.artifact_data import published_data
from exports.pdf.document import publication_pdf
from pia.formdef.schema import Role
from pia.models import KisoAssessmentPage, OrganizationPage, Publication
from pia.services.publishing import record_publication
from registry.enums import Role as MemberRole
from registry.jp import wareki
from registry.models import Organization
from tests.exports.rendered import page_texts, squeeze
from tests.factories import OrganizationFactory
from tests.factories.pia import create_assessment, member, set_up_organization

KOHYO_BI = dt.date(2026, 4, 1)


class NewBodyWithAnImportedKisoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("create_organization", "uchiko", name="内子町長", stdout=StringIO())
        cls.uchiko = Organization.objects.get(slug="uchiko")
        approver = member(cls.uchiko, MemberRole.APPROVER, username="uchiko-approver")

        # Another body's published 基礎, exported as the open-data XML.
        minatodai = OrganizationFactory(slug="minatodai", name="みなと台市長", municipality="みなと台市（架空の団体）")
        set_up_organization(minatodai)
        create_assessment(
            minatodai,
            officer=member(minatodai, MemberRole.OFFICER, username="minatodai-officer"),
            approver=member(minatodai, MemberRole.APPROVER, username="minatodai-approver"),
            slug="jido-teate",
            title="児童手当に関する事務 基礎項目評価書",
            affair="児童手当に関する事務",
            publications=1,
            page_class=KisoAssessmentPage,
        )
        with tempfile.TemporaryDirectory() as folder:
            exported = Path(folder) / "minatodai.xml"
            call_command(
                "export_assessment", "minatodai/jido-teate", "--format", "xml", "--version", "1", "--out", exported
            )
            xml = exported.read_text(encoding="utf-8")
            cls.exported_xml = xml
            # The body's identifiers rewritten: its name (cover and meta) and its slug (the identifier).
            rewritten = Path(folder) / "uchiko.xml"
            rewritten.write_text(
                xml.replace("みなと台市長", "内子町長").replace("minatodai/", "uchiko/"), encoding="utf-8"
            )
            out = StringIO()
            call_command("import_assessment_xml", rewritten, organization="uchiko", stdout=out)
            cls.import_message = out.getvalue()

        org_page = OrganizationPage.objects.get(organization=cls.uchiko)
        cls.page = KisoAssessmentPage.objects.child_of(org_page).get()
        revision = cls.page.get_latest_revision()
        cls.publication = record_publication(cls.page, revision, kohyo_bi=KOHYO_BI, approved_by=approver)
        revision.publish(user=approver)
        cls.pdf = publication_pdf(published_data(cls.publication))
        cls.pages = [squeeze(text) for text in page_texts(cls.pdf)]

    def test_the_command_created_the_body_with_its_public_page(self):
        self.assertEqual(self.uchiko.name, "内子町長")
        self.assertTrue(OrganizationPage.objects.filter(organization=self.uchiko, live=True).exists())

    def test_the_exported_xml_named_the_other_body(self):
        self.assertIn("みなと台市長", self.exported_xml)

    def test_the_import_made_a_draft_kiso_of_the_new_body(self):
        self.assertIn("uchiko/jido-teate", self.import_message)
        self.assertEqual(self.page.definition_id, "kiso-r06-10")
        self.assertEqual(self.page.organization_page.organization, self.uchiko)

    def test_it_is_published_once_with_the_given_publication_date(self):
        page = KisoAssessmentPage.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        self.assertEqual(
            list(Publication.objects.filter(page=page).values_list("version", "kohyo_bi")), [(1, KOHYO_BI)]
        )
        self.assertEqual(page.role_value(Role.ORGANIZATION_NAME), "内子町長")

    def test_the_cover_prints_the_new_body_the_form_label_and_the_publication_date_in_wareki(self):
        cover = self.pages[0]
        self.assertIn("内子町長", cover)
        self.assertIn(squeeze("[令和６年10月　様式２]"), cover)
        self.assertIn(squeeze("基礎項目評価書"), cover)
        self.assertEqual(wareki.format_date(KOHYO_BI), "令和8年4月1日")
        self.assertIn("令和8年4月1日", cover)

    def test_no_page_prints_the_other_body(self):
        self.assertFalse([n for n, text in enumerate(self.pages, start=1) if "みなと台" in text])
