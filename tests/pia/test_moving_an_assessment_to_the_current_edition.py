"""様式の改版に移行: a body's 基礎項目評価書 kept on the [平成26年4月　様式２] form moves to the current one.

The fictitious 山吹町長 holds a 基礎 of the 平成26年 form (no Ⅳ リスク対策), brought in by the XML
import and published. Until it is moved, each new version prints the form it is written on; the
editor says so and offers the move; the move (screen or command) saves a draft on the current
edition and leaves the published versions as they were; the next version's annex lists only what
the officer changed.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import PageLogEntry

from exports.artifact_data import published_data
from exports.pdf.document import publication_pdf
from pia.formdef.blocks import section_field_name
from pia.formdef.editions import on_edition
from pia.formdef.loader import get_definition
from pia.models import KisoAssessmentPage, OrganizationPage, Publication
from pia.services.editions import EDITION_MOVED, EditionMoveError, move_to_current_edition, planned_move
from pia.services.imports import import_assessment
from pia.services.publishing import record_publication
from pia.versions.diff import content_changes
from registry.enums import Role as MemberRole
from tests.editor import edit_form_data
from tests.exports.rendered import page_texts, squeeze
from tests.factories import OrganizationFactory
from tests.factories.pia import create_assessment, member, set_up_organization

HEISEI_26 = "[平成26年4月　様式２]"
CURRENT = "[令和６年10月　様式２]"


def heisei_26_document(page: KisoAssessmentPage) -> dict:
    """*page*'s document as the 平成26年 form printed it (its XML): no Ⅳ section, the old tag."""
    document = on_edition(page.resolved_document(), get_definition("kiso-r06-10"))
    document["sections"] = [s for s in document["sections"] if s["key"] != "taisaku"]
    document["definition"] = {**document["definition"], "id": "kiso-h26-04", "edition": "平成26年4月"}
    document["definition"]["form_label"] = HEISEI_26
    return document


