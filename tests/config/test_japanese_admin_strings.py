"""The project's Japanese overrides of Wagtail strings are compiled and in effect."""

import ast
import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "config" / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def entries():
    """(msgid, msgstr) of every singular entry without context, its escapes (\\", \\n) read."""
    text = PO.read_text(encoding="utf-8")
    found = re.findall(r'^(msgctxt .*\n)?msgid "(.+)"\nmsgstr "(.+)"$', text, flags=re.M)
    return [(_unquote(m), _unquote(s)) for context, m, s in found if not context]


def _unquote(text: str) -> str:
    return ast.literal_eval(f'"{text}"')


def test_every_override_is_compiled_and_used():
    pairs = entries()
    assert len(pairs) > 10
    with translation.override("ja"):
        for msgid, msgstr in pairs:
            assert translation.gettext(msgid) == msgstr, f"{msgid}: recompile with `make messages`"
