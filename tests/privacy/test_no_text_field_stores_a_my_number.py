"""Every text field people, imports or the push API can write refuses a 個人番号 in every spelling.

The fields are found by introspection, not listed: a new model or field is covered the day it
is added, and a field that holds only machine values must be named below with the reason.
"""

from __future__ import annotations

import uuid

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.test import TestCase
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField

from registry.jp.mynumber import MY_NUMBER_MESSAGE
from tests.privacy.spellings import spellings

APPS = ("registry", "controls", "pia", "exports", "wagtailcore", "wagtaildocs")
# Fields that no person, import or push writes: values we generate. Each says why.
MACHINE_VALUES = {
    "password": "a password hash (and page view restrictions' passwords are never printed)",
    "path": "a tree position of digits",
    "url_path": "built from slugs, which are guarded",
    "sha256": "a digest",
    "content_sha256": "a digest of the normalized lines of an access-log batch",
    "content_hash": "a digest",
    "token_hash": "a digest",
    "file_hash": "a digest",
    "digest": "a digest",
    "key_hash": "a digest",
    "prefix": "the first characters of a generated token",
    "subject": "an access-log subject's HMAC pseudonym; a check run's version label (第9版) that we write",
    "translation_key": "a UUID",
    "contentpath": "a path of block ids",
    "position": "a comment's position in a field, JSON of offsets",
    "definition_id": "the id of one of our form definitions",
    "search_text": "derived from the publication's document, which is guarded",
    "item_path": "a path of definition keys",
    "key": "the key of one of our checks",
    "supports": "the form paths a check supports",
    "outcome": "a verdict of ours",
    "source": "the name of the file an operator ingested (a path, not a statement)",
    "batch_ids": "ids of our batches",
    "history_type": "simple-history's +, ~ or -",
    "status": "a state of ours",
    "kind": "a kind of ours",
    "registry.historicaldelegationcontract.document": "the stored file name of an upload",
    "object_id": "the primary key of a logged or moderated object",
    "action": "a registered log action name",
    "pia.sitemapfile.body": "a sitemap file: URLs built from url_path (slugs, which are guarded) and dates",
    "pia.sitemapfile.stamp": "a SHA-256 digest of the state a sitemap file shows",
}
# What a model needs besides the field under test before save() reaches the guard.
BASE_VALUES = {"pia.publication": {"document": {"assessment": {}, "sections": []}}}
UNGUARDED_MODELS = {
    "wagtailcore.locale": "language codes",
    "wagtailcore.site": "host names",
    "wagtailcore.referenceindex": "Wagtail's index of references between objects",
    "wagtailcore.revision": "guarded through the object its content rebuilds (tested below)",
}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, StreamField)


def writable_text_fields():
    for model in apps.get_models():
        opts = model._meta
        if opts.app_label not in APPS or opts.label_lower in UNGUARDED_MODELS:
            continue
        for field in opts.concrete_fields:
            if not isinstance(field, TEXT_FIELDS) or isinstance(field, models.FileField):
                continue
            if field.name in MACHINE_VALUES or f"{opts.label_lower}.{field.name}" in MACHINE_VALUES:
                continue
            if field.choices:
                continue  # one of our choices, validated as such
            yield model, field


def value_holding(field, text):
    if isinstance(field, StreamField):
        block = next(iter(field.stream_block.child_blocks))
        raw = [{"type": block, "value": {"text": text}, "id": str(uuid.uuid4())}]
        return StreamValue(field.stream_block, raw, is_lazy=True)
    if isinstance(field, models.JSONField):
        return {"assessment": {"title": text}, "sections": [], "items": [{"text": text}]}
    return text


class EveryTextFieldTest(TestCase):
    def test_the_walk_finds_the_fields_that_matter(self):
        found = {f"{model._meta.label_lower}.{field.name}" for model, field in writable_text_fields()}
        for expected in (
            "registry.delegationcontract.content",
            "registry.historicaldelegationcontract.history_change_reason",
            "registry.accesslogentry.login_id",
            "registry.accesslogentry.terminal",
            "pia.jutenassessmentpage.title",
            "pia.jutenassessmentpage.slug",
            "pia.jutenassessmentpage.seo_title",
            "pia.jutenassessmentpage.affair",
            "pia.jutenassessmentpage.s_cover",
            "pia.annexdecision.justification",
            "pia.annexrow.henko_go",
            "pia.publication.document",
            "controls.assessmentreview.note",
            "wagtailcore.comment.text",
            "wagtailcore.commentreply.text",
            "wagtailcore.taskstate.comment",
        ):
            self.assertIn(expected, found)

    def test_every_text_field_refuses_every_spelling(self):
        fields = list(writable_text_fields())
        for model, field in fields:
            for name, text in spellings().items():
                with self.subTest(field=f"{model._meta.label}.{field.name}", spelling=name):
                    instance = model(**BASE_VALUES.get(model._meta.label_lower, {}))
                    setattr(instance, field.attname, value_holding(field, f"番号 {text} を記載"))
                    # Models that run full_clean() on save report every invalid field at once;
                    # the others stop at the guard. Either way the refusal names this field.
                    with self.assertRaises(ValidationError) as refused:
                        instance.save()
                    error = refused.exception
                    messages = (
                        error.message_dict.get(field.name, []) if hasattr(error, "error_dict") else error.messages
                    )
                    self.assertIn(f"「{field.verbose_name}」：{MY_NUMBER_MESSAGE}", messages)
                    self.assertNotIn(text, " ".join(error.messages))
        self.assertGreater(len(fields), 80)

    def test_a_number_with_a_wrong_check_digit_is_not_refused_by_the_guard(self):
        from registry.models import Organization

        organization = Organization(slug="uchiko", name="内子町長", address="電話 0893-44-2111 〒791-3392")
        organization.save()
        self.assertTrue(Organization.objects.filter(slug="uchiko").exists())
