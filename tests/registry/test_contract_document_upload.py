"""The contract document upload refuses oversized, disguised and hostile files and loses nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.models import DelegationContract
from tests.factories.registry import CONTRACTS
from tests.personas import PersonaTestCase

CONTRACT = CONTRACTS[0]["title"]  # 予防接種記録システムの運用保守, subcontracted


class ContractDocumentUploadTest(PersonaTestCase):
    def setUp(self):
        self.client.force_login(self.officer)
        self.contract = DelegationContract.objects.get(organization=self.organization, title=CONTRACT)
        self.url = reverse(DelegationContract.snippet_viewset.get_url_name("edit"), args=[self.contract.pk])

    def post(self, upload, **changes):
        c = self.contract
        data = {
            "organization": c.organization_id,
            "title": c.title,
            "content": c.content,
            "contractor": c.contractor_id,
            "handler_band": c.handler_band,
            "subcontracted": "on",
            "approval_method": c.approval_method,
            "subcontracted_matters": c.subcontracted_matters,
            "clauses": c.clauses,
            "document": upload,
        }
        data.update(changes)
        return self.client.post(self.url, data)

    def test_a_pdf_is_accepted(self):
        upload = SimpleUploadedFile("keiyaku.pdf", b"%PDF-1.7\n%test\n", content_type="application/pdf")
        self.assertEqual(self.post(upload).status_code, 302)
        self.contract.refresh_from_db()
        self.assertTrue(self.contract.document.name.endswith(".pdf"))

    def test_an_executable_renamed_to_pdf_is_refused(self):
        upload = SimpleUploadedFile("keiyaku.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
        response = self.post(upload, title="変更してはいけない件名")
        self.assertEqual(response.status_code, 200)
        self.assertIn("拡張子と一致しません", response.content.decode())
        self.contract.refresh_from_db()
        self.assertEqual(self.contract.title, CONTRACT)

    def test_a_script_is_refused(self):
        upload = SimpleUploadedFile("keiyaku.html", b"<script>alert(1)</script>", content_type="text/html")
        self.assertEqual(self.post(upload).status_code, 200)
        self.contract.refresh_from_db()
        self.assertFalse(self.contract.document)

    def test_an_oversized_file_is_refused(self):
        upload = SimpleUploadedFile("keiyaku.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), content_type="application/pdf")
        response = self.post(upload)
        self.assertEqual(response.status_code, 200)
        self.assertIn("20MB以下", response.content.decode())
