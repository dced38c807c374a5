"""Every publication of an assessment is frozen as a Publication record.

The trigger is Wagtail's publish log entry rather than `page_published`: the log
entry is written after the signal and is the only place that names the user who
published (the approver, when the workflow approved it).
"""

from __future__ import annotations

from django.db.models.signals import post_save

PUBLISH_ACTIONS = {"wagtail.publish", "wagtail.publish.scheduled"}


def freeze_publication(sender, instance, created, **kwargs):
    from .models import AssessmentPage
    from .services import record_publication

    if not created or instance.action not in PUBLISH_ACTIONS or instance.revision_id is None:
        return
    page = instance.page.specific
    if isinstance(page, AssessmentPage):
        record_publication(page, instance.revision, approved_by=instance.user)


def connect() -> None:
    from wagtail.models import PageLogEntry

    post_save.connect(freeze_publication, sender=PageLogEntry, dispatch_uid="pia.freeze_publication")