class MovingAHeisei26KisoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.body = OrganizationFactory(slug="yamabuki", name="山吹町長", municipality="山吹町（架空の団体）")
        set_up_organization(cls.body)
        cls.officer = member(cls.body, MemberRole.OFFICER, username="yamabuki-officer")
        cls.approver = member(cls.body, MemberRole.APPROVER, username="yamabuki-approver")
        template = create_assessment(
            cls.body,
            officer=cls.officer,
            slug="template",
            title="住民基本台帳に関する事務 基礎項目評価書",
            affair="住民基本台帳に関する事務",
            page_class=KisoAssessmentPage,
        )
        org_page = OrganizationPage.objects.get(organization=cls.body)
        cls.page = import_assessment(org_page, heisei_26_document(template), user=cls.officer, slug="jyuki")
        template.delete()
        revision = cls.page.get_latest_revision()
        cls.first = record_publication(cls.page, revision, kohyo_bi=dt.date(2026, 4, 1), approved_by=cls.approver)
        revision.publish(user=cls.approver)

    def fresh(self) -> KisoAssessmentPage:
        return KisoAssessmentPage.objects.get(pk=self.page.pk)

    def test_the_import_keeps_the_older_form(self):
        self.assertEqual(self.page.definition_id, "kiso-h26-04")
        self.assertNotIn("taisaku", [s.key for s in self.page.definition.sections])

    def test_until_moved_a_version_prints_the_form_it_is_written_on(self):
        # Published on 令和8年4月1日, when the 令和６年10月 edition is in force: its form is not this one.
        self.assertEqual(self.first.document["definition"]["form_label"], HEISEI_26)
        self.assertNotIn("taisaku", [s["key"] for s in self.first.document["sections"]])
        pages = [squeeze(text) for text in page_texts(publication_pdf(published_data(self.first)))]
        self.assertIn(squeeze(HEISEI_26), pages[0])
        self.assertFalse([n for n, text in enumerate(pages, start=1) if "リスク対策" in text])

    def test_the_editor_says_which_form_the_draft_is_on_and_offers_the_move(self):
        self.client.force_login(self.officer)

        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))

        self.assertContains(response, f"この評価書の下書きは <strong>{HEISEI_26}</strong> で記載されています")
        self.assertContains(response, reverse("pia_edition_move", args=[self.page.pk]))
        self.assertContains(response, f"この節は {HEISEI_26} の様式にありません")

    def test_the_officer_can_save_the_older_form_s_draft_in_the_editor(self):
        """The Ⅳ tab the older form lacks posts the one empty entry the editor rendered (no 最小数 error)."""
        page = self.fresh()
        taisaku = page.definition_of_class().section("taisaku")
        prefix = section_field_name(taisaku)
        self.assertEqual(len(getattr(page, prefix)), 1)  # what the editor renders, and posts back
        self.client.force_login(self.officer)
        data = edit_form_data(page, **{f"{prefix}-count": "1", f"{prefix}-0-type": "taisaku"})
        data.update({f"{prefix}-0-deleted": "", f"{prefix}-0-order": "0", f"{prefix}-0-id": ""})
        values = page.get_values()
        values["kanren"]["toiawase"]["renrakusaki"] = "山吹町役場 住民課"
        data.update({k: v for k, v in edit_form_data(page, values).items() if k.endswith("renrakusaki")})

        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

        self.assertEqual(response.status_code, 302)
        draft = self.fresh().latest_draft()
        self.assertEqual(draft.definition_id, "kiso-h26-04")
        self.assertEqual(draft.get_values()["kanren"]["toiawase"]["renrakusaki"], "山吹町役場 住民課")

    def test_the_move_screen_lists_what_the_current_form_adds(self):
        self.client.force_login(self.officer)

        response = self.client.get(reverse("pia_edition_move", args=[self.page.pk]))

        self.assertContains(response, "最新の様式で加わる項目")
        self.assertContains(response, "<li>Ⅳ　リスク対策</li>", html=True)

    def test_moving_saves_a_draft_on_the_current_form_and_keeps_the_published_version(self):
        self.client.force_login(self.officer)

        response = self.client.post(reverse("pia_edition_move", args=[self.page.pk]))

        self.assertRedirects(response, reverse("wagtailadmin_pages:edit", args=[self.page.pk]))
        draft = self.fresh().latest_draft()
        self.assertEqual(draft.definition_id, "kiso-r06-10")
        self.assertEqual(draft.get_values()["kanren"], self.page.get_values()["kanren"])
        self.assertEqual(self.fresh().definition_id, "kiso-h26-04")  # the live version is the published one
        self.assertEqual(Publication.objects.get(pk=self.first.pk).document, self.first.document)
        entry = PageLogEntry.objects.filter(page=self.page, action=EDITION_MOVED).get()
        self.assertEqual(entry.data, {"from": HEISEI_26, "to": CURRENT})
        self.assertEqual(entry.user, self.officer)
        self.assertEqual(entry.message, "様式の改版に移行しました")

    def test_the_next_version_prints_the_current_form_and_its_annex_lists_only_the_real_change(self):
        move_to_current_edition(self.fresh(), user=self.officer)
        draft = self.fresh().latest_draft()
        values = draft.get_values()
        values["kanren"]["toiawase"]["renrakusaki"] = "山吹町役場 住民課（電話 0000-00-0000）"
        draft.set_values(values)
        revision = draft.save_revision(user=self.officer)

        second = record_publication(self.fresh(), revision, kohyo_bi=dt.date(2026, 5, 1), approved_by=self.approver)

        self.assertEqual(second.document["definition"]["form_label"], CURRENT)
        changes = content_changes(self.first.document, second.document)
        self.assertEqual([c.path for c in changes], ["kanren.toiawase.renrakusaki"])

    def test_a_draft_already_on_the_current_form_is_not_moved(self):
        move_to_current_edition(self.fresh(), user=self.officer)

        with self.assertRaisesMessage(EditionMoveError, f"すでに最新の様式 {CURRENT} で記載されています"):
            planned_move(self.fresh())

    def test_a_page_locked_by_someone_else_is_not_moved(self):
        page = self.fresh()
        page.locked, page.locked_by = True, self.approver
        page.save(update_fields=["locked", "locked_by"])

        with self.assertRaisesMessage(EditionMoveError, "ロックされています"):
            move_to_current_edition(self.fresh(), user=self.officer)
        self.assertEqual(self.fresh().latest_draft().definition_id, "kiso-h26-04")

    def test_the_command_moves_every_assessment_of_the_body_left_on_an_older_form(self):
        dry = StringIO()
        call_command("move_to_current_edition", "--organization", "yamabuki", "--dry-run", stdout=dry)
        self.assertIn(
            f"yamabuki/jyuki：{HEISEI_26} → {CURRENT} 移行できます（加わる項目：Ⅳ　リスク対策）", dry.getvalue()
        )
        self.assertEqual(self.fresh().latest_draft().definition_id, "kiso-h26-04")

        out = StringIO()
        call_command("move_to_current_edition", "yamabuki/jyuki", stdout=out)
        self.assertIn("移行しました", out.getvalue())
        self.assertEqual(self.fresh().latest_draft().definition_id, "kiso-r06-10")

        again = StringIO()
        call_command("move_to_current_edition", "--organization", "yamabuki", stdout=again)
        self.assertIn("移行が必要な評価書はありません", again.getvalue())

    def test_the_command_refuses_an_unknown_assessment(self):
        with self.assertRaisesMessage(CommandError, "評価書「yamabuki/nowhere」が見つかりません"):
            call_command("move_to_current_edition", "yamabuki/nowhere", stdout=StringIO())
        with self.assertRaisesMessage(CommandError, "評価書の識別子か、--organization を指定してください"):
            call_command("move_to_current_edition", stdout=StringIO())

    def test_another_body_cannot_reach_the_move_screen(self):
        other = OrganizationFactory(slug="kawabe", name="川辺町長")
        set_up_organization(other)
        outsider = member(other, MemberRole.OFFICER, username="kawabe-officer")
        self.client.force_login(outsider)

        self.assertEqual(self.client.get(reverse("pia_edition_move", args=[self.page.pk])).status_code, 404)
        self.assertEqual(self.client.post(reverse("pia_edition_move", args=[self.page.pk])).status_code, 404)
        self.assertEqual(self.fresh().latest_draft().definition_id, "kiso-h26-04")
