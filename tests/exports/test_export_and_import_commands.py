"""`export_assessment` writes every published file; `import_assessment_xml` turns one back into a draft."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from lxml import etree
from openpyxl import load_workbook

from exports.publishing import schedule_artifacts
from exports.xml.document import MAX_XML_BYTES, SCHEMA_PATH
from pia.models import ArtifactKind, Publication, PublicationArtifact
from pia.models.lookup import AssessmentNotFound, find_assessment
from tests.personas import IDENTIFIER, VERSIONS, PersonaTestCase


class ExportFilesCommandTest(PersonaTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())

    def export(self, *args, name="out") -> Path:
        target = self.folder / name
        call_command("export_assessment", IDENTIFIER, *args, "--out", str(target), stdout=StringIO(), stderr=StringIO())
        return target

    def test_a_published_file_is_written_as_it_was_stored(self):
        publication = Publication.objects.get(page=self.assessment, version=VERSIONS)
        with self.captureOnCommitCallbacks(execute=True):
            schedule_artifacts(publication, kinds=[ArtifactKind.XML])
        stored = PublicationArtifact.objects.get(publication=publication, kind=ArtifactKind.XML)
        written = self.export("--version", str(VERSIONS), "--format", "xml").read_bytes()
        with stored.file.open("rb") as handle:
            self.assertEqual(written, handle.read())

    def test_a_version_without_stored_files_is_rendered_on_the_spot(self):
        target = self.export("--version", "2", "--format", "xlsx-form", name="form.xlsx")
        workbook = load_workbook(target)
        self.assertEqual(workbook.sheetnames[0], "表紙")
        self.assertIn("第2版", workbook["Ⅰ基本情報"].oddFooter.left.text)

    def test_the_draft_exports_as_valid_xml_without_a_version(self):
        root = etree.parse(str(self.export("--format", "xml"))).getroot()
        self.assertTrue(etree.XMLSchema(etree.parse(str(SCHEMA_PATH))).validate(root))
        self.assertIsNone(root.get("version"))

    def test_binary_formats_need_a_file_to_go_to(self):
        for fmt in ("pdf", "xlsx-annex", "xlsx-form"):
            with self.assertRaisesMessage(CommandError, "--out"):
                call_command("export_assessment", IDENTIFIER, "--format", fmt, stdout=StringIO())


class ImportXmlCommandTest(PersonaTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.xml = self.folder / "nagaoka.xml"
        call_command(
            "export_assessment",
            IDENTIFIER,
            "--version",
            str(VERSIONS),
            "--format",
            "xml",
            "--out",
            str(self.xml),
            stdout=StringIO(),
            stderr=StringIO(),
        )

    def run_import(self, path: Path, *args) -> str:
        out = StringIO()
        call_command("import_assessment_xml", str(path), *args, stdout=out)
        return out.getvalue()

    def test_it_creates_an_unpublished_draft_under_the_organization(self):
        out = self.run_import(self.xml, "--organization", "nagaoka", "--slug", "imported", "--user", "nagaoka-officer")
        self.assertIn("nagaoka/imported を下書きとして作成しました", out)
        page = find_assessment("nagaoka/imported")
        self.assertFalse(page.live)
        self.assertEqual(page.latest_revision.user, self.officer)

    def test_a_malformed_file_is_refused_and_creates_nothing(self):
        broken = self.folder / "broken.xml"
        broken.write_bytes(self.xml.read_bytes()[:1000])
        with self.assertRaisesMessage(CommandError, "XML として読めません"):
            self.run_import(broken, "--organization", "nagaoka", "--slug", "broken")
        with self.assertRaises(AssessmentNotFound):
            find_assessment("nagaoka/broken")

    def test_an_oversized_file_is_refused_before_reading(self):
        huge = self.folder / "huge.xml"
        with huge.open("wb") as handle:
            handle.truncate(MAX_XML_BYTES + 1)
        with self.assertRaisesMessage(CommandError, "大きすぎます"):
            self.run_import(huge, "--organization", "nagaoka")

    def test_an_unknown_organization_or_user_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "評価実施機関 nowhere がありません"):
            self.run_import(self.xml, "--organization", "nowhere")
        with self.assertRaisesMessage(CommandError, "利用者 nobody がいません"):
            self.run_import(self.xml, "--organization", "nagaoka", "--user", "nobody")
