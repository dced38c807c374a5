"""The preview renders the draft from its resolved document; the live page shows only what was published."""

from django.urls import reverse

from tests.editor import edit_form_data
from tests.personas import AFFAIR, PersonaTestCase

DRAFT_NAME = "下書きだけの事務名称"


class PreviewAndLivePageTest(PersonaTestCase):
    def save_draft(self):
        page = self.fresh_assessment()
        values = page.get_values()
        values["kihon"]["jimu"]["meisho"] = DRAFT_NAME
        self.client.force_login(self.officer)
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form_data(page, values))
        self.assertEqual(response.status_code, 302)
        return page, values

    def test_the_preview_renders_the_unsaved_form_in_document_order(self):
        page = self.fresh_assessment()
        values = page.get_values()
        values["kihon"]["jimu"]["meisho"] = DRAFT_NAME
        self.client.force_login(self.officer)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        self.assertEqual(self.client.post(url, edit_form_data(page, values)).json()["is_valid"], True)
        body = self.client.get(url).content.decode()
        self.assertIn(DRAFT_NAME, body)
        self.assertLess(body.index("Ⅰ　基本情報"), body.index("Ⅱ　特定個人情報ファイルの概要"))
        self.assertIn("[令和６年10月　様式３]", body)
        self.assertIn("令和7年6月30日", body)  # 公表日 of the latest version, kept in the draft

    def test_the_outsider_cannot_preview(self):
        page = self.fresh_assessment()
        self.client.force_login(self.outsider)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        response = self.client.post(url, edit_form_data(page))
        self.assertNotEqual(response.status_code, 200)

    def test_the_live_page_does_not_show_a_draft(self):
        page, _values = self.save_draft()
        self.client.logout()
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertNotIn(DRAFT_NAME, body)
        self.assertIn(AFFAIR, body)
        self.assertIn('lang="ja"', body)

    def test_check_marks_are_read_as_text_by_a_screen_reader(self):
        self.client.logout()
        body = self.client.get(self.fresh_assessment().url).content.decode()
        self.assertIn('<span class="visually-hidden">該当する：</span>個人番号', body)
        self.assertIn('<span class="visually-hidden">該当しない：</span>個人番号対応符号', body)
