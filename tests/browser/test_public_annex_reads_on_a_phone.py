"""The public 別添２ (change annex) reads on a 390 px phone: stacked rows, each cell under its column's
label, nothing cut off and no sideways scrolling. Saves docs/samples/public-annex-390.png.

Loads the Nagaoka demo through the ``demo`` fixture (its annex has rows with long wording).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import IDENTIFIER

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "public-annex-390.png"
WIDTH = 390
MAX_HEIGHT = 2400  # the sample shows the annex's first rows

CELLS_JS = """() => [...document.querySelectorAll('table.pia-annex tbody td')].map(cell => {
    const box = cell.getBoundingClientRect();
    const label = getComputedStyle(cell, '::before').content;
    return {label: cell.dataset.label || '', before: label, left: box.left, right: box.right,
            width: box.width, height: box.height, scrollWidth: cell.scrollWidth, clientWidth: cell.clientWidth,
            display: getComputedStyle(cell).display, text: cell.textContent.trim().slice(0, 40)};
})"""


@pytest.mark.browser
def test_the_annex_stacks_its_rows_at_390_pixels(new_page, assessment, tmp_path):
    page = new_page()
    page.set_viewport_size({"width": WIDTH, "height": 844})
    page.goto(f"/{IDENTIFIER}/")
    annex = page.locator("table.pia-annex")
    assert annex.count() == 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    assert page.locator("table.pia-annex thead").is_hidden()
    assert page.locator(".scroll-hint").first.is_hidden()  # nothing scrolls sideways any more
    cells = page.evaluate(CELLS_JS)
    assert cells
    labels = {"変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明"}
    for cell in cells:
        assert cell["label"] in labels, cell
        assert cell["before"] == f'"{cell["label"]}"', cell  # the column's label shows above the cell
        assert cell["display"] == "block", cell
        assert cell["left"] >= 0 and cell["right"] <= WIDTH, cell  # inside the viewport
        assert cell["scrollWidth"] <= cell["clientWidth"], cell  # no text cut off inside the cell
        assert cell["height"] > 0, cell
    region = page.locator(".table-scroll").first
    scroll = region.evaluate("element => [element.scrollWidth, element.clientWidth]")
    assert scroll[0] <= scroll[1]
    save_sample(page, annex, tmp_path)


def save_sample(page, annex, tmp_path: Path) -> None:
    """The annex's first rows (the whole table is tens of thousands of pixels tall), as a palette PNG."""
    from PIL import Image

    box = annex.bounding_box()
    top = max(0, box["y"] + page.evaluate("() => window.scrollY") - 60)  # with the heading above it
    raw = tmp_path / "annex.png"
    page.screenshot(path=str(raw), full_page=True, clip={"x": 0, "y": top, "width": WIDTH, "height": MAX_HEIGHT})
    SAMPLE.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(raw) as image:
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(SAMPLE, optimize=True)
