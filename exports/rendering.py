"""A publication's files from its data: one pure renderer per kind (document in, bytes out).

Each renderer imports its library when it runs (WeasyPrint and pikepdf, openpyxl, lxml are
heavy), so that importing this module, as the task that renders the files does at start-up,
costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings

from pia.models import ArtifactKind

if TYPE_CHECKING:
    from exports.artifact_data import PublishedData


def _pdf(data: PublishedData) -> bytes:
    from exports.pdf.chunk_cache import StorageChunkCache
    from exports.pdf.document import publication_pdf

    return publication_pdf(data, cache=StorageChunkCache(), workers=settings.PIA_PDF_WORKERS)


def _annex_xlsx(data: PublishedData) -> bytes:
    from exports.xlsx.annex import annex_workbook

    return annex_workbook(data.annex, title=data.title, organization=data.organization)


def _form_xlsx(data: PublishedData) -> bytes:
    from exports.xlsx.form import form_workbook

    return form_workbook(data)


def _xml(data: PublishedData) -> bytes:
    from exports.xml.document import publication_xml

    return publication_xml(data)


RENDERERS: dict[str, Callable[[PublishedData], bytes]] = {
    ArtifactKind.PDF: _pdf,
    ArtifactKind.XLSX_ANNEX: _annex_xlsx,
    ArtifactKind.XLSX_FORM: _form_xlsx,
    ArtifactKind.XML: _xml,
}


def render_bytes(data: PublishedData, kind: str) -> bytes:
    return RENDERERS[ArtifactKind(kind)](data)
