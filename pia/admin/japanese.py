"""Japanese where Wagtail's admin writes English that no translation catalogue reaches.

The catalogues (config/locale/ja) translate what Wagtail passes through gettext. A few texts it
makes otherwise, and this module makes them Japanese:

* A revision comparison shows a stream block's value with ``str()``: True, False, None and ISO
  dates. Values of check boxes, numbers, dates and choices are shown as a person reads them.
* A listing column or a form field without a label is titled from its name ("Port", "Link text",
  "Task type"): those Wagtail leaves so get Japanese labels, and a reference's field ("User" in
  「コメント → User」) is named in Japanese.
* Moments are written by Wagtail in the Western calendar (2026年12月4日10:05): in lock messages,
  revision and history labels (render_timestamp) and in the tooltip of every relative date
  (config/templates/wagtailadmin/shared/human_readable_date.html); they are written in 和暦.
* The help menu links to Wagtail's editor guide and release notes, in English on wagtail.org:
  they are left out (hooks.py), and so is the dashboard's link to the guide (a template).

tests/i18n/test_admin_pages_are_japanese.py reads every admin page for English.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from wagtail import blocks
from wagtail.admin import compare
from wagtail.admin.forms import choosers, workflows
from wagtail.admin.ui.tables import Column
from wagtail.models import ReferenceIndex
from wagtail.sites import views as site_views
from wagtail.users.forms import PagePermissionsForm
from wagtail.users.views.bulk_actions.assign_role import RoleForm

from registry.jp.wareki import format_date
from registry.templatetags.pia_registry_tags import wareki_datetime

CHECKED, UNCHECKED = "チェックあり", "チェックなし"

_wagtail_comparison_class = compare.get_comparison_class_for_block
# Field blocks whose value is not text: Wagtail would compare str(value).
PLAIN_VALUE_BLOCKS = (
    blocks.BooleanBlock,
    blocks.IntegerBlock,
    blocks.DecimalBlock,
    blocks.FloatBlock,
    blocks.DateBlock,
    blocks.ChoiceBlock,
)


def value_text(value: Any) -> str:
    """A stream block's plain value as the comparison shows it: チェックあり, 令和3年4月1日, 12, or nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return CHECKED if value else UNCHECKED
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return format_date(value)
    return str(value)


class ValueComparison(compare.BlockComparison):
    """Check boxes, numbers, dates and choices compared as the words a person reads, not as str()."""

    def htmlvalue(self, val: Any) -> SafeString:
        return escape(value_text(val))

    def htmldiff(self) -> SafeString:
        return compare.diff_text(value_text(self.val_a), value_text(self.val_b)).to_html()


def comparison_class_for_block(block: blocks.Block) -> type[compare.BlockComparison]:
    """Wagtail's choice, except for field blocks whose value is not text (Wagtail would render str(value))."""
    if isinstance(block, PLAIN_VALUE_BLOCKS):
        return ValueComparison
    return _wagtail_comparison_class(block)


SITE_COLUMN_LABELS = {"port": "ポート番号", "site_name": "サイト名", "root_page": "ルートページ"}
LINK_TEXT = "リンクの文字"
FORM_FIELD_LABELS: dict[Any, dict[str, str]] = {  # form class → field name → label
    choosers.ExternalLinkChooserForm: {"link_text": LINK_TEXT},
    choosers.AnchorLinkChooserForm: {"link_text": LINK_TEXT},
    choosers.EmailLinkChooserForm: {
        "email_address": "メールアドレス",
        "link_text": LINK_TEXT,
        "subject": "件名",
        "body": "本文",
    },
    choosers.PhoneLinkChooserForm: {"phone_number": "電話番号", "link_text": LINK_TEXT},
    workflows.WorkflowPageForm: {"page": "ページ"},
    PagePermissionsForm: {"page": "ページ"},
    RoleForm: {"role": "ロール"},
}
TASK_TYPE_LABEL = "タスクの種類"

_wagtail_task_search_init = workflows.TaskChooserSearchForm.__init__
_wagtail_describe_source_field = ReferenceIndex.describe_source_field


def _task_search_init(form: workflows.TaskChooserSearchForm, *args: Any, **kwargs: Any) -> None:
    _wagtail_task_search_init(form, *args, **kwargs)
    if "task_type" in form.fields:
        form.fields["task_type"].label = TASK_TYPE_LABEL


def _describe_source_field(reference: ReferenceIndex) -> str:
    """「コメント → ユーザー」: each part of Wagtail's path translated (a field's default name is English)."""
    parts = str(_wagtail_describe_source_field(reference)).split(" → ")
    return " → ".join(gettext(part) for part in parts)


# Modules of Wagtail that format a moment with render_timestamp (lock messages, revisions, history):
# each imported the function by name, so each gets the 和暦 one.
TIMESTAMP_MODULES = (
    "wagtail.utils.timestamps",
    "wagtail.wagtail_hooks",
    "wagtail.admin.views.generic.mixins",
    "wagtail.admin.views.pages.revisions",
    "wagtail.admin.views.pages.edit",
    "wagtail.locks",
)


def wareki_timestamp(timestamp: dt.datetime) -> str:
    """A moment as every page of ours writes it: 令和8年12月4日 10:05, in Japan time."""
    return wareki_datetime(timestamp)


def install() -> None:
    """Called once when the admin's hooks are loaded (pia.admin.hooks)."""
    for name in TIMESTAMP_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "render_timestamp"):
            module.render_timestamp = wareki_timestamp  # type: ignore[attr-defined]
    # Wagtail's stream comparisons look the function up in their module for every child block.
    compare.get_comparison_class_for_block = comparison_class_for_block
    site_views.IndexView.columns = [
        Column(column.name, label=SITE_COLUMN_LABELS[column.name], sort_key=column.sort_key)
        if column.name in SITE_COLUMN_LABELS
        else column
        for column in site_views.IndexView.columns
    ]
    for form_class, labels in FORM_FIELD_LABELS.items():
        for name, label in labels.items():
            form_class.base_fields[name].label = label
    workflows.TaskChooserSearchForm.__init__ = _task_search_init
    ReferenceIndex.describe_source_field = _describe_source_field
