"""Proposing the change annex (別添２ 変更箇所) from the diff of two versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError

from controls.rules import default_timing, significance_wording
from pia.versions.diff import ADDED, REMOVED, Change, diff

ADDITION_MARK = "【追記】"
REMOVAL_MARK = "削除"


@dataclass
class ProposedRow:
    henko_bi: dt.date
    komoku: str
    item_path: str
    henko_mae: str
    henko_go: str
    teishutsu_jiki: str
    is_significant: bool
    default_significant: bool
    justification: str = ""

    @property
    def explanation(self) -> str:
        wording = significance_wording(self.is_significant)
        return f"{wording}\n{self.justification}" if self.justification else wording

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["henko_bi"] = self.henko_bi.isoformat()
        data["explanation"] = self.explanation
        return data


def row_from_change(change: Change, henko_bi: dt.date) -> ProposedRow:
    """One row per changed item: 【追記】 for an addition, 削除 for a removal."""
    before = change.before if change.kind != ADDED else ADDITION_MARK
    after = change.after if change.kind != REMOVED else REMOVAL_MARK
    return ProposedRow(
        henko_bi=henko_bi,
        komoku=change.printed_path,
        item_path=change.path,
        henko_mae=before,
        henko_go=after,
        teishutsu_jiki=default_timing(change.significant).value,
        is_significant=change.significant,
        default_significant=change.significant,
    )


def propose_annex(old: dict[str, Any] | None, new: dict[str, Any], henko_bi: dt.date) -> list[ProposedRow]:
    """The rows the engine proposes for *new* against the last publication *old* (none for a first version)."""
    if old is None:
        return []
    return [row_from_change(change, henko_bi) for change in diff(old, new) if change.in_annex]


def override(row: ProposedRow, *, is_significant: bool, teishutsu_jiki: str, justification: str) -> ProposedRow:
    """The officer's judgement over the defaults; departing from them needs a written reason."""
    if teishutsu_jiki not in ("事前", "事後"):
        raise ValidationError("提出時期は「事前」か「事後」です。")
    departs = is_significant != row.default_significant or teishutsu_jiki != default_timing(is_significant).value
    if departs and not justification.strip():
        raise ValidationError("既定と異なる重要性・提出時期にするには理由の記入が必要です。")
    row.is_significant, row.teishutsu_jiki, row.justification = is_significant, teishutsu_jiki, justification.strip()
    return row


def apply_decisions(rows: list[ProposedRow], decisions) -> list[ProposedRow]:
    """Apply the officer's pending decisions (by item position) to the proposed rows."""
    by_path = {decision.item_path: decision for decision in decisions}
    for row in rows:
        decision = by_path.get(row.item_path)
        if decision is None:
            continue
        override(
            row,
            is_significant=decision.is_significant,
            teishutsu_jiki=decision.teishutsu_jiki,
            justification=decision.justification,
        )
        row.henko_mae = decision.henko_mae or row.henko_mae
        row.henko_go = decision.henko_go or row.henko_go
    return rows


def draft_proposals(page) -> list[ProposedRow]:
    """The rows the next publication would get: the latest draft against the last publication."""
    from django.utils import timezone

    publication = page.latest_publication()
    if publication is None:
        return []
    draft = page.latest_draft()
    return propose_annex(publication.document, draft.resolved_document(), timezone.localdate())
