"""A resolved document as the official form prints it, in HTML for the PDF renderer.

A walker over the stored document (never the models): every section in document
order, bordered tables with the printed numbers and labels, single choices as
``[ 十分である ]`` beside their ＜選択肢＞, check lists as ``[ ○ ]`` grids, repeat
groups with the form's collapsed headers (システム2～5) where entries are absent, and
empty items as empty cells. Every value is escaped: a user's markup prints literally.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from exports.artifact_data import AnnexLine, PublishedData
from exports.pdf.annex_pages import HEADERS as ANNEX_HEADERS
from exports.pdf.annex_pages import AnnexCells, annex_cells, paginate
from exports.printed_rows import (
    PrintedRow,
    check_text,
    chosen_text,
    count_text,
    mark,
    option_texts,
    printed_rows,
)
from exports.text_measure import EM, line_count
from pia.formdef.document import cover_key, cover_layout, printed_entries
from pia.formdef.types import ItemNode, ResolvedDocument, SectionNode


def _e(text: Any) -> str:
    return escape("" if text is None else str(text), quote=True)


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def html(self) -> str:
        return "".join(self.parts)


def _single_choice(node: ItemNode, inline: ItemNode | None = None) -> str:
    options = "".join(f'<span class="opt">{_e(option)}</span>' for option in option_texts(node))
    chosen = chosen_text(node) + (f"　{count_text(inline)}" if inline is not None else "")
    return (
        f'<div class="choice"><span class="chosen">{_e(chosen)}</span>'
        f'<span class="options"><span class="options-head">＜選択肢＞</span>{options}</span></div>'
    )


def _multi_check(node: ItemNode) -> str:
    parts = ['<div class="checks">']
    group = None
    for check in node.get("value") or []:
        if check.get("group") != group:
            group = check.get("group")
            if group:
                parts.append(f'<span class="check-group">{_e(group)}</span>')
        wide = " wide" if "text" in check or "count" in check else ""
        parts.append(f'<span class="check{wide}">{mark(check.get("checked"))} {_e(check_text(check))}</span>')
    parts.append("</div>")
    return "".join(parts)


def _checkbox(node: ItemNode) -> str:
    return f'<span class="check">{mark(node.get("value"))} {_e(node["label"])}</span>'


def value_html(node: ItemNode, inline: ItemNode | None = None) -> str:
    """The value cell of one item, as the form prints it."""
    match node["type"]:
        case "single_choice":
            return _single_choice(node, inline)
        case "multi_check":
            return _multi_check(node)
        case "checkbox":
            return _checkbox(node)
        case _:
            return f'<div class="text">{_e(node.get("text"))}</div>'


# A text of more lines than this may continue on the next page (form-print.css, tr.long); a shorter
# one moves there whole with its label. The value column is about 40 full-width characters wide.
LONG_ROW_LINES = 15
VALUE_COLUMN_EM = 40
TEXT_TYPES = ("text", "multiline_text")


def _lines(text: str) -> int:
    return line_count(text, VALUE_COLUMN_EM, EM)


def _side_label(label: str) -> str:
    """A label the form prints vertically at the side of its items (再委託): one character a line."""
    return "<br>".join(_e(char) for char in label if not char.isspace())


def _row_html(row: PrintedRow) -> str:
    label = _e(row.label)
    depth = f"d{row.depth}"
    if row.kind == "group":
        if row.marks:
            marks = "　".join(_checkbox(mark_node) for mark_node in row.marks)
            return (
                f'<tr class="group {depth}"><th colspan="2" scope="colgroup">{label}</th>'
                f'<td class="marks">{marks}</td></tr>'
            )
        return f'<tr class="group {depth}"><th colspan="3" scope="colgroup">{label}</th></tr>'
    if row.kind == "range":
        return f'<tr class="range {depth}"><th colspan="3" scope="rowgroup">{label}</th></tr>'
    if row.kind == "entry":
        if row.title is not None:
            return (
                f'<tr class="entry {depth}"><th colspan="2" scope="rowgroup">{label}</th>'
                f'<td class="entry-title">{value_html(row.title)}</td></tr>'
            )
        return f'<tr class="entry {depth}"><th colspan="3" scope="rowgroup">{label}</th></tr>'
    side = ""
    if row.side_span:
        side = f'<th class="side" rowspan="{row.side_span}" scope="rowgroup">{_side_label(row.side or "")}</th>'
    long = row.item["type"] in TEXT_TYPES and _lines(row.item.get("text") or "") > LONG_ROW_LINES
    if row.kind == "checkbox":
        cells = f'<td colspan="{2 if row.side else 3}">{value_html(row.item)}</td>'
    else:
        if long:
            # The label keeps room for the text's first lines: the row starts where three lines fit.
            label = f'<div class="keep-lines">{label}</div>'
        head = f'<th scope="row">{label}</th>' if row.side else f'<th colspan="2" scope="row">{label}</th>'
        cells = f"{head}<td>{value_html(row.item, row.inline)}</td>"
    return f'<tr class="item {depth}{" long" if long else ""}">{side}{cells}</tr>'


def _rows(writer: _Writer, document: ResolvedDocument, nodes: list[ItemNode]) -> None:
    """The rows in row groups: a group the form labels at its side is kept together on one page."""
    open_side = 0
    for row in printed_rows(document, nodes):
        if row.side_span:
            writer.add('</tbody><tbody class="side-group">')
            open_side = row.side_span
        writer.add(_row_html(row))
        if open_side:
            open_side -= 1
            if not open_side:
                writer.add("</tbody><tbody>")


def _table(writer: _Writer, document: ResolvedDocument, items: list[ItemNode]) -> None:
    writer.add(
        '<table class="form"><colgroup><col class="side"><col class="label"><col class="value"></colgroup><tbody>'
    )
    _rows(writer, document, items)
    writer.add("</tbody></table>")


def _cover(writer: _Writer, data: PublishedData) -> None:
    """The cover from its items' own labels: number and title side by side, statements, facts."""
    document = data.document
    layout = cover_layout(document)
    definition = document["definition"]
    writer.add('<section class="cover">', f'<h1 class="cover-title">{_e(definition["title"])}</h1>')
    if layout.heading:
        writer.add(
            '<table class="cover-id"><thead><tr>',
            *(f'<th scope="col">{_e(node["label"])}</th>' for node in layout.heading),
            "</tr></thead><tbody><tr>",
            *(f"<td>{_e(node.get('text'))}</td>" for node in layout.heading),
            "</tr></tbody></table>",
        )
    for node in layout.statements:
        writer.add(
            f'<div class="statement"><h2>{_e(node["label"])}</h2><div class="text">{_e(node.get("text"))}</div></div>'
        )
    writer.add(
        '<table class="cover-meta"><tbody>',
        *(f'<tr><th scope="row">{_e(node["label"])}</th><td>{_e(node.get("text"))}</td></tr>' for node in layout.facts),
        "</tbody></table>",
        f'<p class="form-label">{_e(definition["form_label"])}</p>',
        "</section>",
        '<section class="toc"><h1>項目一覧</h1><ul>',
        *(f"<li>{_e(entry)}</li>" for entry in definition.get("table_of_contents", [])),
        "</ul></section>",
    )


