"""Freezing a published revision as a Publication with its change annex (DESIGN §2)."""

from __future__ import annotations

from django.db import transaction

from pia.formdef.schema import Role
from pia.signals import publication_recorded


@transaction.atomic
def record_publication(page, revision, *, kohyo_bi=None, approved_by=None, published_at=None, annex=None, notes=()):
    """Freeze a published revision: its resolved document as of now, hash, and proposed annex rows.

    *annex*, when given, is a callable receiving the engine's proposals and returning the rows to
    store instead (the officer's edited annex, as the Nagaoka demo history uses).
    """
    import dataclasses
    import datetime as dt

    from django.utils import timezone

    from pia.formdef.mynumber_scan import refuse_my_numbers_in_publication
    from pia.models import AnnexDecision, AnnexRow, Publication, content_hash
    from pia.versions.annex import apply_decisions, propose_annex

    now = published_at or timezone.now()
    source = revision.as_object()
    document = source.resolved_document(as_of=now, revision_id=revision.pk)
    previous = Publication.objects.filter(page=page).order_by("-version").first()
    cover_date = source.role_value(Role.PUBLICATION_DATE)
    stated = dt.date.fromisoformat(cover_date) if cover_date else None
    if kohyo_bi is None:
        # The cover's 公表日 counts only when it was updated for this version; otherwise it is today.
        fresh = stated is not None and (previous is None or stated > previous.kohyo_bi)
        kohyo_bi = stated if fresh else timezone.localdate(now)
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
    rows = apply_decisions([dataclasses.replace(row) for row in proposals], decisions)
    if annex is not None:
        rows, proposals = annex(proposals)
    # Immutable and public from here on: one more look for a 個人番号 (the transaction rolls back).
    refuse_my_numbers_in_publication(document, rows)
    for position, (row, proposal) in enumerate(zip(rows, proposals, strict=True), start=1):
        AnnexRow.objects.create(
            publication=publication,
            position=position,
            henko_bi=row.henko_bi,
            komoku=row.komoku,
            item_path=row.item_path,
            henko_mae=row.henko_mae,
            henko_go=row.henko_go,
            teishutsu_jiki=row.teishutsu_jiki,
            is_significant=row.is_significant,
            default_significant=row.default_significant,
            justification=row.justification,
            proposed=proposal.as_json() if proposal is not None else {},
        )
    AnnexDecision.objects.filter(pk__in=[d.pk for d in decisions]).update(applied_to=publication)
    transaction.on_commit(lambda: publication_recorded.send(sender=Publication, publication=publication))
    return publication
