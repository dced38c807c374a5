from __future__ import annotations

from typing import Any

from django import forms
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class TokenForm(forms.Form):
    token = forms.CharField(
        label="確認コード",
        max_length=32,
        help_text="認証アプリに表示されている6桁の数字、または回復コード（8文字）を入力してください。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class FirstTokenForm(forms.Form):
    token = forms.CharField(
        label="確認コード",
        max_length=16,
        help_text="認証アプリに表示されている6桁の数字を入力してください。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with the password field labelled in Japanese (Wagtail leaves it unlabelled)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "パスワード"
