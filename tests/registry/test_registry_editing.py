"""Editing registry records in the admin: lists as text, history with the user, bad input refused."""

from django.urls import reverse

from registry.history import changes
from registry.models import PersonalInformationFile, System
from tests.personas import PersonaTestCase

MY_NUMBER = "123456789018"


def edit_url(model, pk):
    return reverse(model.snippet_viewset.get_url_name("edit"), args=[pk])


class SystemEditingTest(PersonaTestCase):
    def setUp(self):
        self.client.force_login(self.officer)
        self.system = System.objects.get(organization=self.organization, name="中間サーバー")

    def form_data(self, **changes):
        data = {
            "organization": str(self.system.organization_id),
            "name": self.system.name,
            "functions": "符号管理機能\n　符号と統合利用番号を紐付けて管理する。\n\n情報照会機能",
            "networks": ["joho_teikyo_nw", "atena"],
            "other_connections": "",
            "code": self.system.code,
            "log_online_months": "3",
            "log_archive_years": "7",
            "log_days": self.system.log_days,
        }
        data.update(changes)
        return data

    def post(self, **changes):
        return self.client.post(edit_url(System, self.system.pk), self.form_data(**changes))

    def test_functions_are_edited_as_paragraphs_and_printed_numbered(self):
        self.assertEqual(self.post().status_code, 302)
        self.system.refresh_from_db()
        self.assertEqual(
            self.system.functions_text(), "１　符号管理機能\n　符号と統合利用番号を紐付けて管理する。\n２　情報照会機能"
        )

    def test_the_history_records_who_changed_what(self):
        self.post()
        last = changes(System, self.system.pk)[-1]
        self.assertEqual(last.who, "保健 花子")
        self.assertEqual(last.kind, "変更")
        self.assertIn("functions", [field.field for field in last.fields])

    def test_the_history_records_why(self):
        self.post(change_reason="システム更改に伴う機能の整理")
        self.assertEqual(changes(System, self.system.pk)[-1].reason, "システム更改に伴う機能の整理")

    def test_the_registry_listing_can_be_searched(self):
        url = reverse(System.snippet_viewset.get_url_name("list"))
        body = self.client.get(url + "?q=中間").content.decode()
        self.assertIn("中間サーバー", body)
        self.assertNotIn("健康管理システム", body)

    def test_the_change_history_page_shows_the_field_and_the_user(self):
        self.post()
        url = reverse(System.snippet_viewset.get_url_name("changes"), args=[self.system.pk])
        body = self.client.get(url).content.decode()
        self.assertIn("システムの機能", body)
        self.assertIn("保健 花子", body)
        self.assertIn("令和", body)

    def test_a_my_number_is_refused_and_nothing_changes(self):
        before = self.system.functions
        response = self.post(functions=f"照会機能\n　{MY_NUMBER}で照会する")
        self.assertEqual(response.status_code, 200)
        self.assertIn("個人番号と思われる12桁の数字", response.content.decode())
        self.assertNotIn(MY_NUMBER, response.content.decode().replace(f"　{MY_NUMBER}で照会する", ""))
        self.system.refresh_from_db()
        self.assertEqual(self.system.functions, before)

    def test_an_oversized_text_is_refused(self):
        response = self.post(functions="長" * 20_001)
        self.assertEqual(response.status_code, 200)
        self.system.refresh_from_db()
        self.assertNotEqual(len(self.system.functions_text()), 20_001)

    def test_an_unknown_network_is_refused(self):
        response = self.post(networks=["joho_teikyo_nw", "internet"])
        self.assertEqual(response.status_code, 200)
        self.system.refresh_from_db()
        self.assertNotIn("internet", self.system.networks)

    def test_a_connection_to_another_system_is_saved_and_printed_under_sonota(self):
        health = System.objects.get(organization=self.organization, name="健康管理システム")
        self.assertEqual(self.post(connected_systems=[str(health.pk)]).status_code, 302)
        self.system.refresh_from_db()
        self.assertEqual(self.system.connected_systems, [health.pk])

    def test_saving_unchanged_choices_records_no_change(self):
        vrs = self.registry.systems[0]  # two functions, one with a description, and a connected system
        self.system = vrs
        before = len(changes(System, vrs.pk))
        data = self.form_data(
            functions=vrs.functions_text()
            .replace("１　", "")
            .replace("\n２　", "\n\n")
            .replace("\n３　", "\n\n")
            .replace("\n４　", "\n\n"),
            networks=vrs.networks,
            connected_systems=[str(pk) for pk in reversed(vrs.connected_systems)],
        )
        self.assertEqual(self.client.post(edit_url(System, vrs.pk), data).status_code, 302)
        self.assertEqual(len(changes(System, vrs.pk)), before)

    def test_another_organizations_system_cannot_be_connected(self):
        from registry.models import Organization

        other = System.objects.create(organization=Organization.objects.get(slug="midorino"), name="緑野市の住基")
        response = self.post(connected_systems=[str(other.pk)])
        self.assertEqual(response.status_code, 200)
        self.system.refresh_from_db()
        self.assertNotIn(other.pk, self.system.connected_systems)

    def test_the_officer_cannot_move_a_record_to_another_organization(self):
        from registry.models import Organization

        response = self.post(organization=str(Organization.objects.get(slug="midorino").pk))
        self.assertEqual(response.status_code, 200)
        self.system.refresh_from_db()
        self.assertEqual(self.system.organization.slug, "nagaoka")


class RecordItemsTest(PersonaTestCase):
    def test_record_items_are_one_per_line_with_their_conditional_mark(self):
        from registry.forms import RecordItemsField

        items = RecordItemsField(required=False).clean("・個人番号\n\n宛名番号\r\n・ワクチン種類（※）\n   ")
        self.assertEqual(
            items,
            [
                {"name": "個人番号", "conditional": False},
                {"name": "宛名番号", "conditional": False},
                {"name": "ワクチン種類", "conditional": True},
            ],
        )

    def test_a_file_prints_annex_one_as_heading_items_with_their_marks_and_note(self):
        file = PersonalInformationFile.objects.get(organization=self.organization, name="予防接種ファイル")
        self.assertEqual(
            file.record_items_text(),
            "予防接種ファイル\n・個人番号\n・氏名\n・接種記録\n・連絡先（※）\n\n（※）は本人から申出があった場合に限る。",
        )
