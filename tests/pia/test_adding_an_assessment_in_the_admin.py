"""An officer adds an assessment in Wagtail's admin: the blank editor opens, and the new page is kept as a draft.

An unsaved page has no evidence checks and no verdicts yet; the editor asks for them on every tab,
so the add view must not look them up by the page (it has no id).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.models import Page

from pia.formdef.blocks import section_field_name
from pia.formdef.schema import Item, ItemType
from pia.models import JutenAssessmentPage
from tests.editor import edit_form_data
from tests.privacy.uchiko import UchikoTestCase


def filled_items(items: tuple[Item, ...], values: dict[str, Any], prefix: str) -> list[str]:
    """Paths of the items holding an answer (constants, such as the form's label, hold none)."""
    filled = []
    for item in items:
        value = values.get(item.key)
        path = f"{prefix}.{item.key}"
        match item.type:
            case ItemType.CONSTANT:
                continue
            case ItemType.GROUP:
                filled += filled_items(item.items, value or {}, path)
            case ItemType.REPEAT:
                if value:
                    filled.append(path)
            case ItemType.MULTI_CHECK:
                if any(
                    state.get("checked") or state.get("text") or state.get("count") for state in (value or {}).values()
                ):
                    filled.append(path)
            case _:
                if value not in (None, "", False):
                    filled.append(path)
    return filled


class AddingAnAssessmentTest(UchikoTestCase):
    def setUp(self):
        super().setUp()
        self.org_page = self.page.get_parent()
        self.add_url = reverse("wagtailadmin_pages:add", args=["pia", "jutenassessmentpage", self.org_page.pk])

    def test_the_add_view_opens_a_blank_editor(self):
        response = self.client.get(self.add_url)

        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        blank = JutenAssessmentPage()
        for section in blank.definition.editable_sections:
            name = section_field_name(section)
            setattr(blank, name, form[name].value())
        values = blank.get_values()
        filled = []
        for section in blank.definition.editable_sections:
            entries = section.entries(values[section.key])
            for entry in entries:
                filled += filled_items(section.items, entry, section.key)
        self.assertEqual(filled, [], "a new assessment starts with every item empty")
        self.assertEqual(form["title"].value() or "", "")
        self.assertEqual(form["affair"].value() or "", "")

    def test_a_new_assessment_is_stored_as_a_draft(self):
        new = JutenAssessmentPage(
            title="個人住民税に関する事務 重点項目評価書", slug="juminzei", affair="個人住民税に関する事務"
        )

        response = self.client.post(self.add_url, edit_form_data(new))

        self.assertEqual(response.status_code, 302, getattr(response, "context", None) and response.context.get("form"))
        page = JutenAssessmentPage.objects.get(slug="juminzei")
        self.assertEqual(page.get_parent().pk, self.org_page.pk)
        self.assertEqual(page.title, "個人住民税に関する事務 重点項目評価書")
        self.assertEqual(page.affair, "個人住民税に関する事務")
        self.assertFalse(page.live, "a new assessment is a draft until the 所属長 publishes it")
        self.assertTrue(page.has_unpublished_changes)
        self.assertEqual(page.revisions.count(), 1)
        self.assertEqual(page.latest_revision.user, self.officer)
        self.assertEqual(page.owner, self.officer)
        self.assertEqual(page.identifier, "uchiko/juminzei")
        # The editor of the new draft opens too (its verdicts are looked up now that it has an id).
        self.assertEqual(self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code, 200)
        self.assertEqual(Page.objects.child_of(self.org_page).count(), 2)
