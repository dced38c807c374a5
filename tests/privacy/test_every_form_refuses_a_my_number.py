"""The admin's forms refuse a 個人番号 in any spelling, name the field, and store nothing.

Everything here happens in a body created by the test (内子町長) on an assessment created by
the test, so nothing depends on the demo.
"""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Comment, Revision

from pia.models import ShozokuchoApprovalTask
from registry.jp.mynumber import MY_NUMBER_MESSAGE
from registry.models import Contractor
from tests.editor import edit_form_data
from tests.privacy.spellings import spellings
from tests.privacy.uchiko import UchikoTestCase

SPELLINGS = spellings()
SOME = {name: SPELLINGS[name] for name in ("plain", "en dash", "zero-width space", "kanji numerals", "dots")}


class PageFieldsTest(UchikoTestCase):
    def assert_refused(self, response, label, typed):
        self.assertEqual(response.status_code, 200, "the editor is shown again")
        errors = response.context["form"].errors
        flat = [str(message) for messages in errors.values() for message in messages]
        self.assertTrue(any(label in m and MY_NUMBER_MESSAGE in m for m in flat), flat)
        self.assertFalse(any(typed in m for m in flat), "the message never repeats the value")
        self.assertEqual(Revision.objects.filter(object_id=str(self.page.pk)).count(), 1, "nothing saved")

    def test_the_title_affair_and_seo_fields_refuse_every_spelling(self):
        fields = {
            "title": "タイトル",
            "affair": "事務の名称",
            "seo_title": "検索用タイトル",
            "search_description": "検索用の説明",
        }
        for field in fields:
            for name, text in SOME.items():
                with self.subTest(field=field, spelling=name):
                    typed = f"連絡先 {text}"
                    response = self.client.post(self.edit_url, edit_form_data(self.page, **{field: typed}))
                    self.assert_refused(response, fields[field], typed)

    def test_the_slug_refuses_a_my_number_written_with_hyphens(self):
        typed = "juki-1234-5678-9018"
        response = self.client.post(self.edit_url, edit_form_data(self.page, slug=typed))
        self.assert_refused(response, "スラッグ", typed)

    def test_an_ordinary_title_with_numbers_is_saved(self):
        response = self.client.post(self.edit_url, edit_form_data(self.page, title="住民基本台帳 電話0893-44-2111"))
        self.assertEqual(response.status_code, 302)


class CommentsTest(UchikoTestCase):
    def comment_data(self, text, reply=""):
        data = edit_form_data(self.page)
        data.update(
            {
                "comments-TOTAL_FORMS": "1",
                "comments-0-id": "",
                "comments-0-contentpath": "title",
                "comments-0-position": "",
                "comments-0-text": text,
                "comments-0-resolved": "",
                "comments-0-DELETE": "",
                "comments-0-replies-TOTAL_FORMS": "1" if reply else "0",
                "comments-0-replies-INITIAL_FORMS": "0",
                "comments-0-replies-MIN_NUM_FORMS": "0",
                "comments-0-replies-MAX_NUM_FORMS": "1000",
            }
        )
        if reply:
            data.update({"comments-0-replies-0-id": "", "comments-0-replies-0-text": reply})
            data.update({"comments-0-replies-0-DELETE": ""})
        return data

    def test_a_comment_with_a_my_number_is_refused_and_not_stored(self):
        for name, text in SOME.items():
            with self.subTest(spelling=name):
                response = self.client.post(self.edit_url, self.comment_data(f"対象者 {text} を確認"))
                self.assertEqual(response.status_code, 200)
                self.assertIn("「コメント」：" + MY_NUMBER_MESSAGE, str(response.context["form"].non_field_errors()))
                self.assertFalse(Comment.objects.exists())

    def test_a_reply_with_a_my_number_is_refused(self):
        response = self.client.post(self.edit_url, self.comment_data("確認してください", reply=SPELLINGS["tab"]))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Comment.objects.exists())

    def test_an_ordinary_comment_is_stored(self):
        response = self.client.post(self.edit_url, self.comment_data("委託先の件数を確認してください"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Comment.objects.get().text, "委託先の件数を確認してください")


class RegistryFormsTest(UchikoTestCase):
    def add(self, **data):
        url = reverse(Contractor.snippet_viewset.get_url_name("add"))
        base = {"organization": str(self.organization.pk), "name": "株式会社内子情報", "address": "愛媛県内子町"}
        return self.client.post(url, {**base, **data})

    def test_a_record_and_its_change_reason_refuse_every_spelling(self):
        self.client.force_login(self.approver)
        for field in ("name", "address", "change_reason"):
            for name, text in SOME.items():
                with self.subTest(field=field, spelling=name):
                    response = self.add(**{field: f"番号 {text}"})
                    self.assertEqual(response.status_code, 200)
                    self.assertIn(MY_NUMBER_MESSAGE, " ".join(response.context["form"].errors.get(field, [])))
                    self.assertFalse(Contractor.objects.filter(organization=self.organization).exists())

    def test_an_ordinary_record_is_stored(self):
        self.client.force_login(self.approver)
        self.assertEqual(self.add(change_reason="新規契約").status_code, 302)
        self.assertTrue(Contractor.objects.filter(organization=self.organization).exists())


class ApprovalCommentsTest(UchikoTestCase):
    def test_the_reason_for_sending_back_and_the_approval_comment_refuse_a_my_number(self):
        task = ShozokuchoApprovalTask.objects.get(name="内子町長 所属長による承認")
        for action in ("reject", "approve"):
            with self.subTest(action=action):
                form = task.get_form_for_action(action)({"comment": f"対象者 {SPELLINGS['hyphen U+2010']}"})
                self.assertFalse(form.is_valid())
                self.assertIn(MY_NUMBER_MESSAGE, " ".join(form.errors["comment"]))
