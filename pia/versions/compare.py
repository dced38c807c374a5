"""What the auditors' compare view and timeline show: versions, their differences and their history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from pia.formdef.annex_line import AnnexLine
from pia.formdef.types import ResolvedDocument
from pia.models import AnnexRow, AssessmentPage, Publication
from pia.versions.diff import Change, content_changes

DRAFT = "draft"


@dataclass
class Version:
    key: str  # the publication's version number, or "draft"
    label: str
    publication: Publication | None
    _document: ResolvedDocument | None = None

    @property
    def document(self) -> ResolvedDocument:
        """Loaded on first use: only the two compared versions' documents are read."""
        if self._document is None and self.publication is not None:
            self._document = Publication.objects.values_list("document", flat=True).get(pk=self.publication.pk)
        return self._document or cast(ResolvedDocument, {})


def versions(page: AssessmentPage) -> list[Version]:
    """Every publication, oldest first, then the latest draft when it differs from the live version."""
    from registry.jp.wareki import format_date

    found = [
        Version(str(p.version), f"第{p.version}版（{format_date(p.kohyo_bi)}公表）", p)
        for p in Publication.objects.for_page(page).defer("document")
    ]
    if page.has_unpublished_changes or not found:
        found.append(Version(DRAFT, "最新の下書き", None, page.latest_draft().resolved_document()))
    return found


def pick(all_versions: list[Version], key: str | None, default: int) -> Version:
    for version in all_versions:
        if version.key == key:
            return version
    return all_versions[default]


@dataclass(frozen=True)
class ComparedChange:
    change: Change
    annex_rows: list[AnnexLine]


def compare(old: Version, new: Version) -> list[ComparedChange]:
    """The changes from *old* to *new*, each with the annex rows of the publications in between that cover it."""
    changes = content_changes(old.document, new.document)
    rows: dict[str, list[AnnexLine]] = {}
    if new.publication is not None:
        lower = old.publication.version if old.publication else 0
        for row in (
            AnnexRow.objects.filter(
                publication__page=new.publication.page,
                publication__version__gt=lower,
                publication__version__lte=new.publication.version,
            )
            .select_related("publication")
            .defer("publication__document")
        ):
            line = row.line
            rows.setdefault(line.komoku, []).append(line)
            if line.item_path:
                rows.setdefault(line.item_path, []).append(line)
    return [ComparedChange(change, rows.get(change.path) or rows.get(change.printed_path, [])) for change in changes]
