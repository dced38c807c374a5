"""Admin forms for registry records: lists edited as plain text, choices as check boxes, org scoping.

Every text a form receives is stored as ``registry.text`` says (LF line breaks, no whitespace at
either end): browsers post a textarea's line breaks as CRLF, and a record saved unchanged must
store what it stored before, or every assessment printing it would show a change.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from wagtail.admin.forms import WagtailAdminModelForm

from registry.enums import ContractClause, Network, TransferMethod
from registry.jp.mynumber import MY_NUMBER_MESSAGE, contains_my_number
from registry.models import Organization
from registry.text import normalize_newlines

MAX_LIST_ITEMS = 200
MAX_TEXT = 20_000


class FunctionsField(forms.CharField):
    """System functions: one function per paragraph; its first line is the name, the rest its description."""

    widget = forms.Textarea(attrs={"rows": 12})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n\n".join(
                "\n".join(part for part in (f.get("title", ""), f.get("description", "")) if part) for f in value
            )
        return value

    def to_python(self, value: Any) -> list[dict[str, str]]:  # type: ignore[override]
        text = normalize_newlines(super().to_python(value) or "")
        functions = []
        for block in (b for b in text.split("\n\n") if b.strip()):
            title, _, description = block.strip("\n").partition("\n")
            functions.append({"title": title.strip(), "description": description})
        if len(functions) > MAX_LIST_ITEMS:
            raise ValidationError(f"機能は{MAX_LIST_ITEMS}件までです。")
        return functions


class RecordItemsField(forms.CharField):
    """Record items (別添１): one per line; a trailing （※） marks an item kept only when needed."""

    widget = forms.Textarea(attrs={"rows": 12})
    MARK = "（※）"

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(item.get("name", "") + (self.MARK if item.get("conditional") else "") for item in value)
        return value

    def to_python(self, value: Any) -> list[dict[str, Any]]:  # type: ignore[override]
        items = []
        for line in normalize_newlines(super().to_python(value) or "").split("\n"):
            name = line.strip().lstrip("・").strip()
            if not name:
                continue
            conditional = name.endswith(self.MARK)
            items.append({"name": name.removesuffix(self.MARK).strip(), "conditional": conditional})
        if len(items) > MAX_LIST_ITEMS:
            raise ValidationError(f"記録項目は{MAX_LIST_ITEMS}件までです。")
        return items


def _lf(value: Any) -> Any:
    return normalize_newlines(value) if isinstance(value, str) else value


def _normalized_data(data: Any) -> Any:
    """The submitted *data* (a QueryDict, or a dict in tests) with every text's line breaks LF."""
    if isinstance(data, QueryDict):
        normalized = data.copy()
        for key, values in data.lists():
            normalized.setlist(key, [_lf(value) for value in values])
        return normalized
    return {
        key: [_lf(v) for v in value] if isinstance(value, list | tuple) else _lf(value) for key, value in data.items()
    }


def _checkboxes(label: str, choices) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple)


class OrganizationScopedForm(WagtailAdminModelForm):
    """Limit every organization choice to the user's own; refuse a 個人番号 in any text; record why."""

    change_reason = forms.CharField(
        label="変更理由", required=False, max_length=200, help_text="例：契約更新、システム更改、誤記の訂正"
    )

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any):
        # Every text field's line breaks as stored, before any field reads the data (so the length
        # limits count what is stored); the fields strip the ends (strip=True), completing clean_text.
        super().__init__(None if data is None else _normalized_data(data), *args, **kwargs)
        user = self.for_user
        for field in self.fields.values():
            # Choices of related records (contractor, department, system…) stay inside the user's organizations.
            queryset = getattr(field, "queryset", None)
            if user is not None and queryset is not None and hasattr(queryset, "for_user"):
                field.queryset = queryset.for_user(user)
        if "organization" in self.fields and user is not None:
            organizations = Organization.objects.for_user(user)
            self.fields["organization"].queryset = organizations
            if organizations.count() == 1 and not self.instance.pk:
                self.fields["organization"].initial = organizations.first()

    def save(self, commit: bool = True):
        self.instance._change_reason = self.cleaned_data.get("change_reason") or ""  # read by simple-history
        return super().save(commit=commit)

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, list):
                text = "\n".join("\n".join(map(str, v.values())) if isinstance(v, dict) else str(v) for v in value)
            elif isinstance(value, str):
                text = value
            else:
                continue
            if len(text) > MAX_TEXT:
                self.add_error(name, f"{MAX_TEXT}文字以内で入力してください。")
            elif contains_my_number(text):
                self.add_error(name, MY_NUMBER_MESSAGE)
        return cleaned


class SystemForm(OrganizationScopedForm):
    functions = FunctionsField(
        label="システムの機能",
        required=False,
        help_text="機能ごとに空行で区切り、1行目に機能名、続く行に説明を書きます。",
    )
    networks = _checkboxes("接続する標準システム", Network.choices)
    connected_systems = forms.TypedMultipleChoiceField(
        label="接続する台帳上のシステム（「その他」に印字）",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        from registry.models import System

        others = System.objects.for_user(self.for_user) if self.for_user else System.objects.none()
        if self.instance.pk:
            others = others.filter(organization=self.instance.organization).exclude(pk=self.instance.pk)
        self.fields["connected_systems"].choices = [(s.pk, s.name) for s in others]

    def clean_connected_systems(self) -> list[int]:
        # Stored in a stable order, so that re-saving unchanged choices records no change.
        return sorted(self.cleaned_data["connected_systems"])


class PersonalInformationFileForm(OrganizationScopedForm):
    record_items = RecordItemsField(
        label="記録項目", required=False, help_text="1行に1項目。必要な場合のみ記録する項目は末尾に（※）を付けます。"
    )
    systems = forms.TypedMultipleChoiceField(
        label="使用するシステム", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        from registry.models import System

        systems = System.objects.for_user(self.for_user) if self.for_user else System.objects.none()
        self.fields["systems"].choices = [(s.pk, s.name) for s in systems]

    def clean_systems(self) -> list[int]:
        return sorted(self.cleaned_data["systems"])


class DelegationContractForm(OrganizationScopedForm):
    clauses = _checkboxes("委託契約書中の規定", ContractClause.choices)


class DestinationForm(OrganizationScopedForm):
    methods = _checkboxes("提供・移転の方法", TransferMethod.choices)
