"""The editor refuses what the form cannot hold, names the item in Japanese, and saves nothing."""

import copy
import json

from django.urls import reverse

from pia.compliance.evidence import consistency_findings
from tests.editor import edit_form_data
from tests.personas import PersonaTestCase

MY_NUMBER = "123456789018"


def _flatten(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _flatten(value)
    elif isinstance(data, list):
        for value in data:
            yield from _flatten(value)
    elif data is not None:
        yield str(data)


def error_messages(response) -> list[str]:
    """Every error message the editor form carries, including those nested inside blocks."""
    form = response.context["form"]
    messages = []
    for errors in form.errors.as_data().values():
        for error in errors:
            data = error.as_json_data() if hasattr(error, "as_json_data") else error.messages
            messages.extend(_flatten(data))
    return messages


class EditorValidationTest(PersonaTestCase):
    def setUp(self):
        self.client.force_login(self.officer)
        self.page = self.fresh_assessment()
        self.url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        self.revisions_before = self.page.revisions.count()

    def post(self, values):
        return self.client.post(self.url, edit_form_data(self.page, values))

    def values(self):
        return copy.deepcopy(self.page.get_values())

    def assert_refused(self, response, *fragments):
        self.assertEqual(response.status_code, 200, "the editor should be shown again with errors")
        messages = error_messages(response)
        self.assertTrue(messages, "the form should carry errors")
        for fragment in fragments:
            self.assertTrue(any(fragment in m for m in messages), f"{fragment!r} not in {messages}")
        self.assertEqual(self.page.revisions.count(), self.revisions_before, "nothing may be saved")
        return messages

    def test_the_unchanged_form_saves_a_draft(self):
        response = self.post(self.values())
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.page.revisions.count(), self.revisions_before + 1)

    def test_a_changed_item_is_saved_in_a_new_revision(self):
        values = self.values()
        values["kihon"]["jimu"]["meisho"] = "新型コロナウイルス感染症対策に係る予防接種事務（改）"
        self.assertEqual(self.post(values).status_code, 302)
        draft = self.page.revisions.order_by("-created_at").first().as_object()
        self.assertEqual(
            draft.get_values()["kihon"]["jimu"]["meisho"], "新型コロナウイルス感染症対策に係る予防接種事務（改）"
        )

    def test_it_refuses_a_my_number_in_free_text_without_echoing_it(self):
        values = self.values()
        values["kihon"]["jimu"]["naiyo"] += f"\n対象者 {MY_NUMBER} の記録"
        response = self.post(values)
        messages = self.assert_refused(response, "「②事務の内容」", "個人番号と思われる12桁の数字")
        self.assertNotIn(MY_NUMBER, json.dumps(messages, ensure_ascii=False))

    def test_it_refuses_a_my_number_in_a_check_list_parenthesis(self):
        values = self.values()
        values["files"][0]["nyushu"]["nyushu_moto"]["sonota"] = {"checked": True, "text": "１２３４５６７８９０１８"}
        self.assert_refused(self.post(values), "個人番号と思われる12桁の数字")

    def test_it_refuses_control_characters_that_no_pdf_excel_or_xml_can_hold(self):
        values = self.values()
        values["kihon"]["jimu"]["naiyo"] += "\n貼り付け\x0bの\x1b[31m文字"
        self.assert_refused(self.post(values), "「②事務の内容」", "制御文字")
        values = self.values()
        values["files"][0]["nyushu"]["nyushu_moto"]["sonota"] = {"checked": True, "text": "市民課\x07"}
        self.assert_refused(self.post(values), "制御文字")

    def test_tabs_and_line_breaks_are_kept(self):
        values = self.values()
        values["kihon"]["jimu"]["naiyo"] += "\n項目\t説明"
        self.assertEqual(self.post(values).status_code, 302)

    def test_it_refuses_a_choice_outside_the_printed_list(self):
        values = self.values()
        values["risk"][0]["shiyo"]["risk1"]["jubun"] = "まあまあである"
        self.assert_refused(self.post(values), "まあまあである")

    def test_it_refuses_more_than_twenty_systems(self):
        values = self.values()
        system = values["kihon"]["systems"][0]
        values["kihon"]["systems"] = [dict(system, _id="") for _ in range(21)]
        self.assert_refused(self.post(values), "20")  # Wagtail: 最大項目数は 20 です

    def test_it_refuses_a_date_that_does_not_exist(self):
        values = self.values()
        values["files"][0]["kihon"]["hoyu_kaishi_bi"] = "2021-02-30"
        self.assert_refused(self.post(values))

    def test_it_refuses_a_negative_count(self):
        values = self.values()
        values["files"][0]["itaku"]["kensu"] = -1
        self.assert_refused(self.post(values))

    def test_a_count_that_disagrees_is_only_a_warning(self):
        values = self.values()
        values["files"][0]["itaku"]["kensu"] = 5
        self.assertEqual(self.post(values).status_code, 302)
        draft = self.page.revisions.order_by("-created_at").first().as_object()
        messages = [str(f) for f in consistency_findings(draft)]
        self.assertIn(
            "Ⅱ　特定個人情報ファイルの概要 ４．特定個人情報ファイルの取扱いの委託 （　）件："
            "（5）件と記載されていますが、委託事項は2件です。",
            messages,
        )

    def test_an_oversized_text_is_refused(self):
        values = self.values()
        values["kihon"]["jimu"]["meisho"] = "長" * 1001
        self.assert_refused(self.post(values))

    def test_hostile_markup_is_stored_as_text_and_escaped_in_the_preview(self):
        values = self.values()
        values["kihon"]["jimu"]["meisho"] = "<script>alert('x')</script>"
        self.assertEqual(self.post(values).status_code, 302)
        view = self.client.get(reverse("pia_assessment_document", args=[self.page.pk]))
        body = view.content.decode()
        self.assertNotIn("<script>alert('x')</script>", body)
        self.assertIn("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", body)

    def test_line_breaks_posted_by_a_browser_are_stored_as_in_the_form(self):
        values = self.values()
        values["kihon"]["jimu"]["naiyo"] = "一行目\r\n二行目"
        self.assertEqual(self.post(values).status_code, 302)
        draft = self.page.revisions.order_by("-created_at").first().as_object()
        self.assertEqual(draft.get_values()["kihon"]["jimu"]["naiyo"], "一行目\n二行目")
