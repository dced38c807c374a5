"""The publication as XML: valid against the shipped schema, read back exactly, imported as a draft."""

from __future__ import annotations

import dataclasses
import re

from lxml import etree

from exports.artifact_data import published_data
from exports.xml.document import (
    MAX_XML_BYTES,
    NAMESPACE,
    SCHEMA_PATH,
    PublicationXMLError,
    publication_xml,
    read_publication_xml,
)
from pia.formdef.editions import on_edition
from pia.formdef.loader import get_definition
from pia.models import OrganizationPage, Publication
from pia.services.imports import import_assessment
from tests.personas import AFFAIR, VERSIONS, PersonaTestCase


def without_meta(document):
    return {key: value for key, value in document.items() if key != "assessment"}


class PublicationXmlTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.publication = Publication.objects.get(page=cls.assessment, version=VERSIONS)
        cls.data = published_data(cls.publication)
        cls.xml = publication_xml(cls.data)

    def test_it_validates_against_the_schema_shipped_in_the_project(self):
        schema = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
        root = etree.fromstring(self.xml)
        self.assertTrue(schema.validate(root), schema.error_log)
        self.assertEqual(root.tag, f"{{{NAMESPACE}}}publication")
        self.assertEqual(root.get("content-hash"), self.publication.content_hash)
        self.assertEqual(root.get("kohyo-bi"), "2025-06-30")

    def test_it_holds_the_printed_labels_values_and_annex_in_japanese(self):
        root = etree.fromstring(self.xml)
        n = f"{{{NAMESPACE}}}"
        labels = [element.text for element in root.iter(f"{n}label")]
        self.assertIn("①事務の名称", labels)
        self.assertIn(AFFAIR, self.xml.decode("utf-8"))
        rows = root.find(f"{n}annex").findall(f"{n}row")
        self.assertEqual(len(rows), len(self.data.annex))
        self.assertEqual(rows[0].findtext(f"{n}henko-bi-wareki"), "令和6年6月3日")  # version 2's row comes first

    def test_reading_it_back_gives_the_same_document_and_annex(self):
        back = read_publication_xml(self.xml)
        self.assertEqual(back.document, self.data.document)
        # The annex as printed: the XML holds no ※ default (default_significant).
        self.assertEqual(back.annex, tuple(line.as_printed() for line in self.data.annex))
        self.assertEqual(
            (back.version, back.kohyo_bi, back.content_hash), (VERSIONS, self.data.kohyo_bi, self.data.content_hash)
        )

    def test_an_explanation_in_the_bodys_own_wording_is_read_as_written(self):
        for written, significant in (
            ("重要な変更", True),
            ("重要な変更に当たらない項目", False),
            ("条ずれの修正のため事後に提出する。", False),
        ):
            with self.subTest(written=written):
                line = dataclasses.replace(self.data.annex[-1], setsumei=written, is_significant=significant)
                back = read_publication_xml(publication_xml(dataclasses.replace(self.data, annex=(line,))))
                self.assertEqual(back.annex[0].explanation, written)
                self.assertEqual(back.annex[0].is_significant, significant)

    def test_a_file_without_the_significance_reads_it_from_the_explanations_wording(self):
        xml = re.sub(r'(<row [^>]*) significant="(?:true|false)"', r"\1", publication_xml(self.data).decode("utf-8"))
        for setsumei, timing, significant in (
            ("重要な変更", "事前", True),
            ("重要な変更に当たらない項目", "事後", False),
            ("重要な変更にあたる項目", "事後", True),
            ("様式の改正に伴う修正", "事後", False),
        ):
            with self.subTest(setsumei=setsumei):
                row = xml.index("<row ")
                end = xml.index("</row>", row)
                body = xml[row:end]
                body = body[: body.index("<teishutsu-jiki>")] + f"<teishutsu-jiki>{timing}</teishutsu-jiki>"
                body += f"\n      <setsumei>{setsumei}</setsumei>\n    "
                back = read_publication_xml((xml[:row] + body + xml[end:]).encode("utf-8"))
                self.assertEqual((back.annex[0].explanation, back.annex[0].is_significant), (setsumei, significant))

    def test_importing_it_creates_a_draft_whose_resolved_document_is_identical(self):
        org_page = self.assessment.organization_page
        page = import_assessment(org_page, read_publication_xml(self.xml).document, user=self.officer)
        self.assertFalse(page.live)
        self.assertNotEqual(page.pk, self.assessment.pk)
        self.assertEqual(page.identifier, "nagaoka/yobo-sesshu-2")  # the slug is taken: a new one
        # The draft is on the current edition; printed on the publication's edition it is the same document.
        edition = get_definition(self.publication.document["definition"]["id"])
        self.assertEqual(
            without_meta(on_edition(page.resolved_document(), edition)), without_meta(self.publication.document)
        )

    def test_another_organization_imports_the_text_without_linking_to_the_first_ones_registry(self):
        midorino = OrganizationPage.objects.get(organization__slug="midorino")
        page = import_assessment(midorino, read_publication_xml(self.xml).document, user=self.outsider)
        document = page.resolved_document()
        linked = [node for node in _leaves(document) if "linked" in node]
        self.assertEqual(linked, [])
        printed = {node["path"]: node.get("value") for node in _leaves(document)}
        original = {node["path"]: node.get("value") for node in _leaves(self.publication.document)}
        self.assertEqual(printed, original)


def _leaves(document):
    from pia.formdef.document import iter_nodes

    return [node for node in iter_nodes(document) if "value" in node]


class HostileXmlTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.xml = publication_xml(published_data(Publication.objects.get(page=cls.assessment, version=VERSIONS)))

    def assertRefused(self, data: bytes, message: str):
        with self.assertRaisesMessage(PublicationXMLError, message):
            read_publication_xml(data)

    def test_malformed_xml_is_refused_with_its_line(self):
        # Cut at a line break: cut inside a character, the file is refused as undecodable instead.
        half = self.xml.index(b"\n", len(self.xml) // 2)
        self.assertRefused(self.xml[:half], "XML として読めません")

    def test_entities_and_doctypes_are_refused_before_parsing(self):
        laughs = (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b'<publication xmlns="urn:x-pia-manager:publication:1">&lol2;</publication>'
        )
        self.assertRefused(laughs, "DOCTYPE や ENTITY")
        external = b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>'
        self.assertRefused(external, "DOCTYPE や ENTITY")

    def test_an_oversized_file_is_refused_without_parsing(self):
        self.assertRefused(b" " * (MAX_XML_BYTES + 1), "大きすぎます")

    def test_a_document_that_breaks_the_schema_is_refused_with_the_reason(self):
        broken = self.xml.replace(b'type="single_choice"', b'type="script"', 1)
        self.assertRefused(broken, "スキーマに合いません")
        other_namespace = self.xml.replace(NAMESPACE.encode(), b"urn:example:other")
        self.assertRefused(other_namespace, "スキーマに合いません")

    def test_a_wrong_timing_in_the_annex_is_refused(self):
        broken = self.xml.replace("<teishutsu-jiki>事後".encode(), "<teishutsu-jiki>いつか".encode(), 1)
        self.assertRefused(broken, "スキーマに合いません")

    def test_a_control_character_cannot_be_written_and_says_so(self):
        data = published_data(Publication.objects.get(page=self.assessment, version=VERSIONS))
        document = dict(data.document)
        document["assessment"] = {**document["assessment"], "title": "bell\x07"}
        with self.assertRaisesMessage(PublicationXMLError, "XML に書けない文字"):
            publication_xml(dataclasses.replace(data, document=document))
