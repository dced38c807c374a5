from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django import template
from django.utils import timezone

from pia.formdef.document import cover_key as document_cover_key
from pia.formdef.document import printed_entries as document_printed_entries
from pia.formdef.document import role_texts as document_role_texts
from pia.formdef.types import ItemNode, ResolvedDocument, SectionNode
from registry.jp import numerals, wareki

if TYPE_CHECKING:
    from pia.models import Publication, PublicationArtifact

register = template.Library()


@register.filter
def fullwidth(value: int | str) -> str:
    return numerals.fullwidth(value)


@register.filter
def wareki_date(value: dt.date | str | None) -> str:
    """Format a date (or ISO date string) as 和暦: 令和7年6月30日."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()  # Japan's day
    return wareki.format_date(value)


@register.filter
def wareki_month(value: dt.date | None) -> str:
    """A month as 和暦: 令和7年6月."""
    return wareki.format_year_month(value) if value else ""


FOLD_KEEP = 60


@register.filter
def fold_unchanged(text: str) -> str:
    """Shorten a long unchanged run in a compared text so the change itself stays in view."""
    if len(text) <= FOLD_KEEP * 3:
        return text
    return f"{text[:FOLD_KEEP]}…（変更のない{len(text) - 2 * FOLD_KEEP}文字を省略）…{text[-FOLD_KEEP:]}"


@register.filter
def pia_needs_render(artifacts: Iterable[PublicationArtifact]) -> bool:
    """Whether some of a publication's files failed or are missing (so the officer may ask again)."""
    from pia.models import ArtifactKind, ArtifactStatus

    present = {artifact.kind: artifact.status for artifact in artifacts}
    return any(present.get(kind) in (None, ArtifactStatus.FAILED) for kind in ArtifactKind.values)


@register.filter
def role_texts(document: ResolvedDocument | None) -> dict[str, str]:
    """The printed text of each item with a role (``title``, ``evaluation_number``, …) of a stored document."""
    return document_role_texts(document) if document else {}


@register.filter
def person_name(user: object) -> str:
    """A person as Japanese writes names: family name first (保健 花子); the user name when none is given."""
    if user is None:
        return "—"
    family, given = getattr(user, "last_name", ""), getattr(user, "first_name", "")
    name = " ".join(part for part in (family, given) if part)
    return name or str(getattr(user, "username", "") or user)


@register.simple_tag
def printed_entries(document: ResolvedDocument, section: SectionNode) -> list[tuple[str | None, list[ItemNode]]]:
    """A section's entries as printed: (heading or None, items), see :func:`pia.formdef.document.printed_entries`."""
    return document_printed_entries(document, section)


@register.filter
def cover_key(document: ResolvedDocument | None) -> str:
    """The key of the document's cover section (as its form definition names it)."""
    return (document_cover_key(document) or "") if document else ""


@register.filter
def last_version(publications: Sequence[Publication]) -> int | None:
    return publications[-1].version if publications else None
