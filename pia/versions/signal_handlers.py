"""When the stored drift is recomputed (see pia.versions.drift); connected once by ``PiaConfig.ready``.

* a registry record is saved or deleted: every assessment whose stored drift lists the record
  among those it prints (directly, or through a linked record's text) is recomputed;
* a draft revision of an assessment is saved, a publication is recorded, a page is unpublished:
  that assessment is recomputed.

The work is enqueued as a task once the transaction commits (nothing is computed for a change
that is rolled back); the handlers themselves never resolve a document.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Revision
from wagtail.signals import page_unpublished

from pia.models import AssessmentPage, Publication
from pia.signals import publication_recorded
from pia.versions.drift import record_key
from pia.versions.tasks import refresh_drift_of_records, refresh_stored_drift


def _recompute_pages(page_ids: list[int]) -> None:
    transaction.on_commit(lambda: refresh_stored_drift.enqueue(page_ids))


def registry_record_changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # fixtures load what the registry held; no assessment has been compared with it yet
    records = [record_key(sender, instance.pk)]
    transaction.on_commit(lambda: refresh_drift_of_records.enqueue(records))


def draft_saved(sender: type[Revision], instance: Revision, created: bool = False, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is not None and issubclass(model, AssessmentPage):
        _recompute_pages([int(instance.object_id)])


def publication_stored(sender: type[Publication], publication: Publication, **kwargs: Any) -> None:
    _recompute_pages([publication.page_id])


def page_withdrawn(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    if isinstance(instance, AssessmentPage):
        _recompute_pages([instance.pk])


def registry_models_with_history() -> list[type[models.Model]]:
    """The registry's models that keep history (django-simple-history): those whose records a form can print."""
    return [
        model
        for model in apps.get_app_config("registry").get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]


def connect() -> None:
    for model in registry_models_with_history():
        uid = f"pia.drift.{model._meta.label_lower}"
        post_save.connect(registry_record_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(registry_record_changed, sender=model, dispatch_uid=f"{uid}.delete")
    post_save.connect(draft_saved, sender=Revision, dispatch_uid="pia.drift.draft_saved")
    publication_recorded.connect(publication_stored, dispatch_uid="pia.drift.publication_recorded")
    page_unpublished.connect(page_withdrawn, dispatch_uid="pia.drift.page_unpublished")
