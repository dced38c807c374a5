"""Evidence checks run at every publication, against the version just published."""

from __future__ import annotations

from typing import Any

from pia.compliance.tasks import run_evidence_checks
from pia.models import Publication
from pia.signals import publication_recorded


def check_publication(sender: Any, publication: Publication, history: bool = False, **kwargs: Any) -> None:
    if history:
        return  # a body's past publication (recorded from its history): today's evidence says nothing about it
    run_evidence_checks.enqueue(publication.page_id, "publication", publication.revision_id)


def connect() -> None:
    publication_recorded.connect(check_publication, dispatch_uid="pia.compliance.check_publication")
