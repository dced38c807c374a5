"""The last look before a publication is recorded: no 個人番号 in the document or its annex.

Every way text enters is guarded already; a publication is immutable and public, so its
whole resolved document and its annex rows are scanned once more, and a hit names the item.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pia.formdef.document import iter_nodes
from registry.mynumber_guard import MyNumberRefused, json_holds_my_number, refusal_message

if TYPE_CHECKING:
    from pia.formdef.annex_line import AnnexLine
    from pia.formdef.types import ResolvedDocument
    from pia.models.publications import AnnexDecision

_ANNEX_TEXT_FIELDS = ("komoku", "henko_mae", "henko_go", "justification", "setsumei")


def my_number_location(document: ResolvedDocument, annex_rows: Iterable[AnnexLine | AnnexDecision] = ()) -> str | None:
    """The printed name of the first item (or annex row) that holds a 個人番号, or None."""
    meta = document.get("assessment", {})
    for key, label in (("title", "評価書名（管理用）"), ("affair", "事務の名称")):
        if json_holds_my_number(meta.get(key)):
            return label
    for node in iter_nodes(document):
        own = {key: value for key, value in node.items() if key not in ("items", "entries")}
        if json_holds_my_number(own):
            return str(node.get("printed_path") or node.get("label") or "評価書")
    for row in annex_rows:
        for field in _ANNEX_TEXT_FIELDS:
            if json_holds_my_number(getattr(row, field, None)):
                return f"変更箇所「{getattr(row, 'komoku', '')}」"
    return None


def refuse_my_numbers_in_publication(
    document: ResolvedDocument, annex_rows: Iterable[AnnexLine | AnnexDecision] = ()
) -> None:
    """Raise MyNumberRefused, naming the item, when the document or its annex holds a 個人番号."""
    where = my_number_location(document, annex_rows)
    if where is not None:
        raise MyNumberRefused(refusal_message(where) + "公表できません。", code="my_number")
