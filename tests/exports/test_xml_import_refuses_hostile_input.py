"""`import_assessment_xml` refuses hostile or broken XML with a reason and a line, and creates nothing."""

from __future__ import annotations

import re
import tempfile
from contextlib import redirect_stderr
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, ManagementUtility, call_command
from django.test import SimpleTestCase
from lxml import etree

from exports.artifact_data import published_data
from exports.xml.document import MAX_XML_BYTES, NAMESPACE, PublicationXMLError, publication_xml, read_publication_xml
from pia.formdef.document import iter_nodes
from pia.formdef.imports import DocumentImportError
from pia.models import Publication
from pia.models.lookup import AssessmentNotFound, assessment_pages, find_assessment
from pia.services.imports import import_assessment
from registry.jp.mynumber import MY_NUMBER_MESSAGE, check_digit
from tests.personas import AFFAIR, VERSIONS, PersonaTestCase

DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>"
OPENING = b'<publication xmlns="urn:x-pia-manager:publication:1"'
ELEVEN = "12345678901"
MY_NUMBER = ELEVEN + str(check_digit(ELEVEN))


def with_declaration(xml: bytes, declaration: str) -> bytes:
    """The export with its XML declaration replaced (and kept as UTF-8 bytes)."""
    assert xml.startswith(DECLARATION)
    return declaration.encode("ascii") + xml[len(DECLARATION) :]


def before_root(xml: bytes, markup: bytes) -> bytes:
    """The export with *markup* inserted between the declaration and the root element."""
    return xml.replace(OPENING, markup + b"\n" + OPENING, 1)


class HostileXmlImportTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.xml = publication_xml(published_data(Publication.objects.get(page=cls.assessment, version=VERSIONS)))
        cls.pages_before = assessment_pages().count()

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())

    def assertRefused(self, data: bytes, *reasons: str, line: bool = True) -> str:
        """The command refuses *data* naming every reason (and the line), and no assessment is created."""
        path = self.folder / "hostile.xml"
        path.write_bytes(data)
        with self.assertRaises(CommandError) as caught:
            call_command(
                "import_assessment_xml", str(path), "--organization", "nagaoka", "--slug", "hostile", stdout=StringIO()
            )
        message = str(caught.exception)
        for reason in reasons:
            self.assertIn(reason, message)
        if line:
            self.assertRegex(message, r"（\d+ 行目）")
        self.assertEqual(assessment_pages().count(), self.pages_before)
        with self.assertRaises(AssessmentNotFound):
            find_assessment("nagaoka/hostile")
        return message

    def xml_with_value(self, printed_label: str, value: str) -> bytes:
        """The export with the value of the item whose printed path ends in *printed_label* replaced."""
        root = etree.fromstring(self.xml)
        n = f"{{{NAMESPACE}}}"
        item = next(i for i in root.iter(f"{n}item") if i.findtext(f"{n}printed-path").endswith(printed_label))
        item.find(f"{n}value").text = value
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def test_a_utf16_file_with_an_entity_declaration_is_refused(self):
        text = before_root(self.xml, b'<!DOCTYPE publication [<!ENTITY affair "x">]>').decode("utf-8")
        data = text.replace("encoding='UTF-8'", "encoding='UTF-16'", 1).encode("utf-16")
        self.assertRefused(data, "DOCTYPE や ENTITY")

    def test_a_utf16_file_with_a_doctype_is_refused(self):
        text = before_root(self.xml, b'<!DOCTYPE publication SYSTEM "publication.dtd">').decode("utf-8")
        for codec in ("utf-16", "utf-16-be", "utf-32"):
            declared = codec.upper()
            with self.subTest(codec=codec):
                data = text.replace("encoding='UTF-8'", f"encoding='{declared}'", 1).encode(codec)
                self.assertRefused(data, "DOCTYPE や ENTITY")

    def test_a_doctype_after_a_4_kb_comment_is_refused(self):
        comment = b"<!--" + b"x" * 5000 + b"-->"
        data = before_root(self.xml, comment + b'\n<!DOCTYPE publication SYSTEM "file:///etc/passwd">')
        message = self.assertRefused(data, "DOCTYPE や ENTITY")
        self.assertIn("（3 行目）", message)

    def test_billion_laughs_is_refused_without_being_expanded(self):
        entities = b'<!ENTITY lol "lol">' + b"".join(
            b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10)
        )
        data = before_root(self.xml, b"<!DOCTYPE publication [" + entities + b"]>")
        self.assertRefused(data.replace(AFFAIR.encode(), b"&lol9;"), "DOCTYPE や ENTITY")

    def test_an_external_entity_to_etc_passwd_is_refused_and_nothing_of_it_is_read(self):
        data = before_root(self.xml, b'<!DOCTYPE publication [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
        message = self.assertRefused(data.replace(AFFAIR.encode(), b"&xxe;"), "DOCTYPE や ENTITY")
        self.assertNotIn("root:", message)

    def test_an_entity_reference_without_a_declaration_is_refused_as_malformed(self):
        self.assertRefused(self.xml.replace(AFFAIR.encode(), b"&xxe;"), "XML として読めません")

    def test_xinclude_is_refused_however_its_namespace_is_spelt(self):
        include = b'<xi:include xmlns:xi="%s" href="file:///etc/passwd" parse="text"/>'
        plain = include % b"http://www.w3.org/2001/XInclude"
        # Character references hide the namespace from a text search; the parsed tree still shows it.
        spelt = include % b"http://www.w3.org/2001/&#88;&#73;nclude"
        for name, element in (("plain", plain), ("character references", spelt)):
            with self.subTest(name):
                data = self.xml.replace(b"<annex>", element + b"<annex>", 1)
                self.assertRefused(data, "XInclude")

    def test_malformed_xml_is_refused_with_its_line(self):
        half = self.xml.index(b"\n", len(self.xml) // 2)
        self.assertRefused(self.xml[:half], "XML として読めません")
        self.assertRefused(b"<publication", "XML として読めません")

    def test_a_declared_encoding_that_contradicts_the_file_is_refused(self):
        utf16_saying_utf8 = self.xml.decode("utf-8").encode("utf-16")
        self.assertRefused(utf16_saying_utf8, "文字コード", "合いません")
        utf8_saying_utf16 = with_declaration(self.xml, "<?xml version='1.0' encoding='UTF-16'?>")
        self.assertRefused(utf8_saying_utf16, "文字コード", "合いません")
        utf8_saying_shift_jis = with_declaration(self.xml, "<?xml version='1.0' encoding='Shift_JIS'?>")
        self.assertRefused(utf8_saying_shift_jis, "Shift_JIS", "UTF-8 で書かれています")

    def test_bytes_that_the_declared_encoding_cannot_decode_are_refused_with_their_line(self):
        broken = self.xml.replace(AFFAIR.encode(), b"\xff\xfe\xfd", 1)
        message = self.assertRefused(broken, "UTF-8 として読めないバイトがあります")
        line = self.xml[: self.xml.index(AFFAIR.encode())].count(b"\n") + 1
        self.assertIn(f"（{line} 行目）", message)
        self.assertRefused(with_declaration(self.xml, "<?xml version='1.0' encoding='US-ASCII'?>"), "ASCII")

    def test_an_unknown_or_unsupported_encoding_is_refused(self):
        self.assertRefused(with_declaration(self.xml, "<?xml version='1.0' encoding='x-klingon'?>"), "x-klingon")
        self.assertRefused(with_declaration(self.xml, "<?xml version='1.0' encoding='UTF-7'?>"), "UTF-7")

    def test_an_oversized_file_is_refused(self):
        data = self.xml + b" " * (MAX_XML_BYTES + 1 - len(self.xml))
        self.assertRefused(data, "大きすぎます", line=False)

    def test_an_empty_file_is_refused(self):
        for data in (b"", b" \n\t"):
            with self.subTest(data=data):
                self.assertRefused(data, "XML が空です", line=False)

    def test_a_my_number_in_a_value_is_refused_in_every_spelling_naming_the_item_not_the_number(self):
        digits = "０１２３４５６７８９"
        kanji = "〇一二三四五六七八九"
        spellings = {
            "ascii": MY_NUMBER,
            "full-width": MY_NUMBER.translate(str.maketrans("0123456789", digits)),
            "kanji": MY_NUMBER.translate(str.maketrans("0123456789", kanji)),
            "dashes": f"{MY_NUMBER[:4]}-{MY_NUMBER[4:8]}ー{MY_NUMBER[8:]}",
            "spaces": " ".join(MY_NUMBER),
            "ideographic spaces": f"{MY_NUMBER[:4]}\u3000{MY_NUMBER[4:8]}\u3000{MY_NUMBER[8:]}",
            "zero-width": "\u200b".join(MY_NUMBER),
            "character references": "".join(f"&#{ord(char)};" for char in MY_NUMBER),
        }
        for name, spelling in spellings.items():
            with self.subTest(name):
                data = self.xml_with_value("①事務の名称", f"{AFFAIR}（番号 PLACEHOLDER）")
                data = data.replace(b"PLACEHOLDER", spelling.encode())
                message = self.assertRefused(data, MY_NUMBER_MESSAGE, "①事務の名称")
                self.assertNotIn(spelling, message)
                self.assertNotRegex(re.sub(r"\D", "", message), MY_NUMBER)

    def test_a_my_number_in_the_annex_or_the_assessments_title_is_refused_too(self):
        title = re.search(rb'<meta name="title">([^<]*)</meta>', self.xml).group(1)
        in_title = self.xml.replace(b'<meta name="title">' + title, b'<meta name="title">' + MY_NUMBER.encode(), 1)
        self.assertRefused(in_title, MY_NUMBER_MESSAGE, "評価書の名前")
        in_annex = self.xml.replace(b"<komoku>", f"<komoku>{MY_NUMBER}".encode(), 1)
        self.assertRefused(in_annex, MY_NUMBER_MESSAGE, "別添２（変更箇所）の 1 番目の行")

    def test_an_entry_id_is_a_machine_value_only_when_it_is_a_uuid(self):
        # A block id (UUID) whose last group passes the check digit: about one id in a few hundred
        # does by chance, so a refusal here made exporting and importing back fail at random.
        first_id = re.search(rb"<id>([^<]*)</id>", self.xml).group(0)
        uuid_like = self.xml.replace(first_id, f"<id>0a1b2c3d-4e5f-4a6b-8c7d-{MY_NUMBER}</id>".encode(), 1)
        read_publication_xml(uuid_like)
        not_a_uuid = self.xml.replace(first_id, f"<id>entry-{MY_NUMBER}</id>".encode(), 1)
        self.assertRefused(not_a_uuid, MY_NUMBER_MESSAGE)

    def test_the_reader_raises_its_own_error_for_every_refusal(self):
        hostile = (
            b"",
            before_root(self.xml, b"<!DOCTYPE publication>").decode("utf-8").encode("utf-16"),
            self.xml[:100],
        )
        for data in hostile:
            with self.subTest(data=data[:20]), self.assertRaises(PublicationXMLError):
                read_publication_xml(data)

    def test_the_import_service_refuses_a_my_number_in_a_document_from_anywhere(self):
        document = read_publication_xml(self.xml).document
        node = next(n for n in iter_nodes(document) if n.get("printed_path", "").endswith("①事務の名称"))
        node["value"] = node["text"] = f"{AFFAIR} {MY_NUMBER[:6]}-{MY_NUMBER[6:]}"
        org_page = self.assessment.organization_page
        with self.assertRaisesMessage(DocumentImportError, MY_NUMBER_MESSAGE) as caught:
            import_assessment(org_page, document, user=self.officer, slug="hostile")
        self.assertIn(node["printed_path"], str(caught.exception))
        self.assertEqual(assessment_pages().count(), self.pages_before)


class ImportCommandExitTest(SimpleTestCase):
    def test_the_command_prints_the_reason_and_exits_non_zero(self):
        path = Path(tempfile.mkdtemp()) / "empty.xml"
        path.write_bytes(b"")
        stderr = StringIO()
        argv = ["manage.py", "import_assessment_xml", str(path), "--organization", "nagaoka", "--skip-checks"]
        with redirect_stderr(stderr), self.assertRaises(SystemExit) as exit:
            ManagementUtility(argv).execute()
        self.assertNotEqual(exit.exception.code, 0)
        self.assertIn("XML が空です", stderr.getvalue())
