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
from pia.models import AssessmentPage, JutenAssessmentPage, KisoAssessmentPage
from pia.models.pages import ASSESSMENT_PAGE_CLASSES
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


def add_url(page_class: type[AssessmentPage], parent_id: int) -> str:
    return reverse("wagtailadmin_pages:add", args=[page_class._meta.app_label, page_class._meta.model_name, parent_id])


class AddingAnAssessmentTest(UchikoTestCase):
    """Every registered form kind and edition (pia.models.pages.ASSESSMENT_PAGE_CLASSES) is added the same way."""

    def setUp(self):
        super().setUp()
        self.org_page = self.page.get_parent()

    def page_classes(self):
        self.assertIn(JutenAssessmentPage, ASSESSMENT_PAGE_CLASSES.values())
        self.assertIn(KisoAssessmentPage, ASSESSMENT_PAGE_CLASSES.values())
        return sorted(ASSESSMENT_PAGE_CLASSES.items())

    def test_the_add_view_opens_a_blank_editor(self):
        for definition_id, page_class in self.page_classes():
            with self.subTest(definition_id):
                response = self.client.get(add_url(page_class, self.org_page.pk))

                self.assertEqual(response.status_code, 200)
                form = response.context["form"]
                blank = page_class()
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
                # Its tabs are its form's sections, as the form prints them.
                content = response.content.decode()
                for section in blank.definition.editable_sections:
                    self.assertIn(section.tab, content)

    def test_a_new_assessment_is_stored_as_a_draft(self):
        for n, (definition_id, page_class) in enumerate(self.page_classes(), start=2):
            with self.subTest(definition_id):
                kind_label = page_class.definition_of_class().kind_label
                slug = f"juminzei-{page_class._meta.model_name}"
                new = page_class(
                    title=f"個人住民税に関する事務 {kind_label}", slug=slug, affair="個人住民税に関する事務"
                )

                response = self.client.post(add_url(page_class, self.org_page.pk), edit_form_data(new))

                self.assertEqual(
                    response.status_code, 302, getattr(response, "context", None) and response.context.get("form")
                )
                page = page_class.objects.get(slug=slug)
                self.assertEqual(page.definition_id, definition_id)
                self.assertEqual(page.get_parent().pk, self.org_page.pk)
                self.assertEqual(page.title, f"個人住民税に関する事務 {kind_label}")
                self.assertEqual(page.affair, "個人住民税に関する事務")
                self.assertFalse(page.live, "a new assessment is a draft until the 所属長 publishes it")
                self.assertTrue(page.has_unpublished_changes)
                self.assertEqual(page.revisions.count(), 1)
                self.assertEqual(page.latest_revision.user, self.officer)
                self.assertEqual(page.owner, self.officer)
                self.assertEqual(page.identifier, f"uchiko/{slug}")
                # The editor of the new draft opens too (its verdicts are looked up now that it has an id).
                self.assertEqual(self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code, 200)
                self.assertEqual(Page.objects.child_of(self.org_page).count(), n)

    def test_a_blank_slug_is_chosen_for_a_japanese_title(self):
        """A Japanese title has no ASCII slug: a blank one becomes hyokasho-N, the first N free under the body."""
        for n in (1, 2):
            new = JutenAssessmentPage(title=f"介護保険に関する事務{n} 重点項目評価書", affair="介護保険に関する事務")
            data = edit_form_data(new, slug="")

            response = self.client.post(add_url(JutenAssessmentPage, self.org_page.pk), data)

            self.assertEqual(
                response.status_code, 302, getattr(response, "context", None) and response.context.get("form")
            )
            self.assertTrue(JutenAssessmentPage.objects.filter(slug=f"hyokasho-{n}", affair=new.affair).exists())

    def test_an_ascii_title_gives_its_own_slug(self):
        new = JutenAssessmentPage(title="Juminzei 2027", affair="個人住民税に関する事務")

        response = self.client.post(add_url(JutenAssessmentPage, self.org_page.pk), edit_form_data(new, slug=""))

        self.assertEqual(response.status_code, 302)
        self.assertTrue(JutenAssessmentPage.objects.filter(slug="juminzei-2027").exists())
