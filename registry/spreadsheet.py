"""Spreadsheets the product writes never carry a formula: cells that a spreadsheet would read as one are quoted.

A value beginning with =, +, -, @, a tab or a carriage return is a formula to Excel and
LibreOffice when a CSV is opened (=cmd|' /C calc'!A0 runs a program; =HYPERLINK(…) leaks
data). Such a cell gets a leading apostrophe, the usual neutralization (OWASP "CSV
injection"): the text stays readable, the cell is text. Every CSV and XLSX export uses
`neutralize_cell` (the access-log export, the registry lists).
"""

from __future__ import annotations

from typing import Any

from registry.display import NO, YES

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_cell(value: Any) -> Any:
    """*value*, with a leading apostrophe when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class NeutralizedSpreadsheetMixin:
    """For Wagtail's SpreadsheetExportMixin views: every exported text cell neutralized (CSV and XLSX)."""

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        if isinstance(value, bool):
            # A yes/no field reads はい/いいえ, as in the listing (Wagtail would write True/False).
            return YES if value else NO
        return neutralize_cell(super().preprocess_field_value(field, value, export_format))  # type: ignore[misc]
