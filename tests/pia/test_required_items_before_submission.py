"""Before a draft goes to its approver, the items the form requires must be written.

What is required is the definition's: every item that is not ``optional`` (nor inside an optional
group such as ２．国民・住民等からの意見の聴取【任意】), and an item with ``required_when`` only when
its sibling holds that answer (⑤再委託の許諾方法 when ④ says 再委託する). Saving a draft is never refused.
"""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from pia.formdef.loader import DefinitionError, load_definition_data
from pia.formdef.validation import missing_required
from tests.editor import edit_form_data
from tests.personas import PersonaTestCase
from tests.pia.test_definition_loader import MINIMAL
from tests.privacy.uchiko import UchikoTestCase

SUBMIT = {"action-submit": "submit"}


class BlankAssessmentTest(UchikoTestCase):
    """内子町's blank assessment (every item empty), edited by its officer."""

    def test_submission_is_refused_naming_the_missing_items(self):
        data = edit_form_data(self.page, **SUBMIT)

        response = self.client.post(self.edit_url, data)

        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].non_field_errors()
        self.assertEqual(len(errors), 1, response.context["form"].errors.as_text()[:2000])
        self.assertRegex(errors[0], r"^必須項目が\d+件記載されていないため、承認に提出できません：表紙 評価書番号、")
        self.assertFalse(WorkflowState.objects.for_instance(self.page).exists(), "nothing was submitted")

    def test_each_tab_lists_its_missing_items_with_links_to_the_fields(self):
        response = self.client.post(self.edit_url, edit_form_data(self.page, **SUBMIT))
        html = response.content.decode()

        self.assertIn("未記載の必須項目", html)
        # Each link names the field by the prefix of its inputs (the editor draws them with JavaScript:
        # tests/browser follows such a link to the input).
        for prefix, printed in (
            ("s_cover-0-value-hyokasho_bango", "表紙 評価書番号"),
            ("s_kihon-0-value-jimu-naiyo", "Ⅰ　基本情報 １．特定個人情報ファイルを取り扱う事務 ②事務の内容"),
        ):
            self.assertIn(f'<a href="#{prefix}" data-pia-goto="{prefix}">{printed}</a>', html)
        # ２．国民・住民等からの意見の聴取【任意】 is optional: never listed.
        self.assertNotIn("s_tetsuzuki-0-value-iken-hoho", html.split("未記載の必須項目", 1)[1].split("</details>")[0])

    def test_a_draft_with_missing_items_is_still_saved(self):
        values = self.page.get_values()
        values["kihon"]["jimu"]["naiyo"] = "下書きの記載"

        response = self.client.post(self.edit_url, edit_form_data(self.page, values))

        self.assertEqual(response.status_code, 302)
        self.page.refresh_from_db()
        self.assertEqual(self.page.latest_draft().get_values()["kihon"]["jimu"]["naiyo"], "下書きの記載")


class FilledAssessmentTest(PersonaTestCase):
    """The persona body's assessment answers every item (tests/factories: sample_values)."""

    def missing_paths(self, values) -> list[str]:
        page = self.fresh_assessment()
        page.set_values(values)
        return [finding.printed_path for finding in missing_required(page.resolved_document())]

    def test_a_complete_assessment_is_submitted(self):
        page = self.submit_change("予防接種の記録を管理するため。")

        state = WorkflowState.objects.for_instance(page).get()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)

    def test_conditional_items_are_required_only_with_their_answer(self):
        values = self.fresh_assessment().get_values()
        risk = values["risk"][0]["hokan"]["risk"]
        risk.update(jutai_jiko="発生あり", jutai_jiko_naiyo="", saihatsu_boshi=None)
        prefix = "Ⅲ　リスク対策 ７．特定個人情報の保管・消去 リスク：　特定個人情報の漏えい・滅失・毀損リスク"

        self.assertEqual(self.missing_paths(values), [f"{prefix} ② その内容", f"{prefix} ② 再発防止策の内容"])
        risk["jutai_jiko"] = "発生なし"
        self.assertEqual(self.missing_paths(values), [])

    def test_optional_items_may_stay_empty(self):
        values = copy.deepcopy(self.fresh_assessment().get_values())
        values["tetsuzuki"]["iken"] = {"hoho": "", "kikan": "", "shuyo_iken": ""}
        values["cover"]["tokki_jiko"] = ""

        self.assertEqual(self.missing_paths(values), [])

    def test_an_empty_required_item_is_named_by_its_printed_path(self):
        values = self.fresh_assessment().get_values()
        values["kihon"]["jimu"]["naiyo"] = "  \n"

        self.assertEqual(self.missing_paths(values), ["Ⅰ　基本情報 １．特定個人情報ファイルを取り扱う事務 ②事務の内容"])

    def test_the_refusal_is_given_on_submission_through_the_editor(self):
        page = self.fresh_assessment()
        values = page.get_values()
        values["files"][0]["nyushu"]["shiyo_mokuteki"] = ""
        self.client.force_login(self.officer)

        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form_data(page, values, **SUBMIT)
        )

        self.assertEqual(response.status_code, 200)
        self.assertIn("③使用目的", response.context["form"].non_field_errors()[0])
        self.assertFalse(WorkflowState.objects.for_instance(page).exists())


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"item": "nothing_here", "choice": "行っている"}, "required_when names no choice '行っている' of a sibling"),
        ({"item": "jokyo", "choice": "たぶん"}, "required_when names no choice 'たぶん' of a sibling"),
        ({"item": "jokyo"}, "required_when needs 'item'"),
        ("jokyo", "required_when needs 'item'"),
    ],
)
def test_a_condition_must_name_a_sibling_choice(condition, message):
    raw = copy.deepcopy(MINIMAL)
    items = raw["sections"][0]["items"]
    items.append({"key": "riyu", "label": "３．理由", "type": "text", "required_when": condition})
    items[2]["label"] = "４．システム"

    with pytest.raises(DefinitionError, match=message):
        load_definition_data(raw, "test")
