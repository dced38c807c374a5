"""The editor's layout of an assessment page: one tab per section of its form definition.

The layout is attached to every registered assessment page class when the app is ready
(``PiaConfig.ready``), so the page models know nothing of the admin's panels.
"""

from __future__ import annotations

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


def attach_edit_handlers() -> None:
    for page_class in ASSESSMENT_PAGE_CLASSES.values():
        page_class.edit_handler = assessment_edit_handler(page_class.definition_of_class())
