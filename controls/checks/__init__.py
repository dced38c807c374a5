"""The catalogue of evidence checks; importing this package registers every check."""

from controls.checks import claims_checks, logs, portfolio_checks, registry_checks  # noqa: F401  (registration)
from controls.checks.base import CATALOGUE, Check, CheckContext, Outcome, Verdict

__all__ = ["CATALOGUE", "Check", "CheckContext", "Outcome", "Verdict"]
