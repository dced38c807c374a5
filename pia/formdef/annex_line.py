"""One row of the change annex (別添２ 変更箇所): the one type every layer passes around.

The diff proposes lines (`pia.versions.annex`), the officer's decisions replace some of their
fields, a publication stores them (`pia.models.AnnexRow.from_line`, `AnnexRow.line`), the admin
and the public site show them, and the exports print them. A line is frozen: a decision makes
a new line (``dataclasses.replace``), so a proposal stays as the engine made it.

提出時期に係る説明 is what the officer wrote (`setsumei`); the engine proposes the significance in
the form's wording (「重要な変更にあたらない項目」) until the officer writes something else. Why a
judgement departs from the defaults (`justification`) is kept beside it, shown to officers,
approvers and auditors, and never printed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from controls.rules import default_timing, is_late_significant_change, significance_wording

__all__ = ["AnnexLine", "significance_of"]


@dataclass(frozen=True, kw_only=True)
class AnnexLine:
    henko_bi: dt.date  # 変更日
    komoku: str  # 項目: the item as the annex prints it
    item_path: str = ""  # the item's key path (files[1].hokan.hokan_basho); empty when the row names none
    henko_mae: str  # 変更前の記載 (【追記】 for an addition)
    henko_go: str  # 変更後の記載 (削除 for a removal)
    teishutsu_jiki: str  # 提出時期: 事前 or 事後
    is_significant: bool  # 重要な変更にあたるか (the officer's judgement)
    # What the form's ※ says; None when not known (a line read back from a printed annex, e.g. the XML).
    default_significant: bool | None = None
    justification: str = ""  # why the judgement departs from the defaults (not printed)
    # 提出時期に係る説明 as written; empty: the engine's standard wording for the row's significance.
    setsumei: str = ""
    version: int | None = None  # the publication that carries the line; None for a proposal

    @property
    def explanation(self) -> str:
        """提出時期に係る説明 as printed: what the officer wrote, else the form's wording of the significance."""
        return self.setsumei or significance_wording(self.is_significant)

    @property
    def is_override(self) -> bool:
        """The significance or the timing departs from the defaults (a written reason is required)."""
        return self.is_significant != self.default_significant or self.teishutsu_jiki != default_timing(
            self.is_significant
        )

    @property
    def flagged_late(self) -> bool:
        """A significant change filed 事後: allowed, but flagged."""
        return is_late_significant_change(self.is_significant, self.teishutsu_jiki)

    def record(self) -> dict[str, Any]:
        """The fields a stored annex row holds, by name (all but `version`: the row's publication has it)."""
        data = dataclasses.asdict(self)
        del data["version"]
        return data

    def as_json(self) -> dict[str, Any]:
        """The line as JSON (an annex row keeps the engine's proposal so, beside the officer's row)."""
        data = self.record()
        data["henko_bi"] = self.henko_bi.isoformat()
        data["explanation"] = self.explanation
        return data

    def written(self) -> AnnexLine:
        """The line with its 説明 written out (the standard wording filled in), as a publication stores it."""
        return dataclasses.replace(self, setsumei=self.explanation)

    def as_printed(self) -> AnnexLine:
        """The line as a printed annex holds it: its 説明 written out, without what the print does not
        show (the ※ default and the reason for departing from it)."""
        return dataclasses.replace(self.written(), default_significant=None, justification="")

    @classmethod
    def from_printed(
        cls,
        *,
        henko_bi: dt.date,
        komoku: str,
        item_path: str,
        henko_mae: str,
        henko_go: str,
        teishutsu_jiki: str,
        explanation: str,
        version: int | None,
        significant: bool | None = None,
    ) -> AnnexLine:
        """A line from its printed columns, the 説明 kept as written.

        *significant* is the significance when the file states it; otherwise it is read from the
        説明's wording (`significance_of`).
        """
        is_significant = significance_of(explanation, teishutsu_jiki) if significant is None else significant
        return cls(
            henko_bi=henko_bi,
            komoku=komoku,
            item_path=item_path,
            henko_mae=henko_mae,
            henko_go=henko_go,
            teishutsu_jiki=teishutsu_jiki,
            is_significant=is_significant,
            setsumei=explanation,
            version=version,
        )


_NOT_SIGNIFICANT = re.compile(r"重要な変更に(?:あたら|当たら|該当し)ない")


def significance_of(explanation: str, teishutsu_jiki: str) -> bool:
    """Whether a printed 説明 calls its row a significant change, in any of the wordings bodies use.

    「重要な変更にあたらない項目」「…に当たらない…」 say no, 「重要な変更」「重要な変更にあたる項目」 yes;
    a 説明 that says neither follows the timing (a significant change is filed 事前).
    """
    text = re.sub(r"\s", "", explanation)
    if _NOT_SIGNIFICANT.search(text):
        return False
    if "重要な変更" in text:
        return True
    return teishutsu_jiki == default_timing(True)
