"""Password validators for a system that holds personal data: no repetition, no runs, nothing demo-like.

Each one is a Django password validator (``AUTH_PASSWORD_VALIDATORS``), so Wagtail's user forms,
``changepassword`` and ``createsuperuser`` all apply them. Messages are Japanese, as the admin is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from django.apps import apps
from django.core.exceptions import ValidationError

# Runs read along these, forwards and backwards; digits and the keyboard's number row wrap around.
SEQUENCES: tuple[str, ...] = (
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん",
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン",
)
# Symbols people type for letters: "p@ssw0rd" is still "password".
LEET = str.maketrans({"@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "$": "s", "5": "s", "7": "t"})
DEMO_WORDS: tuple[str, ...] = ("demo", "password", "passwd", "pia", "admin", "test", "sample", "デモ", "パスワード")


def normalized(text: str) -> str:
    """NFKC (full-width to half-width) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def _successors() -> set[tuple[str, str]]:
    pairs = set()
    for sequence in SEQUENCES:
        for a, b in zip(sequence, sequence[1:], strict=False):
            pairs.add((a, b))
            pairs.add((b, a))
    return pairs


SUCCESSORS = frozenset(_successors())


class RepetitionValidator:
    """Refuse a password made of one repeated unit (``aaaa…``, ``abcabc…``) or of very few distinct characters."""

    def __init__(self, min_distinct: int = 5) -> None:
        self.min_distinct = min_distinct

    def validate(self, password: str, user=None) -> None:
        text = normalized(password)
        if re.fullmatch(r"(.+?)\1+", text, flags=re.S) or len(set(text)) < self.min_distinct:
            raise ValidationError(
                "同じ文字や同じ並びを繰り返したパスワードは使えません（%(min)d種類以上の文字を使ってください）。",
                code="password_repetitive",
                params={"min": self.min_distinct},
            )

    def get_help_text(self) -> str:
        return f"同じ文字や同じ並びの繰り返しは使えません。{self.min_distinct}種類以上の文字を使ってください。"


class SequenceValidator:
    """Refuse runs along the alphabet, the digits or a keyboard row (``123456``, ``qwerty``, ``fedcba``)."""

    def __init__(self, max_run: int = 4) -> None:
        self.max_run = max_run

    def longest_run(self, password: str) -> int:
        text = normalized(password)
        longest = run = 1 if text else 0
        for a, b in zip(text, text[1:], strict=False):
            run = run + 1 if (a, b) in SUCCESSORS else 1
            longest = max(longest, run)
        return longest

    def validate(self, password: str, user=None) -> None:
        if self.longest_run(password) > self.max_run:
            raise ValidationError(
                "連続した文字や数字、キーボードの並び（例：123456、abcdef、qwerty）を"
                "%(max)d文字より長く含むパスワードは使えません。",
                code="password_sequence",
                params={"max": self.max_run},
            )

    def get_help_text(self) -> str:
        return f"123456、abcdef、qwerty のような連続した並びを{self.max_run}文字より長く含めないでください。"


class DemoLikePasswordValidator:
    """Refuse passwords that contain a demo-style word, the user name, or a name of this site or its organizations.

    ``words`` add to the built-in list; ``model_fields`` name other tables whose values are
    forbidden too, as ``{"app_label.Model": ["field", …]}`` (the settings say which: this app
    knows no other app of the project).
    """

    def __init__(
        self, words: Sequence[str] = (), model_fields: dict[str, Sequence[str]] | None = None, min_length: int = 3
    ) -> None:
        self.words = tuple(DEMO_WORDS) + tuple(words)
        self.model_fields = model_fields or {}
        self.min_length = min_length

    def _stored_words(self) -> Iterable[str]:
        for label, fields in self.model_fields.items():
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            for row in model._default_manager.values_list(*fields):
                yield from (value for value in row if isinstance(value, str))

    def forbidden_words(self, user=None) -> set[str]:
        words = {*self.words, *self._stored_words()}
        if user is not None:
            words.add(user.get_username())
        forbidden = set()
        for word in words:
            word = normalized(word).strip()
            if len(word) >= self.min_length:
                forbidden.add(word)
                forbidden.update(part for part in re.split(r"[\s\-_.@]+", word) if len(part) >= self.min_length)
        return forbidden

    def validate(self, password: str, user=None) -> None:
        text = normalized(password)
        readings = {text, text.translate(LEET)}
        for word in sorted(self.forbidden_words(user), key=len, reverse=True):
            if any(word in reading for reading in readings):
                raise ValidationError(
                    "パスワードに「%(word)s」のような推測しやすい語（demo、password、システム名、機関名、利用者名など）を"
                    "含めないでください。",
                    code="password_demo_like",
                    params={"word": word},
                )

    def get_help_text(self) -> str:
        return "demo、password、pia、利用者名、サイト名、機関名などの推測しやすい語を含めないでください。"
