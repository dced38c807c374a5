"""Publishing freezes a version: number, document, hash, approver and the proposed change annex."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from pia.formdef.annex_line import AnnexLine
from pia.models import AnnexRow, Publication, content_hash
from pia.versions.annex import override
from registry.models import System
from tests.factories.pia import PUBLICATION_DATES
from tests.personas import VERSIONS, PersonaTestCase


class PublicationTest(PersonaTestCase):
    def publish_change(self, edit, *, user=None):
        page = self.fresh_assessment()
        values = page.get_values()
        edit(values)
        page.set_values(values)
        revision = page.save_revision(user=self.officer)
        revision.publish(user=user or self.approver)
        return Publication.objects.filter(page=page).order_by("-version").first()

    def test_each_publish_is_frozen_with_the_covers_date_its_hash_and_its_approver(self):
        publications = list(Publication.objects.for_page(self.assessment))
        # Each version was published with its cover's 公表日 updated for it.
        self.assertEqual([p.version for p in publications], list(range(1, VERSIONS + 1)))
        self.assertEqual([p.kohyo_bi for p in publications], list(PUBLICATION_DATES[:VERSIONS]))
        latest = publications[-1]
        self.assertEqual(latest.content_hash, content_hash(latest.document))
        self.assertEqual(len(latest.content_hash), 64)
        self.assertEqual(latest.approved_by, self.approver)
        self.assertEqual(publications[0].annex_rows.count(), 0)
        self.assertEqual([p.annex_rows.count() for p in publications[1:]], [1] * (VERSIONS - 1))

    def test_a_new_publication_proposes_one_row_per_changed_item(self):
        def edit(values):
            values["kihon"]["jimu"]["meisho"] = "新型コロナウイルス感染症対策に係る予防接種事務（改）"
            values["risk"][0]["shiyo"]["risk1"]["jubun"] = "特に力を入れている"

        second = self.publish_change(edit)
        self.assertEqual(second.version, VERSIONS + 1)
        rows = list(second.annex_rows.order_by("position"))
        self.assertEqual(
            [(r.komoku, r.teishutsu_jiki, r.is_significant) for r in rows],
            [
                ("Ⅰ　基本情報 １．特定個人情報ファイルを取り扱う事務 ①事務の名称", "事後", False),
                (
                    "Ⅲ　リスク対策 ３．特定個人情報の使用 "
                    "リスク１：　目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク "
                    "リスクへの対策は十分か",
                    "事前",
                    True,
                ),
            ],
        )
        self.assertEqual((rows[1].henko_mae, rows[1].henko_go), ("［十分である］", "［特に力を入れている］"))
        self.assertEqual(rows[0].explanation, "重要な変更にあたらない項目")
        self.assertEqual(rows[1].explanation, "重要な変更にあたる項目")

    def test_a_cover_date_not_updated_for_the_new_version_gives_way_to_today(self):
        from django.utils import timezone

        second = self.publish_change(lambda v: v["kihon"]["jimu"].__setitem__("meisho", "事務A"))
        self.assertEqual(second.kohyo_bi, timezone.localdate())
        third = self.publish_change(lambda v: v["cover"].__setitem__("kohyo_bi", "2099-04-01"))
        self.assertEqual(third.kohyo_bi, dt.date(2099, 4, 1))

    def test_the_annex_is_cumulative_oldest_first(self):
        self.publish_change(lambda v: v["kihon"]["jimu"].__setitem__("meisho", "事務A"))
        third = self.publish_change(lambda v: v["kihon"]["jimu"].__setitem__("meisho", "事務B"))
        annex = list(third.cumulative_annex())
        self.assertEqual(len(annex), (VERSIONS - 1) + 2)  # one row per earlier version after the first
        self.assertEqual(annex[0].henko_bi, dt.date(2024, 6, 3))  # version 2's row comes first
        self.assertEqual(annex[0].publication.version, 2)
        self.assertEqual(
            [(r.publication.version, r.henko_go) for r in annex[-2:]],
            [(VERSIONS + 1, "事務A"), (VERSIONS + 2, "事務B")],
        )

    def test_a_publication_is_never_edited_nor_deleted(self):
        first = Publication.objects.get(page=self.assessment, version=1)
        first.content_hash = "0" * 64
        with self.assertRaises(ValidationError):
            first.save()
        with self.assertRaises(ValidationError):
            first.delete()

    def test_the_published_revision_cannot_be_deleted(self):
        first = Publication.objects.get(page=self.assessment, version=1)
        with self.assertRaises(ProtectedError):
            first.revision.delete()

    def test_purge_revisions_keeps_every_published_revision(self):
        from io import StringIO

        from django.core.management import call_command
        from wagtail.models import Revision

        revisions = [p.revision_id for p in Publication.objects.for_page(self.assessment)]
        call_command("purge_revisions", stdout=StringIO())
        self.assertEqual(Revision.objects.filter(pk__in=revisions).count(), len(revisions))

    def test_a_registry_change_after_publication_leaves_the_frozen_document_alone(self):
        first = Publication.objects.get(page=self.assessment, version=VERSIONS)
        system = System.objects.get(organization=self.organization, name="中間サーバー")
        system.name = "中間サーバー（更改）"
        system.save()
        self.assertEqual(self.fresh_assessment().published_document(), first.document)
        self.assertIn("中間サーバー", str(first.document))
        self.assertNotIn("中間サーバー（更改）", str(first.document))

    def test_a_registry_change_is_proposed_in_the_next_annex(self):
        system = System.objects.get(organization=self.organization, name="中間サーバー")
        system.name = "中間サーバー（更改）"
        system.save()
        second = self.publish_change(lambda values: None)
        row = second.annex_rows.get()
        self.assertEqual(
            row.komoku,
            "Ⅰ　基本情報 ２．特定個人情報ファイルを取り扱う事務において使用するシステム システム３ ①システムの名称",
        )
        self.assertEqual((row.henko_mae, row.henko_go), ("中間サーバー", "中間サーバー（更改）"))


class AnnexOverrideTest(PersonaTestCase):
    def row(self, significant=True):
        return AnnexLine(
            henko_bi=dt.date(2025, 6, 30),
            komoku="Ⅱ　特定個人情報ファイルの概要 ６．特定個人情報の保管・消去 保管場所",
            item_path="files[1].hokan.hokan_basho",
            henko_mae="旧",
            henko_go="新",
            teishutsu_jiki="事前" if significant else "事後",
            is_significant=significant,
            default_significant=significant,
        )

    def test_an_override_without_justification_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "理由の記入が必要です"):
            override(self.row(), is_significant=False, teishutsu_jiki="事後", justification="  ")

    def test_an_override_keeps_its_justification_out_of_the_printed_explanation(self):
        row = override(self.row(), is_significant=False, teishutsu_jiki="事後", justification="条ずれの修正のみのため")
        self.assertEqual(row.explanation, "重要な変更にあたらない項目")
        self.assertEqual(row.justification, "条ずれの修正のみのため")

    def test_the_officers_explanation_replaces_the_standard_wording(self):
        row = override(
            self.row(),
            is_significant=False,
            teishutsu_jiki="事後",
            justification="条ずれ",
            setsumei="重要な変更に当たらない項目",
        )
        self.assertEqual(row.explanation, "重要な変更に当たらない項目")

    def test_a_significant_change_filed_afterwards_is_allowed_but_flagged(self):
        first = Publication.objects.get(page=self.assessment, version=1)
        annex_row = AnnexRow(
            publication=first,
            position=99,
            henko_bi=dt.date(2022, 1, 5),
            komoku="Ⅲ　リスク対策",
            teishutsu_jiki="事後",
            is_significant=True,
            default_significant=True,
            justification="緊急の接種体制変更のため事後に提出",
        )
        annex_row.full_clean(exclude=["publication"])
        self.assertTrue(annex_row.flagged_late)

    def test_an_unknown_timing_is_refused(self):
        with self.assertRaises(ValidationError):
            override(self.row(), is_significant=True, teishutsu_jiki="随時", justification="x")