ANNEX_PAGES_PER_CHUNK = 4


def _annex_table(writer: _Writer, rows: Sequence[AnnexCells]) -> None:
    writer.add('<table class="annex"><colgroup><col class="a-date"><col class="a-item"><col class="a-text">')
    writer.add('<col class="a-text"><col class="a-timing"><col class="a-note"></colgroup><thead><tr>')
    writer.add(*(f'<th scope="col">{header}</th>' for header in ANNEX_HEADERS), "</tr></thead><tbody>")
    for row in rows:
        date, komoku, mae, go, jiki, setsumei = (_e(cell) for cell in row.cells)
        writer.add(
            f'<tr><td>{date}</td><td class="text">{komoku}</td><td class="text">{mae}</td>'
            f'<td class="text">{go}</td><td>{jiki}</td><td class="text">{setsumei}</td></tr>'
        )
    if not rows:
        writer.add('<tr><td colspan="6">（変更箇所なし）</td></tr>')
    writer.add("</tbody></table>")


def annex_pages_html(label: str, pages: Sequence[Sequence[AnnexCells]], *, first: bool) -> str:
    """Printed pages of 別添２, one table per page (the heading on the annex's first page only)."""
    writer = _Writer()
    writer.add('<section class="form-section annex">')
    if first:
        writer.add(f"<h1>{_e(label)}</h1>")
    for rows in pages:
        _annex_table(writer, rows)
    writer.add("</section>")
    return _page(label, writer.html())


