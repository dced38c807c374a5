"""The excerpt a search result shows around its hit, cut where a reader can follow it.

Japanese has no spaces, so the excerpt is cut at character boundaries of the text: between two
characters, never inside one (a base character and its combining mark or variation selector stay
together). A run of ASCII word characters, an identifier, a slug or a URL (``nagaoka/yobo-sesshu``,
``https://example.jp/a?b=c``) is a single token and is never cut: at the edge of the context it is
shown whole when it is short, and left out otherwise; the token that holds the hit is shown whole.
Only a token longer than MAX_TOKEN (hostile or broken input, not anything a form prints) is shortened,
at one of its own separators where it has one, so a result can never grow without bound.
"""

from __future__ import annotations

import string
import unicodedata

ELLIPSIS = "…"
WIDTH = 40  # characters of context on each side of the hit
EXTEND = 20  # a token cut by the context's edge is shown whole if that adds at most this many characters
MAX_TOKEN = 200  # the longest token shown whole around a hit

TOKEN_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-_.~:/?#[]@!$&'()*+,;=%")
SEPARATORS = frozenset("/?&=#.-_")


def _in_token(character: str) -> bool:
    return character in TOKEN_CHARACTERS


def _joins_previous(character: str) -> bool:
    """A character that belongs to the one before it: a combining mark, a variation selector or a joiner."""
    code = ord(character)
    return (
        unicodedata.combining(character) != 0
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or code in (0x200D, 0x3099, 0x309A)
    )


def is_boundary(text: str, position: int) -> bool:
    """May *text* be cut before *position*? Not inside a token, not before a character that joins the previous."""
    if position <= 0 or position >= len(text):
        return True
    if _in_token(text[position - 1]) and _in_token(text[position]):
        return False
    return not _joins_previous(text[position])


def token_start(text: str, position: int) -> int:
    """The first boundary at or before *position*."""
    while not is_boundary(text, position):
        position -= 1
    return position


def token_end(text: str, position: int) -> int:
    """The first boundary at or after *position*."""
    while not is_boundary(text, position):
        position += 1
    return position


def _context_start(text: str, start: int) -> int:
    """Where the context before the hit begins, *start* moved off any token it falls in."""
    whole = token_start(text, start)
    return whole if start - whole <= EXTEND else token_end(text, start)


def _context_end(text: str, end: int) -> int:
    """Where the context after the hit ends, *end* moved off any token it falls in."""
    whole = token_end(text, end)
    return whole if whole - end <= EXTEND else token_start(text, end)


def _clip_token(text: str, low: int, index: int, end: int, high: int) -> tuple[int, int]:
    """The part of the token text[low:high] around the hit text[index:end], at most MAX_TOKEN characters.

    Cut at a separator of the token where one lies in reach (``/``, ``?``, ``&``…), else where the limit falls.
    """
    spare = max(0, MAX_TOKEN - (end - index))
    if high - low <= MAX_TOKEN:
        return low, high
    left = max(low, index - spare // 2)
    right = min(high, end + (spare - (index - left)))
    left = max(low, index - (spare - (right - end)))
    if left > low:
        cut = next((i for i in range(left, index) if text[i - 1] in SEPARATORS), None)
        left = cut if cut is not None else left
    if right < high:
        cut = next((i for i in range(right, end, -1) if text[i] in SEPARATORS), None)
        right = cut if cut is not None else right
    return left, right


def _flat(text: str) -> str:
    return text.replace("\n", " ")


def lead(text: str, width: int = WIDTH * 2) -> str:
    """The start of *text*, for a result whose hit is not in its text (its title matched, say)."""
    if len(text) <= width:
        return _flat(text)
    end = _context_end(text, width)
    if end == 0:  # the text opens with a long token
        end = min(len(text), MAX_TOKEN)
    return _flat(text[:end]).rstrip() + (ELLIPSIS if end < len(text) else "")


def snippet(text: str, terms: list[str], width: int = WIDTH) -> tuple[str, str, str]:
    """(before, match, after) around the earliest hit of any of *terms*, for highlighting in a result list."""
    hits = [(text.find(term), term) for term in terms if term]
    found = [(index, term) for index, term in hits if index >= 0]
    if not found:
        return lead(text, width * 2), "", ""
    index, term = min(found)
    end = index + len(term)
    # The token(s) the hit lies in are shown whole (up to MAX_TOKEN).
    low, high = token_start(text, index), token_end(text, end)
    low, high = _clip_token(text, low, index, end, high)
    # Context around them, unless the token was shortened (then the shortened token is the excerpt).
    clipped_before, clipped_after = low != token_start(text, index), high != token_end(text, end)
    start = low if clipped_before else _context_start(text, max(0, min(low, index - width)))
    stop = high if clipped_after else _context_end(text, min(len(text), max(high, end + width)))
    before = text[start:index]
    after = text[end:stop]
    if start > 0:
        before = ELLIPSIS + _flat(before).lstrip()
    if stop < len(text):
        after = _flat(after).rstrip() + ELLIPSIS
    return _flat(before), _flat(text[index:end]), _flat(after)
