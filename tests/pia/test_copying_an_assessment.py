"""An officer copies an assessment with Wagtail's copy: the copy holds the same answers, is a draft,
and starts with no publication, no change annex and no evidence check of its own."""

from django.urls import reverse

from controls.models import CheckRun
from pia.models import AnnexRow, JutenAssessmentPage, Publication
from tests.personas import VERSIONS, PersonaTestCase


class CopyingAnAssessmentTest(PersonaTestCase):
    def test_the_copy_keeps_the_answers_and_starts_with_no_publication(self):
        original = self.fresh_assessment()
        self.assertEqual(Publication.objects.filter(page=original).count(), VERSIONS)
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("wagtailadmin_pages:copy", args=[original.pk]),
            {
                "new_title": "予防接種事務（複製）",
                "new_slug": "yobo-sesshu-copy",
                "new_parent_page": str(original.get_parent().pk),
                "copy_subpages": "",
                "publish_copies": "",
                "alias": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        copy = JutenAssessmentPage.objects.get(slug="yobo-sesshu-copy")
        self.assertFalse(copy.live)
        self.assertEqual(copy.definition_id, original.definition_id)
        self.assertEqual(copy.get_values()["kihon"], original.get_values()["kihon"])
        self.assertFalse(Publication.objects.filter(page=copy).exists())
        self.assertFalse(AnnexRow.objects.filter(publication__page=copy).exists())
        self.assertFalse(CheckRun.objects.filter(assessment_id=copy.pk).exists())
        self.assertEqual(Publication.objects.filter(page=original).count(), VERSIONS, "the original is untouched")
