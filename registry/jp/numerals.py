"""Full-width numbering as the form prints it (１．, ①, 委託事項２)."""

_TO_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def fullwidth(number: int | str) -> str:
    return str(number).translate(_TO_FULLWIDTH)


def circled(number: int) -> str:
    if not 1 <= number <= len(_CIRCLED):
        raise ValueError(f"no circled numeral for {number}")
    return _CIRCLED[number - 1]


def halfwidth(text: str) -> str:
    return text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
