"""Detect 個人番号 (My Number) in free text so that none is ever stored.

A 個人番号 is 12 digits whose last digit is a check digit (番号法施行令 第8条).
Only numbers that pass the check are refused, so ordinary 12-digit numbers
(phone numbers with area code, amounts) are mostly let through.
"""

from __future__ import annotations

import re

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９－　", "0123456789- ")
# 12 digits, optionally grouped 4-4-4 by one hyphen or space, not inside a longer digit run.
_CANDIDATE = re.compile(r"(?<![0-9])(\d{4})[- ]?(\d{4})[- ]?(\d{4})(?![0-9])")


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


def is_my_number(digits: str) -> bool:
    """True when *digits* is 12 digits with a valid 個人番号 check digit."""
    digits = digits.translate(_FULLWIDTH_DIGITS)
    if len(digits) != 12 or not digits.isdigit():
        return False
    return check_digit(digits[:11]) == int(digits[11])


def contains_my_number(text: str | None) -> bool:
    """True when *text* contains anything that looks like a valid 個人番号."""
    if not text:
        return False
    normalized = text.translate(_FULLWIDTH_DIGITS)
    return any(is_my_number("".join(match.groups())) for match in _CANDIDATE.finditer(normalized))


MY_NUMBER_MESSAGE = "個人番号と思われる12桁の数字が含まれています。評価書に個人番号を記載することはできません。"
