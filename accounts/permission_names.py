"""Permissions named in Japanese: 「部署の追加」, not "Can add 部署".

Django names a model's permissions "Can add …" in English when it creates them, and stores the
name; Wagtail's own permissions are stored under their English msgids ("Publish any page"). The
administrator reads these names in the group editor. After every migration the names of an app's
permissions are rewritten in Japanese: the model's name and the action, or the msgid's Japanese.
"""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.contrib.auth.management import create_permissions
from django.utils import translation
from django.utils.translation import gettext

ACTIONS = {"add": "追加", "change": "変更", "delete": "削除", "view": "閲覧"}
MAX_LENGTH = 255


def japanese_name(permission: Any) -> str | None:
    """The Japanese name of *permission*, or None when there is none to give."""
    model = permission.content_type.model_class()
    if model is not None:
        action, _, model_name = permission.codename.partition("_")
        if action in ACTIONS and model_name == model._meta.model_name:
            return f"{model._meta.verbose_name}の{ACTIONS[action]}"
    translated = gettext(permission.name)
    return translated if translated != permission.name else None


def name_permissions_in_japanese(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: the app's permissions (created first, as Django would next) get Japanese names."""
    from django.contrib.auth.models import Permission

    # This receiver runs before django.contrib.auth's (accounts comes first in INSTALLED_APPS).
    kwargs.pop("app_config", None)
    create_permissions(sender, using=using, **kwargs)
    with translation.override("ja"):
        for permission in Permission.objects.using(using).filter(content_type__app_label=sender.label):
            name = japanese_name(permission)
            if name and name != permission.name:
                permission.name = name[:MAX_LENGTH]
                permission.save(update_fields=["name"])
