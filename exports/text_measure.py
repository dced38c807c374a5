"""How much room a text takes when it wraps, for layouts that must be computed ahead.

Excel does not grow rows by itself and the PDF annex is paginated before rendering,
so both need the lines a text wraps into. East Asian wide and full-width characters
take a full cell (one em; two Excel character units), the rest a narrow one.
"""

from __future__ import annotations

import unicodedata

EXCEL = (2.0, 1.0)  # Excel column-width units: wide, narrow
EM = (1.0, 0.62)  # ems in IPAex: full-width 1, proportional Latin at most about 0.62 (kept on the safe side)


def char_width(char: str, units: tuple[float, float] = EXCEL) -> float:
    return units[0] if unicodedata.east_asian_width(char) in ("W", "F") else units[1]


def display_width(text: str, units: tuple[float, float] = EXCEL) -> float:
    """Width of *text* on one line: in Excel units by default (a full-width character counts two)."""
    return sum(char_width(char, units) for char in text)


def wrapped_runs(text: str, width: float, units: tuple[float, float] = EXCEL) -> list[tuple[str, bool]]:
    """The lines *text* shows as when wrapped at *width*, each with whether it starts a line of the text."""
    shown: list[tuple[str, bool]] = []
    for line in (text or "").split("\n"):
        current, used, starts = "", 0.0, True
        for char in line:
            size = char_width(char, units)
            if used + size > width and current:
                shown.append((current, starts))
                current, used, starts = "", 0.0, False
            current += char
            used += size
        shown.append((current, starts))
    return shown


def visual_lines(text: str, width: float, units: tuple[float, float] = EXCEL) -> list[str]:
    """The lines *text* shows as when wrapped at *width* (hard line breaks kept)."""
    return [line for line, _ in wrapped_runs(text, width, units)]


def rejoin(runs: list[tuple[str, bool]]) -> str:
    """Wrapped lines back into text: a newline only where the text had one."""
    return "".join(("\n" + line) if starts and index else line for index, (line, starts) in enumerate(runs))


def line_count(text: str, width: float, units: tuple[float, float] = EXCEL) -> int:
    return len(visual_lines(text, width, units))
