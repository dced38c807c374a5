"""The end of an affair, as the cover prints it: 評価書名 followed by 【令和○年○月○日 終了】.

When an affair ends, the body keeps its 評価書 published for at least three years with the end
appended to 評価書名 (規則第16条, jp-pia-domain.md §2.b 8). The item is found by its role (``title``),
so every kind and edition prints it the same way.
"""

from __future__ import annotations

import datetime as dt

from pia.formdef.document import role_nodes
from pia.formdef.schema import Role
from pia.formdef.types import ResolvedDocument
from registry.jp.wareki import format_date


def ended_suffix(ended_on: dt.date) -> str:
    return f"【{format_date(ended_on)} 終了】"


def mark_affair_ended(document: ResolvedDocument, ended_on: dt.date | None) -> ResolvedDocument:
    """Append the end of the affair to the cover's 評価書名 (once: a title that already carries it is kept)."""
    if ended_on is None:
        return document
    node = role_nodes(document).get(str(Role.TITLE))
    if node is None:
        return document
    suffix = ended_suffix(ended_on)
    title = str(node.get("value") or "")
    if not title.endswith(suffix):
        node["value"] = title + suffix
        node["text"] = str(node.get("text") or "") + suffix
    return document
