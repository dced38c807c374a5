"""An export saved again in another encoding (UTF-16, UTF-32, Shift_JIS) reads back the same."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from exports.artifact_data import published_data
from exports.xml.document import publication_xml, read_publication_xml
from pia.models import Publication
from pia.models.lookup import find_assessment
from tests.personas import VERSIONS, PersonaTestCase

DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>"


class DeclaredEncodingTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.xml = publication_xml(published_data(Publication.objects.get(page=cls.assessment, version=VERSIONS)))
        cls.text = cls.xml.decode("utf-8")
        cls.document = read_publication_xml(cls.xml).document

    def saved_as(self, codec: str, declared: str) -> bytes:
        return self.text.replace(DECLARATION, f"<?xml version='1.0' encoding='{declared}'?>", 1).encode(codec)

    def test_utf16_and_utf32_files_with_their_bom_read_back_the_same_document(self):
        for codec, declared in (("utf-16", "UTF-16"), ("utf-32", "UTF-32"), ("utf-8-sig", "UTF-8")):
            with self.subTest(codec=codec):
                self.assertEqual(read_publication_xml(self.saved_as(codec, declared)).document, self.document)

    def test_a_utf16_file_without_a_bom_is_recognized_by_how_it_begins(self):
        data = self.saved_as("utf-16-le", "UTF-16")
        self.assertEqual(read_publication_xml(data).document, self.document)

    def test_a_shift_jis_file_is_read_as_windows_31j_as_japanese_software_writes_it(self):
        for declared in ("Shift_JIS", "Windows-31J"):
            with self.subTest(declared=declared):
                self.assertEqual(read_publication_xml(self.saved_as("cp932", declared)).document, self.document)

    def test_the_command_imports_a_utf16_file_as_a_draft(self):
        path = Path(tempfile.mkdtemp()) / "utf16.xml"
        path.write_bytes(self.saved_as("utf-16", "UTF-16"))
        call_command(
            "import_assessment_xml", str(path), "--organization", "nagaoka", "--slug", "utf16", stdout=StringIO()
        )
        self.assertFalse(find_assessment("nagaoka/utf16").live)