def annex_chunk(label: str, pages: Sequence[Sequence[AnnexCells]], *, first: bool, key: str) -> Chunk:
    frozen = tuple(tuple(rows) for rows in pages)
    return Chunk(
        key=key, title=label, html=annex_pages_html(label, frozen, first=first), annex_pages=frozen, first=first
    )


def annex_chunks(section: SectionNode, lines: Sequence[AnnexLine]) -> list[Chunk]:
    """別添２ in chunks of a few pages; the pagination is fixed, so earlier chunks stay the same."""
    pages = paginate(annex_cells(lines))
    step = ANNEX_PAGES_PER_CHUNK
    return [
        annex_chunk(
            section["label"], pages[start : start + step], first=start == 0, key=f"{section['key']}-{start + 1}"
        )
        for start in range(0, len(pages), step)
    ]


def section_html(document: ResolvedDocument, section: SectionNode) -> Iterator[str]:
    """One body section (Ⅰ … Ⅴ, 別添１) as printed; per-file sections repeat for every file."""
    writer = _Writer()
    writer.add(f'<section class="form-section" id="section-{_e(section["key"])}"><h1>{_e(section["label"])}</h1>')
    for heading, items in printed_entries(document, section):
        if heading:
            writer.add(f'<h2 class="file-heading">{_e(heading)}</h2>')
        _table(writer, document, items)
    writer.add("</section>")
    yield writer.html()


@dataclass(frozen=True)
class Chunk:
    """A self-contained part of the printed form that starts on a new page (cached as a unit)."""

    key: str
    title: str
    html: str
    # For pages of 別添２: their rows, so that a chunk that overflows can be split.
    annex_pages: tuple[tuple[AnnexCells, ...], ...] | None = None
    first: bool = False

    @property
    def expected_pages(self) -> int | None:
        return len(self.annex_pages) if self.annex_pages is not None else None

    def split(self) -> list[Chunk]:
        """Smaller chunks (an annex chunk whose estimate was too low): one per page, or a page's halves."""
        pages = self.annex_pages
        if not pages:
            return [self]
        if len(pages) > 1:
            parts = [pages[n : n + 1] for n in range(len(pages))]
        elif len(pages[0]) > 1:
            half = len(pages[0]) // 2
            parts = [(pages[0][:half],), (pages[0][half:],)]
        else:
            return [self]
        return [
            annex_chunk(self.title, part, first=self.first and n == 0, key=f"{self.key}.{n + 1}")
            for n, part in enumerate(parts)
        ]


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>{_e(title)}</title></head>'
        f"<body>{body}</body></html>"
    )


def form_chunks(data: PublishedData) -> list[Chunk]:
    """The printed form as chunks in order: 表紙 and 項目一覧, each section, 別添２.

    The running header and footer (title, version, hash, page numbers) are not part of
    the chunks: they are stamped on the assembled PDF, so an unchanged section renders
    the same bytes in every version and can be reused.
    """
    chunks = []
    cover = cover_key(data.document)
    for section in data.document["sections"]:
        writer = _Writer()
        if section["key"] == cover:
            _cover(writer, data)
            title = "表紙"
        elif "columns" in section:
            chunks.extend(annex_chunks(section, data.annex))
            continue
        else:
            writer.add(*section_html(data.document, section))
            title = section["label"]
        chunks.append(Chunk(key=section["key"], title=title, html=_page(title, writer.html())))
    return chunks
