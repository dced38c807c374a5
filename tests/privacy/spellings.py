"""Twenty ways people write one 個人番号, from the reviews of the guard (issue 13).

123456789018 is the sample 個人番号 used in public explanations of the check digit.
"""

from __future__ import annotations

SAMPLE = "123456789018"
_KANJI = str.maketrans("0123456789", "〇一二三四五六七八九")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _grouped(number: str, separator: str, sizes: tuple[int, ...] = (4, 4, 4)) -> str:
    groups, start = [], 0
    for size in sizes:
        groups.append(number[start : start + size])
        start += size
    return separator.join(groups)


def spellings(number: str = SAMPLE) -> dict[str, str]:
    """Each spelling by its name."""
    return {
        "plain": number,
        "full-width": number.translate(_FULLWIDTH),
        "space": _grouped(number, " "),
        "hyphen": _grouped(number, "-"),
        "full-width hyphen": _grouped(number, "－"),
        "ideographic space": _grouped(number, "\u3000"),
        "Arabic-Indic digits": number.translate(_ARABIC_INDIC),
        "minus sign U+2212": _grouped(number, "\u2212"),
        "hyphen U+2010": _grouped(number, "\u2010"),
        "en dash": _grouped(number, "\u2013"),
        "prolonged sound mark ー": _grouped(number, "ー"),
        "no-break space": _grouped(number, "\u00a0"),
        "double spaces": _grouped(number, "  "),
        "a space between every digit": " ".join(number),
        "3-4-5 grouping": _grouped(number, "-", (3, 4, 5)),
        "dots": _grouped(number, "."),
        "tab": _grouped(number, "\t"),
        "zero-width space": _grouped(number, "\u200b"),
        "full-width digits with spaces": _grouped(number.translate(_FULLWIDTH), " "),
        "kanji numerals": number.translate(_KANJI),
    }
