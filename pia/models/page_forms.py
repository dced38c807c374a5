"""The admin form of every page of ours: page fields and reviewer comments refuse a 個人番号.

The sections' items are guarded by their blocks (forms/blocks.py); this form covers what the
blocks do not: the title, draft title, slug, SEO fields, 事務の名称 and the comments and
replies that reviewers leave on the page.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

from registry.jp.mynumber import contains_my_number
from registry.mynumber_guard import refusal_message, refuse_my_numbers_in_form


class GuardedPageForm(WagtailAdminPageForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        refuse_my_numbers_in_form(self)
        self._refuse_my_numbers_in_comments()
        return cleaned

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
