"""Forms of the administrators' screens for bodies: a new body, a member, a department.

A new body's fields are checked by the service (pia.services.organizations), so the screen and
``create_organization`` refuse the same input with the same messages; the form only carries them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import QueryDict

from pia.services.organizations import (
    ADDRESS_MAX,
    FIELD_LABELS,
    MUNICIPALITY_MAX,
    NAME_MAX,
    SLUG_MAX,
)
from registry.enums import Role
from registry.forms import OrganizationScopedForm
from registry.jp.mynumber import contains_my_number
from registry.models import Department, Membership, Organization


def withhold_my_numbers(form: forms.BaseForm) -> forms.BaseForm:
    """Show a refused *form* again without any value holding a 個人番号: the error names the field, never the value."""
    if isinstance(form.data, QueryDict):  # bound to what was posted
        data = form.data.copy()
        for name in form.fields:
            if contains_my_number(data.get(name)):
                data[name] = ""
        form.data = data
    return form


def _text(name: str, max_length: int, *, required: bool = False, help_text: str = "") -> forms.CharField:
    # Not validated here (required=False, no max_length): the service refuses, with the command's words.
    attrs: dict[str, Any] = {"maxlength": max_length}
    if required:
        attrs["required"] = True
    return forms.CharField(
        label=FIELD_LABELS[name],
        required=False,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


class OrganizationCreateForm(forms.Form):
    name = _text("name", NAME_MAX, required=True, help_text="評価書に印字される名称（例：内子町長）")
    slug = _text(
        "slug",
        SLUG_MAX,
        required=True,
        help_text="半角英小文字・数字・ハイフン。公開サイトのアドレスの一部になり、後から変更できません。",
    )
    municipality = _text("municipality", MUNICIPALITY_MAX, help_text="例：内子町（愛媛県）")
    local_government_code = _text("local_government_code", 6, help_text="6桁の半角数字（任意）")
    address = _text("address", ADDRESS_MAX)


class MemberForm(forms.Form):
    """A user, named by the login name, given a role in the body."""

    username = forms.CharField(
        label="利用者名（ログイン名）",
        max_length=150,
        help_text="利用者は先に「設定」→「利用者」で作成しておきます。",
    )
    role = forms.ChoiceField(label="役割", choices=Role.choices)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise ValidationError("この利用者名の利用者はいません。")
        if not user.is_active:
            raise ValidationError("この利用者は無効にされています。先に「設定」→「利用者」で有効にしてください。")
        return user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user, role = cleaned.get("username"), cleaned.get("role")
        held = Membership.objects.filter(user=user, organization=self.organization, role=role)
        if user is not None and role and held.exists():
            self.add_error("role", f"この利用者は既に「{Role(role).label}」です。")
        return cleaned


class DepartmentForm(OrganizationScopedForm):
    """A department of one body (the registry's form: line breaks, 個人番号 guard, the reason kept in history)."""

    class Meta:
        model = Department
        fields = ["name", "head_title", "postal_code", "address", "phone", "contact_label"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        # The constraint names the organization, which is not a field here: Django would not check it.
        clash = Department.objects.filter(organization=self.instance.organization, name=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise ValidationError("この評価実施機関には同じ名前の部署が既にあります。")
        return name
