"""The officer's judgement on the proposed change annex, kept until the next publication."""

from django.urls import reverse

from pia.models import AnnexDecision, Publication
from tests.personas import VERSIONS, PersonaTestCase

HOKAN = "files[1].hokan.hokan_basho"


class AnnexDecisionTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        page = cls.assessment
        values = page.get_values()
        values["files"][0]["hokan"]["hokan_basho"] += "\n・条文番号の表記を改めた。"
        page.set_values(values)
        page.save_revision(user=cls.officer)

    def url(self):
        return reverse("pia_assessment_annex", args=[self.assessment.pk])

    def decide(self, user, **data):
        self.client.force_login(user)
        payload = {"item_path": HOKAN, "is_significant": "1", "teishutsu_jiki": "事前", "justification": ""}
        payload.update(data)
        return self.client.post(self.url(), payload, follow=True)

    def test_the_proposal_for_the_draft_is_listed_with_its_defaults(self):
        self.client.force_login(self.auditor)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        (entry,) = response.context["rows"]
        self.assertEqual(entry.row.komoku, "Ⅱ　特定個人情報ファイルの概要 ６．特定個人情報の保管・消去 保管場所")
        self.assertEqual((entry.row.teishutsu_jiki, entry.row.is_significant), ("事前", True))

    def test_an_override_without_a_reason_is_refused(self):
        response = self.decide(self.officer, is_significant="0", teishutsu_jiki="事後")
        self.assertIn("理由の記入が必要です", response.content.decode())
        self.assertFalse(AnnexDecision.objects.exists())

    def test_an_override_with_a_reason_is_applied_at_publication(self):
        self.decide(self.officer, is_significant="0", teishutsu_jiki="事後", justification="表記の修正のみのため")
        page = self.fresh_assessment()
        page.latest_revision.publish(user=self.approver)
        publication = Publication.objects.get(page=page, version=VERSIONS + 1)
        row = publication.annex_rows.get()
        self.assertEqual((row.is_significant, row.teishutsu_jiki), (False, "事後"))
        # The reason is kept beside the row; the printed 説明 is the form's wording for the new judgement.
        self.assertEqual(row.explanation, "重要な変更にあたらない項目")
        self.assertEqual(row.setsumei, "重要な変更にあたらない項目")
        self.assertEqual(row.justification, "表記の修正のみのため")
        self.assertTrue(row.proposed["is_significant"])  # the engine's own proposal is kept beside it
        self.assertEqual(AnnexDecision.objects.get().applied_to, publication)

    def test_the_explanation_the_officer_writes_is_printed_as_written(self):
        self.decide(self.officer, is_significant="1", teishutsu_jiki="事前", setsumei="重要な変更\n保管場所の追加")
        page = self.fresh_assessment()
        page.latest_revision.publish(user=self.approver)
        row = Publication.objects.get(page=page, version=VERSIONS + 1).annex_rows.get()
        self.assertEqual(row.explanation, "重要な変更\n保管場所の追加")
        self.assertEqual(row.justification, "")

    def test_the_auditor_cannot_decide(self):
        response = self.decide(self.auditor, is_significant="0", teishutsu_jiki="事後", justification="x")
        self.assertFalse(AnnexDecision.objects.exists())
        self.assertNotEqual(response.redirect_chain[:1], [(self.url(), 302)])

    def test_a_decision_for_an_unknown_item_is_refused(self):
        self.decide(self.officer, item_path="files[1].absent", justification="x")
        self.assertFalse(AnnexDecision.objects.exists())

    def test_the_outsider_sees_nothing(self):
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
