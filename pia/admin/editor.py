"""The editor's layout of an assessment page: one tab per section of its form definition.

The layout is attached to every registered assessment page class when the app is ready
(``PiaConfig.ready``), so the page models know nothing of the admin's panels. It is built
when Wagtail first asks for it, since it reads the form definition, which start-up does not load.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.models import Page

from pia.admin.panels import DriftPanel, EditionPanel, FindingsPanel, VersionLinksPanel, WorkflowNoticePanel
from pia.formdef.blocks import section_field_name
from pia.formdef.schema import FormDefinition
from pia.models.page_forms import GuardedPageForm
from pia.models.pages import ASSESSMENT_PAGE_CLASSES


def assessment_edit_handler(definition: FormDefinition) -> TabbedInterface:
    tabs = []
    cover = definition.cover_section
    for section in definition.editable_sections:
        # A section printed once has exactly one block: hide the stream's add/move/delete controls.
        classname = "" if section.repeats else "pia-singleton"
        panels = [FindingsPanel(section=section.key), FieldPanel(section_field_name(section), classname=classname)]
        if section is cover:
            title = FieldPanel("title", heading="評価書名（管理用）", help_text="一覧に表示する名称")
            notices = [WorkflowNoticePanel(), EditionPanel(), VersionLinksPanel(), DriftPanel()]
            panels = [*notices, title, FieldPanel("affair"), FieldPanel("affair_ended_on"), *panels]
        tabs.append(ObjectList(panels, heading=section.tab))
    tabs.append(ObjectList(Page.promote_panels, heading="公開設定"))
    tabs.append(ObjectList(Page.settings_panels, heading="設定"))
    return TabbedInterface(tabs, base_form_class=GuardedPageForm)


class DefinitionEditHandler:
    """A page class's ``edit_handler``, built from the class's definition on first access."""

    def __init__(self) -> None:
        self._built: TabbedInterface | None = None

    def __get__(self, instance: Any, owner: Any) -> TabbedInterface:
        if self._built is None:
            self._built = assessment_edit_handler(owner.definition_of_class())
        return self._built


def attach_edit_handlers() -> None:
    for page_class in ASSESSMENT_PAGE_CLASSES.values():
        page_class.edit_handler = DefinitionEditHandler()
