"""The project's Japanese overrides of Wagtail strings are compiled and in effect."""

import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "config" / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def entries():
    text = PO.read_text(encoding="utf-8")
    return [(m, s) for m, s in re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', text, flags=re.M)]


def test_every_override_is_compiled_and_used():
    pairs = entries()
    assert len(pairs) > 10
    with translation.override("ja"):
        for msgid, msgstr in pairs:
            assert translation.gettext(msgid) == msgstr, f"{msgid}: recompile with `make messages`"
