import datetime as dt

from django import template

from registry.jp import numerals, wareki

register = template.Library()


@register.filter
def fullwidth(value):
    return numerals.fullwidth(value)


@register.filter
def wareki_date(value):
    """Format a date (or ISO date string) as 和暦: 令和7年6月30日."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return wareki.format_date(value)


FOLD_KEEP = 60


@register.filter
def fold_unchanged(text: str) -> str:
    """Shorten a long unchanged run in a compared text so the change itself stays in view."""
    if len(text) <= FOLD_KEEP * 3:
        return text
    return f"{text[:FOLD_KEEP]}…（変更のない{len(text) - 2 * FOLD_KEEP}文字を省略）…{text[-FOLD_KEEP:]}"


@register.filter
def pia_needs_render(artifacts) -> bool:
    """Whether some of a publication's files failed or are missing (so the officer may ask again)."""
    from pia.models import ArtifactKind, ArtifactStatus

    present = {artifact.kind: artifact.status for artifact in artifacts}
    return any(present.get(kind) in (None, ArtifactStatus.FAILED) for kind in ArtifactKind.values)


@register.filter
def cover_values(document) -> dict:
    """The cover's printed values by key (評価書番号, 評価書名, …) of a stored document."""
    cover: dict = next((s for s in (document or {}).get("sections", []) if s.get("key") == "cover"), {})
    return {item["key"]: item.get("text") for item in cover.get("items", [])}


@register.filter
def last_version(publications) -> int | None:
    return publications[-1].version if publications else None
