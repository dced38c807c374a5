"""Find English words in what a page shows: its visible text, the texts of its attributes and embedded data.

A person reads more than the text between tags: tooltips (``title``, Wagtail's tooltip values),
what a screen reader says (``aria-label``), placeholders, the labels of ``<option>``s and
buttons, and the texts Wagtail's JavaScript renders from JSON (the sidebar's menu, the blocks
of the page editor, the widgets inside them). ``<template>`` content counts: Wagtail stamps
messages, dialogs and rows out of it. Script code, styles and ``<code>`` contents do not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import html as lxml_html

WORD = re.compile(r"[A-Za-z]{2,}")

# The few words the admin may show. Everything else in Latin letters is a leftover of English.
ALLOWED_WORDS = frozenset(
    {
        # Names of file formats, written so in Japanese government documents too.
        "PDF",
        "XML",
        "CSV",
        "JSON",  # 公表版の一覧（JSON）
        "Atom",  # 新しい公表版（Atom）, the feed
        "Excel",
        "XLSX",
        "Word",  # 契約書 may be PDF・Word・Excel
        "TSV",  # redirects are imported from CSV, XLSX or TSV
        "AVIF",  # the image formats Wagtail's image upload accepts
        "GIF",
        "JPG",
        "JPEG",
        "PNG",
        "WEBP",
        # Abbreviations Japanese writes in Latin letters.
        "SHA",  # SHA-256, the digest printed beside each publication file
        "URL",
        "ID",
        "IP",  # IPアドレス (the address a login came from)
        "MB",  # ファイルの大きさの上限：20 MB
        "MFA",
        "QR",  # QRコード (the authenticator app's enrolment)
        "TOTP",  # the kind of authenticator app MFA needs
    }
)
# Product names a person has to recognise as written: the authenticator apps to install.
ALLOWED_PHRASES = ("Google Authenticator", "Microsoft Authenticator")
# Wagtail's logo (an SVG on the login, MFA and error pages) is named "Wagtail": the brand it draws.
LOGO_CLASS = "icon-wagtail"

# Elements whose contents are never read as prose: code, and what only the browser reads.
# (An iframe's text is shown by no browser; an SVG sprite's symbols are drawn, not read.)
SKIPPED_ELEMENTS = frozenset({"script", "style", "code", "kbd", "samp", "noscript", "iframe", "symbol", "defs"})
# Elements whose text JavaScript replaces before showing them: a side panel toggle's counter.
SKIPPED_TEXT_ATTRIBUTES = frozenset({"data-side-panel-toggle-counter"})
# Attributes whose value a person reads or hears.
TEXT_ATTRIBUTES = frozenset(
    {
        "title",
        "alt",
        "placeholder",
        "aria-label",
        "aria-description",
        "aria-roledescription",
        "aria-valuetext",
        "data-w-tooltip-content-value",  # Wagtail's tooltips
        "data-w-progress-active-value",  # a button's text while its action runs ("保存中…")
    }
)
# Button-like inputs show their value.
BUTTON_INPUT_TYPES = frozenset({"submit", "button", "reset"})
# Keys of embedded JSON whose string values are shown (menu labels, block labels, help texts, …).
JSON_TEXT_KEYS = frozenset(
    {
        "label",
        "heading",
        "helpText",
        "help_text",
        "description",
        "title",
        "text",
        "placeholder",
        "message",
        "error_name",
        "errorMessage",
        "addText",
        "caption",
        "display_name",  # a locale's name
    }
)
# Wagtail's configuration (``<script id="wagtail-config">``) holds URLs and keys, and under these
# keys the texts its JavaScript shows: the bulk actions' "n件を選択" and the locales' names.
CONFIG_SCRIPT = "wagtail-config"
CONFIG_TEXT_KEYS = {"STRINGS": True, "LOCALES": False}  # every string, or those under JSON_TEXT_KEYS

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# What JavaScript fills in: %(objects)s件を選択中.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
LINK = re.compile(r"(?:https?://|www\.)\S+|(?<![\w/])/[\w\-./%?=&]*[\w/]")


@dataclass(frozen=True)
class Finding:
    """An English word and the text it was found in (shortened), with where in the page."""

    word: str
    text: str
    where: str


def _shorten(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class EnglishFinder:
    """Scans markup for English words, ignoring the allowed ones and the given identifiers.

    *identifiers* are strings of the test's data that are not prose: user names, slugs, codes.
    """

    def __init__(self, identifiers: Iterable[str] = ()) -> None:
        names = sorted({i for i in identifiers if i and WORD.search(i)}, key=len, reverse=True)
        self._identifiers = (
            re.compile("|".join(rf"(?<![A-Za-z0-9_-]){re.escape(name)}(?![A-Za-z0-9_-])" for name in names))
            if names
            else None
        )

    def words(self, text: str) -> list[str]:
        for phrase in ALLOWED_PHRASES:
            text = text.replace(phrase, " ")
        text = PLACEHOLDER.sub(" ", text)
        text = EMAIL.sub(" ", text)
        text = LINK.sub(" ", text)
        if self._identifiers is not None:
            text = self._identifiers.sub(" ", text)
        return [word for word in WORD.findall(text) if word not in ALLOWED_WORDS]

    def in_text(self, text: str, where: str) -> Iterator[Finding]:
        for word in self.words(text):
            yield Finding(word, _shorten(text), where)

    def in_markup(self, markup: str) -> list[Finding]:
        if not markup.strip():
            return []
        root = lxml_html.fromstring(markup)
        return list(self._element(root, skipped=False))

    def _element(self, element, skipped: bool) -> Iterator[Finding]:
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None:  # a comment or processing instruction: only its tail is text
            if element.tail and not skipped:
                yield from self.in_text(element.tail, "本文")
            return
        tag = tag.lower().split("}")[-1]
        inside_skipped = skipped or tag in SKIPPED_ELEMENTS
        if not skipped:
            yield from self._attributes(element, tag)
        inside_skipped = inside_skipped or any(name in element.attrib for name in SKIPPED_TEXT_ATTRIBUTES)
        if tag == "script" and element.get("type") == "application/json":
            yield from self._json_script(element)
        elif element.text and not inside_skipped:
            yield from self.in_text(element.text, f"<{tag}>")
        for child in element:
            yield from self._element(child, inside_skipped)
        if element.tail and not skipped:
            yield from self.in_text(element.tail, "本文")

    def _attributes(self, element, tag: str) -> Iterator[Finding]:
        is_logo = LOGO_CLASS in (element.get("class") or "").split()
        for name, value in element.attrib.items():
            if name == "aria-label" and is_logo:
                continue
            if name in TEXT_ATTRIBUTES:
                yield from self.in_text(value, f"{name}属性")
            elif name.startswith("data-") and value[:1] in "{[" and value.rstrip()[-1:] in "}]":
                yield from self._json_text(value, f"{name}属性")
        if tag == "input" and (element.get("type") or "").lower() in BUTTON_INPUT_TYPES:
            yield from self.in_text(element.get("value") or "", "ボタン")

    def _json_script(self, element) -> Iterator[Finding]:
        where = f"<script id={element.get('id')}>"
        if element.get("id") != CONFIG_SCRIPT:
            yield from self._json_text(element.text or "", where)
            return
        try:
            config = json.loads(element.text or "")
        except ValueError:
            return
        for key, every in CONFIG_TEXT_KEYS.items():
            yield from self._json_value(config.get(key), key, where, every=every)

    def _json_text(self, raw: str, where: str) -> Iterator[Finding]:
        try:
            data = json.loads(raw)
        except ValueError:
            return
        yield from self._json_value(data, None, where)

    def _json_value(self, value, key: str | None, where: str, every: bool = False) -> Iterator[Finding]:
        """Texts in JSON: strings under JSON_TEXT_KEYS (every string with *every*) and HTML strings."""
        if isinstance(value, dict):
            for k, v in value.items():
                yield from self._json_value(v, k, where, every)
        elif isinstance(value, list):
            for item in value:
                yield from self._json_value(item, key, where, every)
        elif isinstance(value, str):
            stripped = value.strip()
            if stripped.startswith("<") and stripped.endswith(">"):
                # A widget's or panel's HTML, rendered by JavaScript.
                for finding in self.in_markup(value):
                    yield Finding(finding.word, finding.text, f"{where} {finding.where}")
            elif every or key in JSON_TEXT_KEYS:
                yield from self.in_text(value, f"{where} {key}")
