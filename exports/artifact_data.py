"""What every published artifact is rendered from: the stored document, its annex and its identity.

The renderers (PDF, XLSX, XML) take a `PublishedData` and return bytes; they never read
models. `published_data()` is the one place that reads a Publication for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pia.formdef.annex_line import AnnexLine
from pia.formdef.types import ResolvedDocument

if TYPE_CHECKING:  # the renderers run in worker processes without Django's models: keep them out
    from pia.models import AnnexRow, Publication

__all__ = ["AnnexLine", "PublishedData", "annex_lines", "published_data"]


@dataclass(frozen=True)
class PublishedData:
    document: ResolvedDocument
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


def annex_lines(rows: Iterable[AnnexRow]) -> tuple[AnnexLine, ...]:
    """Stored annex rows as lines, each with its publication's version (select the publication with them)."""
    return tuple(row.line for row in rows)


def published_data(publication: Publication) -> PublishedData:
    """The artifacts' input for a stored Publication: its frozen document and cumulative annex."""
    rows = publication.cumulative_annex().select_related("publication").defer("publication__document")
    return PublishedData(
        document=publication.document,
        annex=annex_lines(rows),
        version=publication.version,
        content_hash=publication.content_hash,
        kohyo_bi=publication.kohyo_bi,
    )
