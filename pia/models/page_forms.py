"""The admin form of every page of ours: page fields and reviewer comments refuse a 個人番号.

The sections' items are guarded by their blocks (forms/blocks.py); this form covers what the
blocks do not: the title, draft title, slug, SEO fields, 事務の名称 and the comments and
replies that reviewers leave on the page.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm

from pia.formdef.linked import linked_items
from pia.formdef.procedure_rule import procedure_findings
from pia.formdef.threshold_rule import threshold_contradictions
from pia.formdef.validation import missing_required
from registry.jp.mynumber import contains_my_number
from registry.mynumber_guard import refusal_message, refuse_my_numbers_in_form

# The buttons of Wagtail's edit view that start or restart the approval workflow.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")
SLUG_FALLBACK = "hyokasho"
SLUG_HELP = "URLに使われるページの名前（半角英数字とハイフン）。空欄のままにすると、番号付きの名前を自動で決めます。"
MISSING_NAMED = 5  # missing items named in the refusal; each tab lists all of its own


class GuardedPageForm(WagtailAdminPageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields and self.instance.pk is None:
            # A Japanese title gives no ASCII slug: a new page may leave it blank (see _default_slug).
            self.fields["slug"].required = False
            self.fields["slug"].help_text = SLUG_HELP

    def clean(self) -> dict[str, Any]:
        if "slug" in self.fields and self.instance.pk is None and not self.data.get(self.add_prefix("slug")):
            self.cleaned_data["slug"] = self._default_slug()
        cleaned = super().clean()
        refuse_my_numbers_in_form(self)
        self._refuse_my_numbers_in_comments()
        return cleaned

    def _default_slug(self) -> str:
        """The title's ASCII slug, else ``hyokasho-N`` (the first N free under the parent page)."""
        base = slugify(self.cleaned_data.get("title") or "")
        if not re.search("[a-z]", base):  # a Japanese title leaves nothing, or only its digits
            base = SLUG_FALLBACK
        siblings = set(self.parent_page.get_children().values_list("slug", flat=True)) if self.parent_page else set()
        if base != SLUG_FALLBACK and base not in siblings:
            return base
        return next(
            f"{base}-{n}" for n in itertools.count(1 if base == SLUG_FALLBACK else 2) if f"{base}-{n}" not in siblings
        )

    def _post_clean(self) -> None:
        super()._post_clean()  # the instance now holds what was typed
        if not self.errors and hasattr(self.instance, "definition"):
            self._refuse_input_the_registry_replaces()
        if hasattr(self.instance, "definition") and self.is_submission():
            # Also beside other errors: the officer learns at once everything the submission lacks.
            self._refuse_submission_with_missing_items()
            self._refuse_submission_contradicting_its_threshold()
            self._refuse_submission_breaking_its_procedure()

    def is_submission(self) -> bool:
        """The officer pressed a button that submits the draft for approval (not a plain save)."""
        return any(self.data.get(name) for name in SUBMIT_ACTIONS)

    def _refuse_submission_with_missing_items(self) -> None:
        """A draft goes to its approver only when every item the form requires is written.

        The editor lists each missing item at the top of its tab, linked to the field (FindingsPanel).
        """
        missing = missing_required(self.instance.resolved_document())
        if not missing:
            return
        shown = "、".join(finding.printed_path for finding in missing[:MISSING_NAMED])
        more = f" ほか{len(missing) - MISSING_NAMED}件" if len(missing) > MISSING_NAMED else ""
        self.add_error(
            None,
            f"必須項目が{len(missing)}件記載されていないため、承認に提出できません：{shown}{more}。"
            "各タブの「未記載の必須項目」から該当する項目へ移動できます。下書きとしての保存はできます。",
        )

    def _refuse_submission_contradicting_its_threshold(self) -> None:
        """A しきい値判断結果 that its own answers contradict never goes to the approver (the editor
        shows the same finding at the top of the result's tab)."""
        page = self.instance
        for finding in threshold_contradictions(page.definition, page.resolved_document()):
            self.add_error(None, f"しきい値判断の記載が矛盾しているため、承認に提出できません：{finding}")

    def _refuse_submission_breaking_its_procedure(self) -> None:
        """A comment period that ends before it starts, or is shorter than the form allows without its
        reason, never goes to the approver (the editor shows the same finding at the top of its tab)."""
        page = self.instance
        for finding in procedure_findings(page.definition, page.resolved_document()):
            self.add_error(None, f"評価実施手続の記載に不備があるため、承認に提出できません：{finding}")

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
