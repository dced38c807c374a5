"""Every publication of an assessment is frozen as a Publication record.

The trigger is Wagtail's publish log entry rather than `page_published`: the log
entry is written after the signal and is the only place that names the user who
published (the approver, when the workflow approved it).
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from django.db.models.signals import post_save
from django.dispatch import Signal

# Sent (after the transaction commits) when a Publication and its annex rows are stored, and when
# someone asks for a publication's files again. The exports layer renders the files; pia only announces.
publication_recorded = Signal()  # sender: Publication, publication=
artifacts_requested = Signal()  # sender: Publication, publication=, kinds=, force=

PUBLISH_ACTIONS = {"wagtail.publish", "wagtail.publish.scheduled"}
_suspended: ContextVar[bool] = ContextVar("pia_publication_suspended", default=False)


@contextlib.contextmanager
def publications_recorded_by_caller():
    """Within this block the caller records the Publication itself (e.g. with a known annex)."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def freeze_publication(sender, instance, created, **kwargs):
    from pia.models import AssessmentPage
    from pia.services import record_publication

    if _suspended.get() or not created or instance.action not in PUBLISH_ACTIONS or instance.revision_id is None:
        return
    page = instance.page.specific
    if isinstance(page, AssessmentPage):
        record_publication(page, instance.revision, approved_by=instance.user)


def connect() -> None:
    from wagtail.models import PageLogEntry

    post_save.connect(freeze_publication, sender=PageLogEntry, dispatch_uid="pia.freeze_publication")
