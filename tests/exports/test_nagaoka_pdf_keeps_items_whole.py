"""No item of Nagaoka's eight publications splits across a page break (issue 16).

Read from the real PDFs, page by page: each item's label and the start of its value are on one
page, a single choice's ＜選択肢＞ ends on the page its choice is on, and a check grid stays with
its label. Items are looked for in document order, each from where the previous one ended.
"""

from __future__ import annotations

from exports.artifact_data import published_data
from exports.printed_rows import chosen_text, option_texts, printed_rows
from pia.formdef.document import cover_key, printed_entries
from pia.formdef.types import ItemNode
from pia.models import Publication
from tests.exports.rendered import PrintedText, pdf_of, squeeze
from tests.nagaoka import NAGAOKA_VERSIONS, NagaokaTestCase

SNIPPET = 8


def value_ends(node: ItemNode) -> tuple[str, str]:
    """The printed start and end of an item's value (empty when the item is empty)."""
    match node["type"]:
        case "single_choice":
            return chosen_text(node), option_texts(node)[-1]
        case "multi_check":
            checks = node.get("value") or []
            return (checks[0]["label"], checks[-1]["label"]) if checks else ("", "")
        case "checkbox":
            return "", ""
        case _:
            text = squeeze(node.get("text"))
            return text[:SNIPPET], text[-2 * SNIPPET :]


class Pages:
    """The squeezed text of a PDF's pages, searched forward from a cursor."""

    def __init__(self, pdf: bytes) -> None:
        self.pages = PrintedText(pdf).pages
        self.starts = []
        position = 0
        for page in self.pages:
            self.starts.append(position)
            position += len(page)
        self.joined = "".join(self.pages)

    def page_of(self, position: int) -> int:
        return max(n for n, start in enumerate(self.starts) if start <= position)

    def find(self, text: str, cursor: int, *, within_pages: int = 2) -> int:
        """The position of *text* after *cursor*, on the cursor's page or the next ones (-1 if not)."""
        last = min(self.page_of(cursor) + within_pages, len(self.pages) - 1)
        end = self.starts[last] + len(self.pages[last])
        found = self.joined.find(squeeze(text), cursor, end)
        return found


def split_items(pdf: bytes, document) -> list[str]:
    """Every item whose label and value (or choice list, or check grid) are on different pages."""
    pages = Pages(pdf)
    cursor = pages.joined.index("項目一覧") + len("項目一覧")
    split = []
    for section in document["sections"]:
        if "columns" in section or section["key"] == cover_key(document):
            continue
        for _heading, items in printed_entries(document, section):
            for row in printed_rows(document, items):
                if row.kind != "item":
                    continue
                label = pages.find(row.label, cursor)
                if label < 0:
                    split.append(f"{row.item['path']}: ラベル「{row.label}」が見つからない")
                    continue
                cursor = label + len(squeeze(row.label))
                start, end = value_ends(row.item)
                if not start:
                    continue
                first = pages.find(start, cursor)
                if first < 0 or pages.page_of(first) != pages.page_of(label):
                    split.append(f"{row.item['path']}: {row.label}（{pages.page_of(label) + 1}頁）と値が別の頁")
                    continue
                cursor = first + len(squeeze(start))
                if row.item["type"] in ("single_choice", "multi_check"):
                    last = pages.find(end, cursor, within_pages=1)
                    if last < 0 or pages.page_of(last) != pages.page_of(label):
                        split.append(f"{row.item['path']}: {row.label} の選択肢・チェック欄が次の頁に続く")
                        continue
                    cursor = last + len(squeeze(end))
                else:
                    last = pages.find(end, first, within_pages=1)  # a long text may continue
                    cursor = max(cursor, last + len(squeeze(end))) if last >= 0 else cursor
    return split


class NagaokaItemsWholeTest(NagaokaTestCase):
    def test_no_item_of_any_version_is_split_across_pages(self):
        for version in range(1, NAGAOKA_VERSIONS + 1):
            with self.subTest(version=version):
                data = published_data(Publication.objects.get(page=self.assessment, version=version))
                self.assertEqual(split_items(pdf_of(data), data.document), [])
