"""What every published artifact is rendered from: the stored document, its annex and its identity.

The renderers (PDF, XLSX, XML) take a `PublishedData` and return bytes; they never read
models. `published_data()` is the one place that reads a Publication for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AnnexLine:
    """One printed row of 別添２ 変更箇所."""

    henko_bi: dt.date
    komoku: str
    henko_mae: str
    henko_go: str
    teishutsu_jiki: str
    setsumei: str
    version: int | None = None
    item_path: str = ""


@dataclass(frozen=True)
class PublishedData:
    document: dict[str, Any]
    annex: tuple[AnnexLine, ...]
    version: int | None
    content_hash: str
    kohyo_bi: dt.date | None

    @property
    def organization(self) -> str:
        return str(self.document.get("assessment", {}).get("organization") or "")

    @property
    def title(self) -> str:
        return str(self.document.get("assessment", {}).get("title") or self.document["definition"]["title"])

    @property
    def version_label(self) -> str:
        return f"第{self.version}版" if self.version else "下書き（未公表）"


def annex_lines(rows: Iterable[Any]) -> tuple[AnnexLine, ...]:
    """Annex rows (AnnexRow models or alike) as printed lines."""
    return tuple(
        AnnexLine(
            henko_bi=row.henko_bi,
            komoku=row.komoku,
            henko_mae=row.henko_mae,
            henko_go=row.henko_go,
            teishutsu_jiki=row.teishutsu_jiki,
            setsumei=row.explanation,
            version=row.publication.version,
            item_path=row.item_path,
        )
        for row in rows
    )


def published_data(publication: Any) -> PublishedData:
    """The artifacts' input for a stored Publication: its frozen document and cumulative annex."""
    rows = publication.cumulative_annex().select_related("publication").defer("publication__document")
    return PublishedData(
        document=publication.document,
        annex=annex_lines(rows),
        version=publication.version,
        content_hash=publication.content_hash,
        kohyo_bi=publication.kohyo_bi,
    )
