"""Registry changes reach drafts at once, never an already published version; drift names what moved."""

from registry.models import Contractor, PersonalInformationFile
from tests.personas import PersonaTestCase


def node(document, path):
    from pia.formdef.document import iter_nodes

    return next(n for n in iter_nodes(document) if n["path"] == path)


class PointInTimeResolutionTest(PersonaTestCase):
    def setUp(self):
        self.page = self.fresh_assessment()
        # システム１ of the assessment: 予防接種記録システム（ＶＲＳ）, two functions in the registry.
        self.vrs = self.registry.systems[0]

    def add_function(self, system):
        system.functions = [*system.functions, {"title": "接種記録の統計出力", "description": ""}]
        system._history_user = self.officer
        system.save()

    def test_a_registry_change_reaches_the_draft(self):
        self.add_function(self.vrs)
        document = self.fresh_assessment().resolved_document()
        self.assertIn("３　接種記録の統計出力", node(document, "kihon.systems[1].kino")["text"])

    def test_a_registry_change_does_not_touch_the_published_version(self):
        before = node(self.page.published_document(), "kihon.systems[1].kino")["text"]
        self.add_function(self.vrs)
        after = node(self.fresh_assessment().published_document(), "kihon.systems[1].kino")["text"]
        self.assertEqual(after, before)
        self.assertNotIn("接種記録の統計出力", after)

    def test_the_live_page_keeps_printing_what_was_published(self):
        self.add_function(self.vrs)
        body = self.client.get(self.page.url).content.decode()
        self.assertNotIn("接種記録の統計出力", body)

    def test_drift_lists_exactly_the_affected_printed_items(self):
        from pia.versions.drift import drift

        self.assertEqual(drift(self.fresh_assessment()), [])
        self.add_function(self.vrs)
        items = drift(self.fresh_assessment())
        self.assertEqual([item.path for item in items], ["kihon.systems[1].kino"])
        item = items[0]
        self.assertEqual(
            item.printed_path,
            "Ⅰ　基本情報 ２．特定個人情報ファイルを取り扱う事務において使用するシステム システム１ ②システムの機能",
        )
        self.assertFalse(item.significant)
        self.assertEqual(item.registry_changes[-1].who, "保健 花子")
        self.assertEqual([f.field for f in item.registry_changes[-1].fields], ["functions"])

    def test_drift_marks_significant_change_targets(self):
        from pia.versions.drift import drift

        file = PersonalInformationFile.objects.get(organization=self.organization, name="予防接種ファイル")
        file.subject_range = "新型コロナウイルス感染症対策に係る予防接種の対象者及びその保護者"
        file.save()
        items = drift(self.fresh_assessment())
        self.assertEqual([(i.path, i.significant) for i in items], [("files[1].kihon.honnin_hani", True)])

    def test_a_contractor_rename_drifts_the_contract_entry(self):
        from pia.versions.drift import drift

        contractor = Contractor.objects.get(organization=self.organization, name="株式会社ＡＢＣ電算")  # 委託事項２
        contractor.name = "株式会社ＡＢＣ電算（商号変更）"
        contractor.save()
        items = drift(self.fresh_assessment())
        self.assertEqual([i.path for i in items], ["files[1].itaku.jiko[2].itakusaki_mei"])
        self.assertEqual(items[0].registry_changes[-1].model_label, "委託先事業者")

    def test_the_assessment_can_add_wording_the_registry_does_not_hold(self):
        page = self.fresh_assessment()
        values = page.get_values()
        values["kihon"]["systems"][0]["kino"] = "（国が運用するシステム）"
        page.set_values(values)
        text = node(page.resolved_document(), "kihon.systems[1].kino")["text"]
        self.assertTrue(text.startswith("１　接種記録の登録\n医療機関から届いた接種記録を登録する。"))
        self.assertTrue(text.endswith("\n（国が運用するシステム）"))

    def test_a_deleted_registry_record_is_reported_not_invented(self):
        page = self.fresh_assessment()
        values = page.get_values()
        values["kihon"]["systems"][0]["_ref"] = 999_999
        page.set_values(values)
        document = page.resolved_document()
        systems = node(document, "kihon.systems")
        self.assertEqual(systems["entries"][0]["source"]["found"], False)
