"""Publishing renders a version's files in a task, stores them once, and the admin serves them."""

from __future__ import annotations

import hashlib
import io

from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader

from exports.publishing import schedule_artifacts
from exports.xml.document import SCHEMA_PATH
from pia.models import ArtifactKind, ArtifactStatus, Publication, PublicationArtifact
from tests.exports.rendered import squeeze
from tests.personas import AFFAIR, VERSIONS, PersonaTestCase

NEXT = VERSIONS + 1
MARK = "（第四版）"  # in ①事務の名称 of the next version


def stored_bytes(artifact: PublicationArtifact) -> bytes:
    with artifact.file.open("rb") as handle:
        return handle.read()


class PublishingRendersFilesTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        page = cls.assessment
        values = page.get_values()
        values["kihon"]["jimu"]["meisho"] = AFFAIR + MARK
        page.set_values(values)
        with cls.settings_context(PIA_ARTIFACTS_ON_PUBLISH=True), cls.captureOnCommitCallbacks(execute=True):
            page.save_revision(user=cls.officer).publish(user=cls.approver)
        cls.publication = Publication.objects.get(page=page, version=NEXT)

    @classmethod
    def settings_context(cls, **options):
        from django.test import override_settings

        return override_settings(**options)

    def artifact(self, kind):
        return PublicationArtifact.objects.get(publication=self.publication, kind=kind)

    def test_all_four_files_are_rendered_and_stored_with_their_hash(self):
        artifacts = PublicationArtifact.objects.filter(publication=self.publication)
        self.assertEqual(sorted(a.kind for a in artifacts), sorted(ArtifactKind.values))
        for artifact in artifacts:
            self.assertEqual(artifact.status, ArtifactStatus.READY, artifact.error)
            content = stored_bytes(artifact)
            self.assertEqual(artifact.size, len(content))
            self.assertEqual(artifact.sha256, hashlib.sha256(content).hexdigest())
            self.assertEqual(artifact.attempts, 1)
            self.assertIsNotNone(artifact.seconds)

    def test_the_stored_files_are_the_new_version(self):
        pdf = PdfReader(io.BytesIO(stored_bytes(self.artifact(ArtifactKind.PDF))))
        text = squeeze("".join(page.extract_text() for page in pdf.pages))
        self.assertIn(MARK, text)
        self.assertIn(f"第{NEXT}版", text)
        self.assertIn(self.publication.content_hash, text)
        workbook = load_workbook(io.BytesIO(stored_bytes(self.artifact(ArtifactKind.XLSX_FORM))))
        self.assertIn(MARK, "".join(str(c.value) for row in workbook["Ⅰ基本情報"].iter_rows() for c in row))
        annex = load_workbook(io.BytesIO(stored_bytes(self.artifact(ArtifactKind.XLSX_ANNEX)))).active
        self.assertIn(MARK, "".join(str(c.value) for row in annex.iter_rows() for c in row))
        schema = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
        self.assertTrue(schema.validate(etree.fromstring(stored_bytes(self.artifact(ArtifactKind.XML)))))

    def test_a_stored_file_is_never_changed_nor_deleted(self):
        artifact = self.artifact(ArtifactKind.XML)
        artifact.sha256 = "0" * 64
        with self.assertRaises(ValidationError):
            artifact.save()
        with self.assertRaises(ValidationError):
            self.artifact(ArtifactKind.XML).delete()

    def test_scheduling_again_renders_nothing_twice(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            schedule_artifacts(self.publication)
        self.assertEqual(callbacks, [])
        self.assertEqual({a.attempts for a in PublicationArtifact.objects.filter(publication=self.publication)}, {1})

    def test_members_download_each_file_with_its_type_and_name(self):
        for user in (self.officer, self.approver, self.auditor, self.admin):
            self.client.force_login(user)
            for kind, content_type in (
                (ArtifactKind.PDF, "application/pdf"),
                (ArtifactKind.XML, "application/xml"),
                (ArtifactKind.XLSX_FORM, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ):
                url = reverse("pia_publication_file", args=[self.assessment.pk, NEXT, kind])
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, (user, kind))
                self.assertEqual(response["Content-Type"], content_type)
                self.assertIn(f"nagaoka-yobo-sesshu-v{NEXT}-", response["Content-Disposition"])
                self.assertEqual(b"".join(response.streaming_content), stored_bytes(self.artifact(kind)))

    def test_outsiders_and_anonymous_users_get_nothing(self):
        url = reverse("pia_publication_file", args=[self.assessment.pk, NEXT, ArtifactKind.PDF])
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.logout()
        response = self.client.get(url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("wagtailadmin_login"), response["Location"])

    def test_the_timeline_lists_the_files_with_size_and_hash(self):
        self.client.force_login(self.auditor)
        response = self.client.get(reverse("pia_assessment_timeline", args=[self.assessment.pk]))
        self.assertContains(response, reverse("pia_publication_file", args=[self.assessment.pk, NEXT, "pdf"]))
        self.assertContains(response, "評価書（PDF）")
        self.assertContains(response, self.artifact(ArtifactKind.PDF).sha256[:12])
        self.assertNotContains(response, "ファイルを生成する")  # the auditor edits nothing


class FailedRenderingTest(PersonaTestCase):
    """A file that cannot be rendered is recorded as failed with its reason; the others are still stored."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        page = cls.assessment
        values = page.get_values()
        # The editor refuses control characters; a value stored before that rule can still hold one.
        values["kihon"]["jimu"]["meisho"] = "事務\x07"
        page.set_values(values)
        page.save_revision(user=cls.officer).publish(user=cls.approver)
        cls.publication = Publication.objects.get(page=page, version=NEXT)
        with cls.captureOnCommitCallbacks(execute=True):
            schedule_artifacts(cls.publication, kinds=[ArtifactKind.XML, ArtifactKind.XLSX_ANNEX, ArtifactKind.PDF])

    def test_the_failure_and_its_reason_are_recorded(self):
        xml = PublicationArtifact.objects.get(publication=self.publication, kind=ArtifactKind.XML)
        self.assertEqual(xml.status, ArtifactStatus.FAILED)
        self.assertIn("XML に書けない文字", xml.error)
        self.assertFalse(xml.file)
        annex = PublicationArtifact.objects.get(publication=self.publication, kind=ArtifactKind.XLSX_ANNEX)
        self.assertEqual(annex.status, ArtifactStatus.FAILED)
        self.assertIn("Excel に書けない文字（制御文字）があります：シート「変更箇所」", annex.error)
        self.assertNotIn("事務", annex.error)
        # The PDF prints the rest of the text; a control character has no glyph to print.
        pdf = PublicationArtifact.objects.get(publication=self.publication, kind=ArtifactKind.PDF)
        self.assertEqual(pdf.status, ArtifactStatus.READY, pdf.error)

    def test_the_admin_shows_the_failure_and_lets_the_officer_ask_again(self):
        self.client.force_login(self.officer)
        timeline = reverse("pia_assessment_timeline", args=[self.assessment.pk])
        response = self.client.get(timeline)
        self.assertContains(response, "生成に失敗しました")
        self.assertContains(response, "XML に書けない文字")
        self.assertContains(response, "ファイルを生成する")
        request_url = reverse("pia_publication_files_request", args=[self.assessment.pk, NEXT])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(request_url)
        self.assertRedirects(response, timeline)
        xml = PublicationArtifact.objects.get(publication=self.publication, kind=ArtifactKind.XML)
        self.assertEqual((xml.status, xml.attempts), (ArtifactStatus.FAILED, 2))

    def test_an_auditor_cannot_ask_for_rendering(self):
        self.client.force_login(self.auditor)
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post(reverse("pia_publication_files_request", args=[self.assessment.pk, NEXT]))
        self.assertRedirects(response, reverse("wagtailadmin_home"))  # Wagtail's answer to PermissionDenied
        self.assertEqual(callbacks, [])
        xml = PublicationArtifact.objects.get(publication=self.publication, kind=ArtifactKind.XML)
        self.assertEqual(xml.attempts, 1)

    def test_a_failed_file_cannot_be_downloaded(self):
        self.client.force_login(self.officer)
        url = reverse("pia_publication_file", args=[self.assessment.pk, NEXT, ArtifactKind.XML])
        self.assertEqual(self.client.get(url).status_code, 404)
