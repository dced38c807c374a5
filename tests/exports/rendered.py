"""Shared renders of Nagaoka's latest publication, and ways to read the real files back.

Rendering the PDF takes seconds, so each artifact of a given publication content is
rendered once per test run (keyed by its content hash) and read back by every test.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from exports.artifact_data import PublishedData
from exports.pdf.document import MemoryChunkCache, publication_pdf
from exports.printed_rows import entry_title
from pia.formdef.document import cover_key, iter_nodes
from registry.jp.numerals import halfwidth

CHUNKS = MemoryChunkCache()  # shared: a test's variant of the document re-renders only what differs
_WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without any whitespace (PDF text extraction breaks lines where the layout wrapped)."""
    return _WHITESPACE.sub("", text or "")


_RENDERED: dict[tuple[str, int | None, int], bytes] = {}


def pdf_of(data: PublishedData) -> bytes:
    key = (data.content_hash, data.version, hash(data.annex))
    if key not in _RENDERED:
        _RENDERED[key] = publication_pdf(data, cache=CHUNKS)
    return _RENDERED[key]


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


class PrintedText:
    """The text of a PDF, page by page, whitespace removed, for "is this printed?" questions."""

    def __init__(self, pdf: bytes) -> None:
        self.pages = [squeeze(text) for text in page_texts(pdf)]
        self.joined = "".join(self.pages)

    def contains(self, text: str) -> bool:
        """Printed whole, or as one cell that continues from one page on the next."""
        needle = squeeze(text)
        if not needle or needle in self.joined:
            return True
        for before, after in zip(self.pages, self.pages[1:], strict=False):
            # The longest start of the needle on this page; a shorter split would leave a longer rest,
            # which contains this one's rest, so checking the longest is enough.
            low, high = 0, len(needle)
            while low < high:
                middle = (low + high + 1) // 2
                if needle[:middle] in before:
                    low = middle
                else:
                    high = middle - 1
            if low and needle[low:] in after:
                return True
        return False


def unprinted_labels(document: dict, printed: PrintedText) -> list[tuple[str, str]]:
    """Every label of the form a document is drawn from that its PDF does not print: body section headings,
    item labels, each single choice's ＜選択肢＞ as numbered (``1) …``) and each check list entry."""
    # An entry's title (委託事項１（件名）) is printed in the header cell beside the entry's label (委託事項1).
    titles = {
        title["path"]: halfwidth(entry["label"])
        for node in iter_nodes(document)
        for entry in node.get("entries") or []
        if (title := entry_title(entry)) is not None
    }
    missing = []
    for node in iter_nodes(document):
        if node["type"] == "constant":
            continue  # 様式表示 is printed as its value, e.g. [令和６年10月　様式２]
        texts = [titles.get(node["path"], node["label"])]
        texts += [
            f"{n}{(node.get('choice_numbering') or '1)')[1:]}{choice}"
            for n, choice in enumerate(node.get("choices") or [], start=1)
        ]
        if node["type"] == "multi_check":
            texts += [check["label"] for check in node["value"]]
        missing += [(node["path"], text) for text in texts if not printed.contains(text)]
    for section in document["sections"]:
        if section["key"] != cover_key(document) and not printed.contains(section["label"]):
            missing.append((section["key"], section["label"]))  # the cover is printed as a cover, untitled
    return missing
