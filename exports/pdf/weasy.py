"""WeasyPrint, and the pool of processes that render PDF chunks with it.

Kept apart from the rest of exports.pdf and free of Django: the pool's processes import this
module alone (forkserver preload), without setting Django up.
"""

from __future__ import annotations

import functools
import multiprocessing
import subprocess  # noqa: S404 - fc-list with fixed arguments
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from weasyprint import CSS, URLFetcher
    from weasyprint.text.fonts import FontConfiguration

STYLESHEET = Path(__file__).parent.parent / "static" / "exports" / "form-print.css"
REQUIRED_FONT = "IPAex"


class FontMissing(RuntimeError):
    """Japanese fonts are missing: WeasyPrint would print empty boxes without a warning."""


@functools.cache
def font_configuration() -> FontConfiguration:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.cache
def stylesheet_text() -> str:
    return STYLESHEET.read_text("utf-8")


@functools.cache
def _stylesheet() -> CSS:
    from weasyprint import CSS

    return CSS(string=stylesheet_text(), font_config=font_configuration())


@functools.cache
def check_fonts() -> None:
    """Refuse to render without IPAex fonts (fontconfig must know them)."""
    try:
        listed = subprocess.run(  # noqa: S603
            ["fc-list", ":lang=ja", "family"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise FontMissing("fontconfig (fc-list) がありません。") from exc
    if REQUIRED_FONT not in listed.stdout:
        raise FontMissing("IPAex フォント（fonts-ipaexfont-mincho, fonts-ipaexfont-gothic）がありません。")


@functools.cache
def _url_fetcher() -> URLFetcher:
    """A fetcher that fetches nothing: the form needs no external resource, and a document must not load one.

    Made once per process: WeasyPrint's default fetcher loads the system's certificates for every document.
    """
    from weasyprint import URLFetcher

    class NoFetching(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> NoReturn:
            raise ValueError(f"外部リソースは読み込みません: {url[:80]}")

    return NoFetching()


def render_html(html: str, *, tagged: bool, stylesheet: CSS | None = None) -> tuple[bytes, int]:
    """PDF bytes and page count of one HTML document."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(STYLESHEET.parent), url_fetcher=_url_fetcher()).render(
        stylesheets=[stylesheet or _stylesheet()], font_config=font_configuration(), pdf_tags=tagged
    )
    return document.write_pdf(pdf_tags=tagged), len(document.pages)


def _render_tagged(html: str) -> tuple[bytes, int]:
    return render_html(html, tagged=True)


def _warm_worker() -> None:
    _stylesheet()


_pool: ProcessPoolExecutor | None = None
_pool_size = 0


def _executor(workers: int) -> ProcessPoolExecutor:
    """A process pool kept for the life of the process (a task worker renders many PDFs)."""
    global _pool, _pool_size
    if _pool is None or _pool_size != workers:
        if _pool is not None:
            _pool.shutdown()
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["weasyprint", "exports.pdf.weasy"])
        _pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_worker)
        _pool_size = workers
    return _pool


def render_many(htmls: list[str], workers: int) -> list[tuple[bytes, int]]:
    if workers <= 1 or len(htmls) <= 1:
        return [_render_tagged(html) for html in htmls]
    # Longest first, so that the last chunk to finish is a short one.
    order = sorted(range(len(htmls)), key=lambda i: -len(htmls[i]))
    futures = {i: _executor(workers).submit(_render_tagged, htmls[i]) for i in order}
    return [futures[i].result() for i in range(len(htmls))]
