"""The admin form of every page of ours: page fields and reviewer comments refuse a 個人番号.

The sections' items are guarded by their blocks (forms/blocks.py); this form covers what the
blocks do not: the title, draft title, slug, SEO fields, 事務の名称 and the comments and
replies that reviewers leave on the page.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

from pia.formdef.linked import linked_items
from registry.jp.mynumber import contains_my_number
from registry.mynumber_guard import refusal_message, refuse_my_numbers_in_form


class GuardedPageForm(WagtailAdminPageForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        refuse_my_numbers_in_form(self)
        self._refuse_my_numbers_in_comments()
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()  # the instance now holds what was typed
        if not self.errors and hasattr(self.instance, "definition"):
            self._refuse_input_the_registry_replaces()

    def _refuse_input_the_registry_replaces(self) -> None:
        """An item printed from a registry record prints the record's value: own input that would
        replace it (a choice, a number, a date, a check) is refused, never dropped silently."""
        page = self.instance
        for item in linked_items(page.definition, page.get_values(), page.resolved_document()):
            if item.refused:
                where = item.record_label or "削除された記録"
                self.add_error(
                    None,
                    f"{item.printed_path}：この項目は台帳の記録「{where}」から印字されます。"
                    "入力した値は印字されないため保存できません。入力を消すか、台帳の記録を変更してください。",
                )

    def _refuse_my_numbers_in_comments(self) -> None:
        comments = self.formsets.get("comments")
        if comments is None:
            return
        for form in comments.forms:
            texts = [form.data.get(form.add_prefix("text"), "")]
            replies = getattr(form, "formsets", {}).get("replies")
            if replies is not None:
                texts += [reply.data.get(reply.add_prefix("text"), "") for reply in replies.forms]
            if any(contains_my_number(text) for text in texts):
                # The comment widget cannot show a field error: the page form says it, naming no value.
                self.add_error(None, refusal_message("コメント"))
                return
