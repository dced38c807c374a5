"""One 個人番号 guard for every way text enters the database.

Forms call :func:`refuse_my_numbers_in_form` so the person sees which field to correct.
Behind them, :func:`refuse_my_numbers_on_save` runs before every save of a guarded model
(ours, Wagtail's pages, revisions and comments, and the history rows of the registry), so
that a path no form covers (an import, a command, a future view) cannot store one either.
A refusal names the field, never the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from registry.jp.mynumber import MY_NUMBER_MESSAGE, contains_my_number

# The apps whose models hold text that people or imports write.
GUARDED_APP_LABELS = frozenset({"registry", "controls", "pia", "exports", "wagtailcore", "wagtaildocs"})
# Wagtail's own models that hold only machine values (paths, keys, task states).
# (A revision's content is guarded through the object it rebuilds, see _revision_object.)
_UNGUARDED_MODELS = frozenset(
    {"wagtailcore.locale", "wagtailcore.site", "wagtailcore.referenceindex", "wagtailcore.revision"}
)
# Fields that hold machine values: hashes, tokens, paths, pseudonyms, tree positions, file names
# that we generate (a name alone, or app_label.model.name for one model's field). Their digits
# are not a person's number, and a hex digest can hold 12 digits.
MACHINE_FIELD_NAMES = frozenset(
    {
        "password",
        "path",
        "url_path",
        "sha256",
        "content_sha256",
        "content_hash",
        "token_hash",
        "subject",
        "translation_key",
        "content_type",
        "object_id",
        "base_content_type",
        "contentpath",
        "position",
        "definition_id",
        "status",
        "kind",
        "history_type",
        "action",
        "file_hash",
        "digest",
        "prefix",
        "key_hash",
        "key",
        "batch_ids",
        "item_path",
        "supports",
        "outcome",
        "source",
        "registry.historicaldelegationcontract.document",
        "search_text",
        # A sitemap file: URLs built from url_path (its slugs are guarded) and dates; its state's digest.
        "pia.sitemapfile.body",
        "pia.sitemapfile.stamp",
    }
)
# In stored JSON (StreamField blocks, resolved documents), these keys hold machine values.
_MACHINE_JSON_KEYS = frozenset({"id", "type", "key", "path", "revision_id", "page_id", "hash", "sha256"})
# Block ids (UUIDs) and pseudonyms or digests (long hex strings) are machine values too.
_MACHINE_STRING = re.compile(
    r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,})$", re.IGNORECASE
)


class MyNumberRefused(ValidationError):
    """A value that holds a 個人番号; the message names where, never what."""


def refusal_message(where: str) -> str:
    return f"「{where}」：{MY_NUMBER_MESSAGE}"


def json_holds_my_number(value: Any) -> bool:
    """True when any string inside *value* (str, list, dict) holds a 個人番号; machine keys are skipped."""
    return any(contains_my_number(text) for text in _json_texts(value))


def _json_texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if not _MACHINE_STRING.match(value):
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _MACHINE_JSON_KEYS:
                yield from _json_texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _json_texts(item)


def guarded_fields(model: type[models.Model]) -> list[models.Field]:
    """The text fields of *model* that the guard reads (introspected, so a new field is covered)."""
    opts = model._meta
    if opts.app_label not in GUARDED_APP_LABELS or opts.label_lower in _UNGUARDED_MODELS:
        return []
    fields = []
    for field in opts.concrete_fields:
        if {field.name, f"{opts.label_lower}.{field.name}"} & MACHINE_FIELD_NAMES or isinstance(
            field, models.FileField
        ):
            continue
        if field.choices and not isinstance(field, models.JSONField):
            continue  # a choice is one of ours, never typed text
        if isinstance(field, models.CharField | models.TextField | models.JSONField) or _is_stream(field):
            fields.append(field)
    return fields


def _is_stream(field: models.Field) -> bool:
    return field.get_internal_type() == "JSONField" or type(field).__name__ == "StreamField"


def field_holds_my_number(instance: models.Model, field: models.Field) -> bool:
    value = getattr(instance, field.attname)
    if value is None:
        return False
    if isinstance(value, str):
        return contains_my_number(value)
    if _is_stream(field) and not isinstance(value, dict | list):
        value = field.get_prep_value(value)
    return json_holds_my_number(value)


def offending_fields(instance: models.Model) -> list[models.Field]:
    return [field for field in guarded_fields(type(instance)) if field_holds_my_number(instance, field)]


def refuse_my_numbers_on_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **_: Any) -> None:
    """A pre_save receiver: refuse to store an instance with a 個人番号 in any guarded field."""
    if raw:
        return  # fixtures and migrations load what was already checked
    offending = offending_fields(instance)
    if offending:
        raise MyNumberRefused(refusal_message(str(offending[0].verbose_name)), code="my_number")
    revision_object = _revision_object(instance)
    if revision_object is not None:
        offending = offending_fields(revision_object)
        if offending:
            raise MyNumberRefused(refusal_message(str(offending[0].verbose_name)), code="my_number")


def _revision_object(instance: models.Model) -> models.Model | None:
    """The object a Wagtail revision stores, rebuilt from its content, so its fields are guarded as a page's are."""
    if instance._meta.label_lower != "wagtailcore.revision":
        return None
    content_object = getattr(instance, "content_object", None)
    if content_object is None or not hasattr(content_object, "with_content_json"):
        return None
    return content_object.with_content_json(getattr(instance, "content", {}))


class _FieldGuard:
    """A field validator, so every ModelForm and full_clean() names the field that holds a 個人番号."""

    def __init__(self, field: models.Field) -> None:
        self.field = field

    def __call__(self, value: Any) -> None:
        if isinstance(value, str):
            found = contains_my_number(value)
        else:
            if _is_stream(self.field) and not isinstance(value, dict | list):
                value = self.field.get_prep_value(value)
            found = json_holds_my_number(value)
        if found:
            raise MyNumberRefused(refusal_message(str(self.field.verbose_name)), code="my_number")


def connect_guard() -> None:
    """Guard every model of the guarded apps, history rows included (called from AppConfig.ready)."""
    for model in apps.get_models():
        fields = guarded_fields(model)
        for field in fields:
            # The cached list, not _validators: deconstruct() (and so migrations) never see the guard.
            if not any(isinstance(v, _FieldGuard) for v in field.validators):
                field.validators.append(_FieldGuard(field))
        if fields or model._meta.label_lower == "wagtailcore.revision":
            models.signals.pre_save.connect(
                refuse_my_numbers_on_save, sender=model, dispatch_uid=f"mynumber-{model._meta.label_lower}"
            )


def refuse_my_numbers_in_form(form: forms.BaseForm, labels: dict[str, str] | None = None) -> None:
    """Add an error to each field of a cleaned form whose text holds a 個人番号 (call from clean())."""
    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        if (
            isinstance(value, str)
            and contains_my_number(value)
            or isinstance(value, dict | list)
            and (json_holds_my_number(value))
        ):
            field = form.fields.get(name)
            label = (labels or {}).get(name) or (str(field.label) if field is not None and field.label else name)
            form.add_error(name if field is not None else None, refusal_message(label))
