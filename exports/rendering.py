"""A publication's files from its data: one pure renderer per kind (document in, bytes out)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from exports.artifact_data import PublishedData
from exports.pdf.chunk_cache import StorageChunkCache
from exports.pdf.document import publication_pdf
from exports.xlsx.annex import annex_workbook
from exports.xlsx.form import form_workbook
from exports.xml.document import publication_xml
from pia.models import ArtifactKind


def _annex_xlsx(data: PublishedData) -> bytes:
    return annex_workbook(data.annex, title=data.title, organization=data.organization)


def _pdf(data: PublishedData) -> bytes:
    return publication_pdf(data, cache=StorageChunkCache(), workers=settings.PIA_PDF_WORKERS)


RENDERERS: dict[str, Callable[[PublishedData], bytes]] = {
    ArtifactKind.PDF: _pdf,
    ArtifactKind.XLSX_ANNEX: _annex_xlsx,
    ArtifactKind.XLSX_FORM: form_workbook,
    ArtifactKind.XML: publication_xml,
}


def render_bytes(data: PublishedData, kind: str) -> bytes:
    return RENDERERS[ArtifactKind(kind)](data)
