"""The auditors' compare view and timeline: readable by members, hidden from others."""

from django.urls import reverse

from tests.personas import VERSIONS, PersonaTestCase

LATEST, NEXT = VERSIONS, VERSIONS + 1


class CompareAndTimelineTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        page = cls.assessment
        values = page.get_values()
        values["files"][0]["hokan"]["hokan_basho"] += "\n・バックアップは庁外の保管庫に保管する。"
        page.set_values(values)
        page.save_revision(user=cls.officer).publish(user=cls.approver)
        values["kihon"]["jimu"]["meisho"] = "予防接種事務（下書き）"
        page.set_values(values)
        page.save_revision(user=cls.officer)

    def get(self, persona, name, query=""):
        self.client.force_login(self.personas()[persona])
        return self.client.get(reverse(name, args=[self.assessment.pk]) + query)

    def test_the_auditor_compares_two_publications_with_character_level_changes(self):
        response = self.get("auditor", "pia_assessment_compare", f"?a={LATEST}&b={NEXT}")
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("Ⅱ　特定個人情報ファイルの概要 ６．特定個人情報の保管・消去 保管場所", body)
        self.assertIn("<ins>", body)
        self.assertIn("バックアップは庁外の保管庫に保管する。", body)
        self.assertIn("重要な変更にあたる項目", body)  # the annex row that covers it
        self.assertEqual(len(response.context["changes"]), 1)

    def test_a_draft_is_compared_with_the_last_publication(self):
        response = self.get("officer", "pia_assessment_compare", f"?a={NEXT}&b=draft")
        changes = response.context["changes"]
        self.assertEqual(
            [c.change.printed_path for c in changes], ["Ⅰ　基本情報 １．特定個人情報ファイルを取り扱う事務 ①事務の名称"]
        )

    def test_the_timeline_lists_publications_and_actions(self):
        response = self.get("auditor", "pia_assessment_timeline")
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn(f"第{NEXT}版", body)
        self.assertIn("第1版", body)
        self.assertIn("（初版）", body)

    def test_the_outsider_sees_neither(self):
        self.assertEqual(self.get("outsider", "pia_assessment_compare").status_code, 404)
        self.assertEqual(self.get("outsider", "pia_assessment_timeline").status_code, 404)

    def test_the_editor_links_to_the_changes_since_publication(self):
        body = self.get("officer", "wagtailadmin_pages:edit").content.decode()
        self.assertIn(f"公表版（第{NEXT}版）からの変更", body)
