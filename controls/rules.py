"""The law's rules as pure functions (重要な変更, 提出時期)."""

from __future__ import annotations

from enum import StrEnum


class Timing(StrEnum):
    """提出時期: filed before the change takes effect (事前) or after it (事後)."""

    BEFORE = "事前"
    AFTER = "事後"


SIGNIFICANT = "重要な変更にあたる項目"
NOT_SIGNIFICANT = "重要な変更にあたらない項目"


def default_timing(significant: bool) -> Timing:
    """A significant change must be assessed and published before it happens (事前); others may follow (事後)."""
    return Timing.BEFORE if significant else Timing.AFTER


def significance_wording(significant: bool) -> str:
    """The explanation column's wording, as Nagaoka writes it."""
    return SIGNIFICANT if significant else NOT_SIGNIFICANT


def is_late_significant_change(significant: bool, timing: str) -> bool:
    """A significant change filed 事後 is allowed but must be flagged."""
    return significant and timing == Timing.AFTER
