"""Proposing the change annex (別添２ 変更箇所) from the diff of two versions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError

from controls.rules import default_timing
from pia.formdef.annex_line import AnnexLine
from pia.formdef.types import ResolvedDocument
from pia.models import AnnexDecision, AssessmentPage
from pia.versions.diff import ADDED, REMOVED, Change, content_changes

ADDITION_MARK = "【追記】"
REMOVAL_MARK = "削除"


def row_from_change(change: Change, henko_bi: dt.date) -> AnnexLine:
    """One row per changed item: 【追記】 for an addition, 削除 for a removal."""
    before = change.before if change.kind != ADDED else ADDITION_MARK
    after = change.after if change.kind != REMOVED else REMOVAL_MARK
    return AnnexLine(
        henko_bi=henko_bi,
        komoku=change.printed_path,
        item_path=change.path,
        henko_mae=before,
        henko_go=after,
        teishutsu_jiki=default_timing(change.significant).value,
        is_significant=change.significant,
        default_significant=change.significant,
    )


def propose_annex(old: ResolvedDocument | None, new: ResolvedDocument, henko_bi: dt.date) -> list[AnnexLine]:
    """The rows the engine proposes for *new* against the last publication *old* (none for a first version)."""
    if old is None:
        return []
    return [row_from_change(change, henko_bi) for change in content_changes(old, new)]


def override(
    row: AnnexLine, *, is_significant: bool, teishutsu_jiki: str, justification: str, setsumei: str = ""
) -> AnnexLine:
    """The officer's judgement over the defaults; departing from them needs a written reason.

    *setsumei* is the 提出時期に係る説明 the officer wrote (empty: the form's wording of the
    significance). The reason is kept beside the row, not printed in the 説明.
    """
    if teishutsu_jiki not in ("事前", "事後"):
        raise ValidationError("提出時期は「事前」か「事後」です。")
    decided = dataclasses.replace(
        row,
        is_significant=is_significant,
        teishutsu_jiki=teishutsu_jiki,
        justification=justification.strip(),
        setsumei=setsumei.strip(),
    )
    if decided.is_override and not decided.justification:
        raise ValidationError("既定と異なる重要性・提出時期にするには理由の記入が必要です。")
    return decided


def apply_decisions(rows: Iterable[AnnexLine], decisions: Iterable[AnnexDecision]) -> list[AnnexLine]:
    """The proposed rows with the officer's pending decisions (by item position) applied."""
    by_path = {decision.item_path: decision for decision in decisions}
    applied = []
    for row in rows:
        decision = by_path.get(row.item_path)
        if decision is not None:
            row = override(
                row,
                is_significant=decision.is_significant,
                teishutsu_jiki=decision.teishutsu_jiki,
                justification=decision.justification,
                setsumei=decision.setsumei,
            )
            row = dataclasses.replace(
                row, henko_mae=decision.henko_mae or row.henko_mae, henko_go=decision.henko_go or row.henko_go
            )
        applied.append(row)
    return applied


def draft_proposals(page: AssessmentPage) -> list[AnnexLine]:
    """The rows the next publication would get: the latest draft against the last publication."""
    from django.utils import timezone

    publication = page.latest_publication()
    if publication is None:
        return []
    draft = page.latest_draft()
    return propose_annex(publication.document, draft.resolved_document(), timezone.localdate())
