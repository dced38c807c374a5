"""The official-form PDF: resolved document → HTML chunks → WeasyPrint → one tagged PDF.

Rendering 50 pages of Japanese text with WeasyPrint takes seconds, so the form is
rendered in chunks (表紙, each section, 別添２) that each start on a new page. A
chunk's PDF depends only on its HTML and the stylesheet, so a chunk that did not
change since the previous publication is taken from the cache instead of rendered.
The running header and footer (title, version, content hash, page numbers) change
with every version; they are drawn by a cheap overlay after the chunks are joined.

Fonts are Debian's IPAex (明朝 for text, ゴシック for headings), embedded and subset.
The stylesheet and font configuration are parsed once per process.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from html import escape
from typing import TYPE_CHECKING, Protocol

from exports.artifact_data import PublishedData
from exports.pdf.assembly import Metadata, assemble
from exports.pdf.form_html import Chunk, form_chunks
from exports.pdf.weasy import (
    check_fonts,
    font_configuration,
    render_html,
    render_many,
    stylesheet_text,
)

if TYPE_CHECKING:  # WeasyPrint is imported where it is used: it is slow to import and ships no types
    from weasyprint import CSS

# Bump when the chunk HTML or its rendering changes in a way the stylesheet does not show.
RENDERER_VERSION = "1"

logger = logging.getLogger(__name__)


class ChunkCache(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...


class MemoryChunkCache:
    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.entries.get(key)

    def put(self, key: str, data: bytes) -> None:
        self.entries[key] = data


def chunk_key(chunk: Chunk) -> str:
    import weasyprint

    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, weasyprint.__version__, stylesheet_text(), chunk.html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


_SPLIT = b"split"  # cached for an annex page whose rows did not fit: its halves are rendered instead


def render_chunks(
    chunks: list[Chunk], cache: ChunkCache | None, workers: int = 1
) -> tuple[list[tuple[Chunk, bytes]], int]:
    """Every chunk with its PDF in order (an overflowing annex page as its halves) and how many were reused."""
    done: dict[int, list[tuple[Chunk, bytes]]] = {}
    missing: list[int] = []
    reused = 0
    for index, chunk in enumerate(chunks):
        cached = cache.get(chunk_key(chunk)) if cache is not None else None
        if cached == _SPLIT:
            done[index], hits = render_chunks(chunk.split(), cache, workers)
            reused += hits
        elif cached is not None:
            done[index] = [(chunk, cached)]
            reused += 1
        else:
            missing.append(index)
    results = render_many([chunks[i].html for i in missing], workers)
    for index, (pdf, pages) in zip(missing, results, strict=True):
        chunk = chunks[index]
        halves = chunk.split() if pages > (chunk.expected_pages or 1) else [chunk]
        if len(halves) > 1:
            logger.info("別添２ chunk %s overflowed (%d pages): split", chunk.key, pages)
            if cache is not None:
                cache.put(chunk_key(chunk), _SPLIT)
            done[index], _ = render_chunks(halves, cache, workers)
            continue
        if cache is not None:
            cache.put(chunk_key(chunk), pdf)
        done[index] = [(chunk, pdf)]
    return [rendered for index in range(len(chunks)) for rendered in done[index]], reused


_RUNNING_CSS = """
@page { size: A4; margin: 0; }
html { font-family: "IPAexMincho", serif; font-size: 7pt; color: #333; line-height: 5mm; }
body { margin: 0; }
.p { height: 297mm; padding: 8mm 14mm 0; box-sizing: border-box; break-after: page; }
.p:last-child { break-after: auto; }
.h, .f { height: 5mm; margin: 0; overflow: hidden; white-space: nowrap; }
.f { margin-top: 271mm; width: 150mm; }
.r { float: right; }
"""


@functools.cache
def _running_stylesheet() -> CSS:
    from weasyprint import CSS

    return CSS(string=_RUNNING_CSS, font_config=font_configuration())


def running_html(data: PublishedData) -> str:
    """The running texts, two pages: the cover's (footer only) and every other page's (header and footer).

    Page numbers are added by the assembly (pdf_assembly.py), so these two pages serve every page.
    """
    title = escape(data.title)
    form_label = escape(data.document["definition"]["form_label"])
    footer = f'<p class="f">{escape(data.version_label)}　SHA-256 {escape(data.content_hash)}</p>'
    header = f'<p class="h"><span class="r">{form_label}</span>{title}</p>'
    return (
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"></head><body>'
        f'<div class="p"><p class="h"></p>{footer}</div><div class="p">{header}{footer}</div></body></html>'
    )


def publication_pdf(data: PublishedData, *, cache: ChunkCache | None = None, workers: int = 1) -> bytes:
    """The printed form of one publication, as a tagged PDF with embedded IPAex fonts."""
    check_fonts()
    chunks = form_chunks(data)
    rendered, reused = render_chunks(chunks, cache, workers)
    logger.info("PDF chunks: %d rendered, %d reused", len(rendered) - reused, reused)
    pdfs = [pdf for _, pdf in rendered]
    running, _ = render_html(running_html(data), tagged=False, stylesheet=_running_stylesheet())
    # One bookmark per section: on the first of its chunks.
    titles = [chunk.title for chunk, _ in rendered]
    outline = [title if n == 0 or titles[n - 1] != title else None for n, title in enumerate(titles)]
    metadata = Metadata(
        title=f"{data.document['definition']['title']}　{data.title}",
        author=data.organization,
        subject=str(data.document.get("assessment", {}).get("affair") or data.title),
        keywords=f"{data.document['definition']['kind_label']}, {data.version_label}, SHA-256 {data.content_hash}",
    )
    return assemble(pdfs, running, metadata, outline)
