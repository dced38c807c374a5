"""Freezing a published revision as a Publication with its change annex (DESIGN §2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

from pia.formdef.annex_line import AnnexLine
from pia.formdef.schema import Role
from pia.models import AssessmentPage, Publication
from pia.models.publications import approved_publication_date
from pia.signals import publication_recorded

# The officer's edited annex: given the engine's proposals, the rows to store and, aligned with
# them, the proposal each one was decided from (None for a row the engine did not propose).
AnnexEdit = Callable[[list[AnnexLine]], tuple[list[AnnexLine], list[AnnexLine | None]]]


def record_publication(
    page: AssessmentPage,
    revision: Any,
    *,
    kohyo_bi: dt.date | None = None,
    approved_by: Any = None,
    published_at: dt.datetime | None = None,
) -> Publication:
    """Freeze a published revision: its resolved document as of now, its hash and its change annex.

    The annex is the engine's proposal against the previous publication with the officers' pending
    decisions applied. A revision is frozen once: asked again, this returns its publication.
    """
    existing = Publication.objects.filter(page=page, revision=revision).first()
    if existing is not None:
        return existing
    return _freeze(page, revision, kohyo_bi=kohyo_bi, approved_by=approved_by, published_at=published_at)


def record_past_publication(
    page: AssessmentPage,
    revision: Any,
    *,
    kohyo_bi: dt.date,
    published_at: dt.datetime,
    approved_by: Any,
    annex: AnnexEdit,
    notes: Iterable[str] = (),
) -> Publication:
    """Record a publication a body made before it used this system (its history, e.g. the demo's Nagaoka).

    *annex* receives the engine's proposals and returns the rows the body actually published (aligned
    with the proposal each was decided from); *notes* say what could not be reconstructed exactly.
    """
    return _freeze(
        page,
        revision,
        kohyo_bi=kohyo_bi,
        approved_by=approved_by,
        published_at=published_at,
        annex=annex,
        notes=notes,
    )


def _default_publication_date(source: AssessmentPage, previous: Publication | None, now: dt.datetime) -> dt.date:
    """Without an approver's date: the cover's 公表日 when it was updated for this version, else today (Japan)."""
    from django.utils import timezone

    cover_date = source.role_value(Role.PUBLICATION_DATE)
    stated = dt.date.fromisoformat(cover_date) if cover_date else None
    if stated is not None and (previous is None or stated > previous.kohyo_bi):
        return stated
    today = timezone.localdate(now)
    return max(today, previous.kohyo_bi) if previous is not None else today


@transaction.atomic
def _freeze(
    page: AssessmentPage,
    revision: Any,
    *,
    kohyo_bi: dt.date | None,
    approved_by: Any,
    published_at: dt.datetime | None,
    annex: AnnexEdit | None = None,
    notes: Iterable[str] = (),
) -> Publication:
    from django.utils import timezone

    from pia.formdef.editions import on_edition, printed_edition
    from pia.formdef.mynumber_scan import refuse_my_numbers_in_publication
    from pia.models import AnnexDecision, AnnexRow, content_hash
    from pia.versions.annex import apply_decisions, propose_annex

    now = published_at or timezone.now()
    source = revision.as_object()
    previous = Publication.objects.filter(page=page).order_by("-version").first()
    kohyo_bi = kohyo_bi or approved_publication_date.get()
    if kohyo_bi is None:
        kohyo_bi = _default_publication_date(source, previous, now)
    elif previous is not None and kohyo_bi < previous.kohyo_bi:
        raise ValueError(f"公表日 {kohyo_bi} is earlier than version {previous.version}'s {previous.kohyo_bi}")
    # The cover, the XML, the public page and the annex all print the publication's 公表日.
    source.set_role_value(Role.PUBLICATION_DATE, kohyo_bi.isoformat())
    document = source.resolved_document(as_of=now, revision_id=revision.pk)
    # Printed on the edition of the form in force on its 公表日 (an older edition for past publications),
    # or on the assessment's own older form until it is moved to the newer one (様式の改版に移行).
    edition = printed_edition(document, kohyo_bi)
    if edition.id != document["definition"]["id"]:
        document = on_edition(document, edition)
    publication = Publication.objects.create(
        page=page,
        version=(previous.version + 1) if previous else 1,
        revision=revision,
        published_at=now,
        kohyo_bi=kohyo_bi,
        document=document,
        content_hash=content_hash(document),
        approved_by=approved_by or revision.user,
        notes=list(notes),
    )
    proposals = propose_annex(previous.document if previous else None, document, kohyo_bi)
    decisions = list(AnnexDecision.objects.pending_for(page))
    rows = apply_decisions(proposals, decisions)
    aligned: list[AnnexLine | None] = list(proposals)
    if annex is not None:
        rows, aligned = annex(proposals)
    # Immutable and public from here on: one more look for a 個人番号 (the transaction rolls back).
    refuse_my_numbers_in_publication(document, rows)
    for position, (row, proposal) in enumerate(zip(rows, aligned, strict=True), start=1):
        AnnexRow.from_line(row, publication=publication, position=position, proposal=proposal).save(force_insert=True)
    AnnexDecision.objects.filter(pk__in=[d.pk for d in decisions]).update(applied_to=publication)
    history = annex is not None  # a publication the body made before it used this system
    transaction.on_commit(
        lambda: publication_recorded.send(sender=Publication, publication=publication, history=history)
    )
    return publication
