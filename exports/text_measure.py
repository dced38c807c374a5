"""How much room a text takes when it wraps, for layouts that must be computed ahead.

Excel does not grow rows by itself and the PDF annex is paginated before rendering,
so both need the lines a text wraps into. East Asian wide and full-width characters
take a full cell (one em; two Excel character units), the rest a narrow one.
"""

from __future__ import annotations

import unicodedata

# Excel column-width units: wide, narrow. The unit is the default font's digit (7 px, half an em of
# 10.5pt ＭＳ 明朝); IPAex's Latin is proportional, digits about 0.62 em and capitals up to 0.7 em,
# so a narrow character counts 1.4, or LibreOffice would wrap a line the estimate did not (measured
# with tests/exports/test_workbooks_print_legibly.py).
EXCEL = (2.0, 1.4)
EM = (1.0, 0.62)  # ems in IPAex: full-width 1, proportional Latin at most about 0.62 (kept on the safe side)
# Line breaking as Excel, LibreOffice and WeasyPrint do it: anywhere between full-width characters,
# between words of Latin text, never before a closing mark (、。）) nor after an opening one (（「).
_NO_LINE_START = frozenset("、。，．・：；？！ー々ゝゞヽヾ）］｝」』〕〉》】〙〗〟’”,.:;?!)]}%")
_NO_LINE_END = frozenset("（［｛「『〔〈《【〘〖〝‘“([{")


def char_width(char: str, units: tuple[float, float] = EXCEL) -> float:
    return units[0] if unicodedata.east_asian_width(char) in ("W", "F", "A") else units[1]


def display_width(text: str, units: tuple[float, float] = EXCEL) -> float:
    """Width of *text* on one line: in Excel units by default (a full-width character counts two)."""
    return sum(char_width(char, units) for char in text)


def _break_units(line: str) -> list[str]:
    """*line* cut where a line may break: each full-width character, each Latin word with its spaces."""
    units: list[str] = []
    for char in line:
        wide = char_width(char, (2.0, 1.0)) == 2.0
        if units and (
            char in _NO_LINE_START
            or units[-1][-1] in _NO_LINE_END
            or (char == " ")
            or (not wide and char_width(units[-1][-1], (2.0, 1.0)) == 1.0 and units[-1][-1] != " ")
        ):
            units[-1] += char
        else:
            units.append(char)
    return units


def wrapped_runs(text: str, width: float, units: tuple[float, float] = EXCEL) -> list[tuple[str, bool]]:
    """The lines *text* shows as when wrapped at *width*, each with whether it starts a line of the text."""
    shown: list[tuple[str, bool]] = []
    for line in (text or "").split("\n"):
        current, used, starts = "", 0.0, True
        for unit in _break_units(line):
            size = display_width(unit.rstrip(" "), units)
            if used + size > width and current:
                shown.append((current, starts))
                current, used, starts = "", 0.0, False
            while size > width and len(unit) > 1:  # a word longer than the line breaks where it must
                cut = 1
                while cut < len(unit) and display_width(unit[: cut + 1], units) <= width:
                    cut += 1
                shown.append((unit[:cut], starts))
                unit, starts = unit[cut:], False
                size = display_width(unit.rstrip(" "), units)
            current += unit
            used += display_width(unit, units)
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


# Where a long cell may continue on the next page or row: after a sentence or a clause, or at a line break.
BREAK_AFTER = frozenset("。、，．")


def take_lines(text: str, width: float, lines: int, units: tuple[float, float] = EXCEL) -> tuple[str, str]:
    """The start of *text* that fills at most *lines* wrapped lines, and the rest.

    The cut is made after 。 or 、 or at a line break (which the cut consumes), the latest such
    place in those lines; only text without any continues exactly where its last line ends.
    """
    runs = wrapped_runs(text, width, units)
    if len(runs) <= lines:
        return text, ""
    head = rejoin(runs[:lines])  # a prefix of text: rejoin puts back exactly the line breaks the text had
    for cut in range(len(head), 0, -1):
        if cut < len(text) and text[cut] == "\n":
            return text[:cut], text[cut + 1 :]
        if head[cut - 1] in BREAK_AFTER:
            return text[:cut], text[cut:].removeprefix("\n")
    return head, text[len(head) :]
