"""The first page every member of staff sees is in Japanese and names this system, not Wagtail."""

import re

import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_login_page_has_no_english_labels_and_names_the_system():
    body = Client().get("/admin/login/").content.decode()
    title = re.search(r"<title>(.*?)</title>", body).group(1)
    assert title == "サインイン - 特定個人情報保護評価"
    assert "特定個人情報保護評価 管理画面へのログイン" in body
    for english in ("Password", "Remember me", "Sign in to Wagtail", "Wagtailへサインイン"):
        assert english not in body, english
    for japanese in ("パスワード", "ログイン状態を保持する"):
        assert japanese in body, japanese
