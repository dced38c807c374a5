"""When an affair has ended, the cover's 評価書名 carries 【令和○年○月○日 終了】 (規則第16条)."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from pia.formdef.affair_end import mark_affair_ended
from pia.formdef.document import role_texts
from pia.models import KisoAssessmentPage
from tests.factories.pia import create_assessment
from tests.personas import TITLE, PersonaTestCase

ENDED_ON = dt.date(2026, 3, 31)
SUFFIX = "【令和8年3月31日 終了】"


class TheEndOfTheAffairOnTheCover(PersonaTestCase):
    def end_affair(self, page):
        page.affair_ended_on = ENDED_ON
        return page.save_revision(user=self.officer)

    def test_the_resolved_document_appends_the_end_to_the_title(self):
        page = self.fresh_assessment()
        self.assertEqual(role_texts(page.resolved_document())["title"], TITLE)
        self.end_affair(page)
        document = self.fresh_assessment().latest_draft().resolved_document()
        self.assertEqual(role_texts(document)["title"], TITLE + SUFFIX)

    def test_it_is_appended_once(self):
        page = self.fresh_assessment()
        page.affair_ended_on = ENDED_ON
        document = mark_affair_ended(page.resolved_document(), ENDED_ON)
        self.assertEqual(role_texts(document)["title"], TITLE + SUFFIX)

    def test_every_kind_prints_it(self):
        page = create_assessment(
            self.organization,
            officer=self.officer,
            slug="kiso",
            title="基礎の評価書名",
            affair="別の事務",
            page_class=KisoAssessmentPage,
        )
        page.affair_ended_on = ENDED_ON
        self.assertEqual(role_texts(page.resolved_document())["title"], "基礎の評価書名" + SUFFIX)

    def test_the_admin_document_and_the_republished_public_page_show_it(self):
        revision = self.end_affair(self.fresh_assessment())
        self.client.force_login(self.auditor)
        response = self.client.get(reverse("pia_assessment_document", args=[self.assessment.pk]))
        self.assertContains(response, TITLE + SUFFIX)
        self.assertNotContains(Client().get("/nagaoka/yobo-sesshu/"), SUFFIX)  # the live version as published
        revision.publish(user=self.approver)
        self.assertContains(Client().get("/nagaoka/yobo-sesshu/"), TITLE + SUFFIX)
