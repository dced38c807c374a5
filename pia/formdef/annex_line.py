"""One row of the change annex (別添２ 変更箇所): the one type every layer passes around.

The diff proposes lines (`pia.versions.annex`), the officer's decisions replace some of their
fields, a publication stores them (`pia.models.AnnexRow.from_line`, `AnnexRow.line`), the admin
and the public site show them, and the exports print them. A line is frozen: a decision makes
a new line (``dataclasses.replace``), so a proposal stays as the engine made it.

The printed 提出時期に係る説明 is not stored: it is the significance in the form's wording,
followed by the officer's justification when there is one (`explanation`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from controls.rules import default_timing, is_late_significant_change, significance_wording

__all__ = ["AnnexLine", "split_explanation"]


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
    justification: str = ""  # why the judgement departs from the defaults
    version: int | None = None  # the publication that carries the line; None for a proposal

    @property
    def explanation(self) -> str:
        """提出時期に係る説明: the significance in Nagaoka's wording, plus any justification."""
        wording = significance_wording(self.is_significant)
        return f"{wording}\n{self.justification}" if self.justification else wording

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

    def as_printed(self) -> AnnexLine:
        """The line as a printed annex holds it: without `default_significant`, which the print does not show."""
        return dataclasses.replace(self, default_significant=None)

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
    ) -> AnnexLine:
        """A line from its printed columns (the 説明 split back into significance and justification).

        ValueError when the 説明 does not start with the form's wording.
        """
        is_significant, justification = split_explanation(explanation)
        return cls(
            henko_bi=henko_bi,
            komoku=komoku,
            item_path=item_path,
            henko_mae=henko_mae,
            henko_go=henko_go,
            teishutsu_jiki=teishutsu_jiki,
            is_significant=is_significant,
            justification=justification,
            version=version,
        )


def split_explanation(explanation: str) -> tuple[bool, str]:
    """The significance and the justification a printed 提出時期に係る説明 was made of (the inverse of
    `AnnexLine.explanation`); ValueError when it does not start with either of the form's wordings."""
    for significant in (True, False):
        wording = significance_wording(significant)
        if explanation == wording:
            return significant, ""
        if explanation.startswith(wording + "\n"):
            return significant, explanation[len(wording) + 1 :]
    raise ValueError(
        f"提出時期に係る説明が「{significance_wording(True)}」か「{significance_wording(False)}」で始まっていません。"
    )
