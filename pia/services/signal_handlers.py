"""Every publication of an assessment is frozen as a Publication record.

The trigger is Wagtail's publish log entry rather than `page_published`: the log
entry is written after the signal and is the only place that names the user who
published (the approver, when the workflow approved it).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from wagtail.models import PageLogEntry

from pia.models import AssessmentPage
from pia.services.publishing import record_publication

PUBLISH_ACTIONS = {"wagtail.publish", "wagtail.publish.scheduled"}


def freeze_publication(sender: type[PageLogEntry], instance: PageLogEntry, created: bool, **kwargs: Any) -> None:
    # record_publication freezes a revision once: a publication recorded beforehand (a body's
    # history, see record_past_publication) is kept as it is.
    if not created or instance.action not in PUBLISH_ACTIONS or instance.revision_id is None:
        return
    page = instance.page.specific
    if isinstance(page, AssessmentPage):
        record_publication(page, instance.revision, approved_by=instance.user)


def connect() -> None:
    post_save.connect(freeze_publication, sender=PageLogEntry, dispatch_uid="pia.freeze_publication")
