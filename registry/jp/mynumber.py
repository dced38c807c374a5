"""Detect 個人番号 (My Number) in free text so that none is ever stored.

A 個人番号 is 12 digits whose last digit is a check digit (番号法施行令 第8条).
Only numbers that pass the check are refused, so ordinary 12-digit numbers
(phone numbers with area code, amounts) are mostly let through.

People write a number in many spellings: full-width, Arabic-Indic or kanji digits,
grouped by hyphens, minus signs, dashes, 「ー」, dots, spaces of every width, tabs,
zero-width characters, or a space between every digit. Text is first split into
groups of digits joined by short runs of such separators; every run of consecutive
groups that holds exactly 12 digits is then tested. A group of more than 12 digits
(a 13-digit 法人番号, say) is never a 個人番号 and is never split.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

_KANJI_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4"}
_KANJI_DIGITS |= {"五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
# Characters that join the groups of one number: dots, middle dots and 「ー」 beyond what
# the Unicode categories below already cover (dashes Pd, spaces Zs/Zl/Zp, format Cf).
_EXTRA_JOINERS = frozenset(".．・･ー－−‐‑‒–—―⁃﹘﹣\t\r\n\v\f\u00a0\u2212\u30fc\uff70")
# More separator characters than this between two digit groups end the number.
_MAX_JOINER_RUN = 3
MY_NUMBER_LENGTH = 12


def check_digit(first_eleven: str) -> int:
    """Return the check digit for the first eleven digits of a 個人番号."""
    if len(first_eleven) != 11 or not first_eleven.isdigit():
        raise ValueError("eleven digits expected")
    total = 0
    for n, char in enumerate(reversed(first_eleven), start=1):
        weight = n + 1 if n <= 6 else n - 5
        total += int(char) * weight
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


_KANJI_TO_ASCII = str.maketrans(_KANJI_DIGITS)


@functools.cache
def _chain_pattern() -> re.Pattern[str]:
    """A number as written: digit groups joined by short runs of separators (built once, BMP + tags)."""
    categories = ("Pd", "Zs", "Zl", "Zp", "Cf", "Cc")
    joiners = {chr(i) for i in range(0x10000) if unicodedata.category(chr(i)) in categories}
    joiners |= {chr(i) for i in range(0xE0000, 0xE0080)} | _EXTRA_JOINERS
    joiner_class = "[" + "".join(re.escape(char) for char in sorted(joiners)) + "]"
    digit_class = r"[\d" + "".join(_KANJI_DIGITS) + "]"
    return re.compile(f"{digit_class}+(?:{joiner_class}{{1,{_MAX_JOINER_RUN}}}{digit_class}+)*")


_GROUP = re.compile(r"[\d" + "".join(_KANJI_DIGITS) + "]+")


def _ascii_digits(group: str) -> str:
    group = group.translate(_KANJI_TO_ASCII)
    return group if group.isascii() else "".join(str(unicodedata.decimal(char)) for char in group)


def normalize_digits(text: str) -> str:
    """NFKC, every decimal digit as ASCII, and separators between digits removed.

    Numbers separated by more than a short run of separators stay apart, joined by a single
    space, so that two unrelated numbers never read as one.
    """
    return " ".join("".join(chain) for chain in _digit_chains(text))


def _digit_chains(text: str) -> Iterator[list[str]]:
    """Yield each number written in *text* as its list of ASCII digit groups."""
    normalized = unicodedata.normalize("NFKC", text)
    for match in _chain_pattern().finditer(normalized):
        yield [_ascii_digits(group) for group in _GROUP.findall(match.group())]


def _candidates(groups: list[str]) -> Iterator[str]:
    """Every run of consecutive groups holding exactly 12 digits."""
    for start in range(len(groups)):
        digits = ""
        for group in groups[start:]:
            digits += group
            if len(digits) >= MY_NUMBER_LENGTH:
                break
        if len(digits) == MY_NUMBER_LENGTH:
            yield digits


def is_my_number(digits: str) -> bool:
    """True when *digits* is 12 digits (any spelling) with a valid 個人番号 check digit."""
    if not digits:
        return False
    chains = list(_digit_chains(digits))
    if len(chains) != 1:
        return False
    joined = "".join(chains[0])
    return len(joined) == MY_NUMBER_LENGTH and check_digit(joined[:11]) == int(joined[11])


def contains_my_number(text: str | None) -> bool:
    """True when *text* contains anything that looks like a valid 個人番号, in any spelling."""
    if not text:
        return False
    for chain in _digit_chains(str(text)):
        for digits in _candidates(chain):
            if check_digit(digits[:11]) == int(digits[11]):
                return True
    return False


MY_NUMBER_MESSAGE = "個人番号と思われる12桁の数字が含まれています。評価書に個人番号を記載することはできません。"
