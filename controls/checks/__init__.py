"""The catalogue of evidence checks.

Each check registers itself when its module is imported. ``CATALOGUE`` imports those modules
on first use rather than when this package is imported: the log checks read the access-log
store, whose libraries are heavy, and the models, admin and URLs that import this package at
start-up do not need them.
"""

from collections.abc import Iterator, Mapping

from controls.checks.base import REGISTERED, Check, CheckContext, Outcome, Verdict


class Catalogue(Mapping[str, Check]):
    """Every evidence check by key, in the order their modules register them."""

    def _checks(self) -> dict[str, Check]:
        from controls.checks import claims_checks, logs, portfolio_checks, registry_checks  # noqa: F401  (registration)

        return REGISTERED

    def __getitem__(self, key: str) -> Check:
        return self._checks()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._checks())

    def __len__(self) -> int:
        return len(self._checks())


CATALOGUE = Catalogue()

__all__ = ["CATALOGUE", "Check", "CheckContext", "Outcome", "Verdict"]
