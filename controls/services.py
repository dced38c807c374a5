"""Running the evidence checks and keeping their results."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from controls.checks import CATALOGUE, Check, CheckContext, Outcome, Verdict
from controls.models import CheckResult, CheckRun
from registry.models import PersonalInformationFile

if TYPE_CHECKING:
    from wagtail.models import Page, Revision

logger = logging.getLogger(__name__)


def _run_one(check: Check, context: CheckContext) -> Verdict:
    try:
        return check.run(context)
    except Exception:  # a broken check must not hide the others' verdicts
        logger.exception("evidence check %s failed to run", check.key)
        return Verdict(Outcome.FAIL, "チェックを実行できませんでした（記録を確認してください）", {"error": True})


@transaction.atomic
def run_checks(
    file: PersonalInformationFile,
    *,
    assessment: Page | None = None,
    claims: dict[str, Any] | None = None,
    supports: Mapping[str, Sequence[str]] | None = None,
    today: dt.date | None = None,
    trigger: str = "manual",
    revision: Revision | None = None,
    subject: str = "",
) -> CheckRun:
    """Run every check of the catalogue over *file* and keep the results.

    *supports* names, per check, the printed items of the assessment it supports (the form
    definition knows them); each result keeps them as they were printed when it ran.
    """
    today = today or timezone.localdate()
    context = CheckContext(organization=file.organization, file=file, today=today, claims=claims or {})
    run = CheckRun.objects.create(
        organization=file.organization,
        file=file,
        assessment=assessment,
        checked_on=today,
        trigger=trigger,
        revision=revision,
        subject=subject,
    )
    CheckResult.objects.bulk_create(
        CheckResult(
            run=run,
            key=check.key,
            title=check.title,
            supports=list((supports or {}).get(check.key, ())),
            outcome=verdict.outcome.value,
            summary=verdict.summary,
            figures=verdict.figures,
        )
        for check in CATALOGUE.values()
        for verdict in [_run_one(check, context)]
    )
    return run
