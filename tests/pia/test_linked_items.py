"""Items printed from the registry are shown in the editor with the value that will print, and an
officer's input that the registry would replace is refused with a clear message, never dropped."""

from django.urls import reverse

from pia.formdef.linked import linked_items
from registry.models import PersonalInformationFile
from tests.editor import edit_form_data
from tests.personas import PersonaTestCase

USERS = "files[1].nyushu.shiyo_shutai.shiyo_shasu"  # ④使用の主体 使用者数, printed from the file's record


class LinkedItemsTest(PersonaTestCase):
    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    def record(self):
        return PersonalInformationFile.objects.get(organization=self.organization)

    def test_the_editor_lists_each_linked_item_with_the_value_that_prints_and_its_record(self):
        page = self.fresh_assessment()
        record = self.record()
        self.client.force_login(self.officer)
        html = self.client.get(self.edit_url(page)).content.decode()
        self.assertIn("台帳から印字される項目", html)
        self.assertIn(f'data-pia-path="{USERS}"', html)
        self.assertIn(record.get_user_band_display(), html)
        self.assertIn(reverse("wagtailsnippets_registry_personalinformationfile:edit", args=[record.pk]), html)

    def test_a_choice_the_registry_prints_cannot_be_overridden_in_the_editor(self):
        page = self.fresh_assessment()
        revisions = page.revisions.count()
        values = page.get_values()
        other = next(c for c in ["50人以上100人未満", "10人未満"] if c != self.record().user_band)
        values["files"][0]["nyushu"]["shiyo_shutai"]["shiyo_shasu"] = other
        self.client.force_login(self.officer)
        response = self.client.post(self.edit_url(page), edit_form_data(page, values))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "この項目は台帳の記録「")
        self.assertContains(response, "④使用の主体 使用者数")
        self.assertEqual(page.revisions.count(), revisions, "nothing is saved")

    def test_text_added_to_a_linked_text_is_printed_after_the_registrys_and_listed_as_an_addition(self):
        page = self.fresh_assessment()
        values = page.get_values()
        linked_texts = [
            item
            for item in linked_items(page.definition, values, page.resolved_document())
            if item.text and "\n" not in item.text and item.path.startswith("kihon.systems")
        ]
        target = linked_texts[0]
        entry = values["kihon"]["systems"][0]
        key = target.path.rsplit(".", 1)[1]
        entry[key] = "（評価書での補足）"
        self.client.force_login(self.officer)
        response = self.client.post(self.edit_url(page), edit_form_data(page, values))
        self.assertEqual(response.status_code, 302)
        draft = self.fresh_assessment().latest_draft()
        node = next(n for n in linked_items(draft.definition, draft.get_values(), draft.resolved_document()))
        self.assertEqual(node.path, target.path)
        self.assertEqual(node.text, f"{target.text}\n（評価書での補足）")
        self.assertEqual(node.addition, "（評価書での補足）")
        self.assertEqual(node.refused, "")
