"""Regenerate docs/samples/public-<page>-{desktop,phone}.png: the public site as a person sees it.

Run by `make screenshots` only (marker ``screenshots``; `make test` deselects it). It loads the
Nagaoka demo into the test database, renders the files of the two versions shown (so the
download list shows real sizes and hashes) and photographs each page at 1280 and 390 pixels
wide, from the top, cut at MAX_HEIGHT. The PNGs are reduced to a 256-colour palette to keep
them small enough to commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import IDENTIFIER

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"
ASSESSMENT = f"/{IDENTIFIER}/"
PAGES = {
    "home": "/",
    "organization": "/nagaoka/",
    "assessment": ASSESSMENT,
    "archived-version": f"{ASSESSMENT}v3/",
    "changes": f"{ASSESSMENT}v8/changes/",
    "search": "/search/?q=ワクチン",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
MAX_HEIGHT = 4000


@pytest.fixture
def rendered_files(assessment):
    """The real files (PDF, Excel, XML) of the latest and the archived version shown."""
    from exports.artifacts import render_artifacts
    from exports.publishing import ORDER, schedule_artifacts
    from pia.models import Publication

    for publication in Publication.objects.for_page(assessment).filter(version__in=[3, 8]):
        schedule_artifacts(publication)  # creates the pending rows (and renders them at once in the suite)
        render_artifacts(publication.pk, [str(kind) for kind in ORDER])  # renders what is still pending
    return assessment


def save_small(source: Path, target: Path) -> None:
    """Store *source* as a palette PNG: text screenshots lose nothing visible and shrink several times."""
    from PIL import Image

    with Image.open(source) as image:
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
    source.unlink()


@pytest.mark.browser
@pytest.mark.screenshots
def test_the_public_pages_are_photographed_for_the_documentation(new_page, rendered_files, tmp_path):
    from pia.models import ArtifactStatus, PublicationArtifact

    assert PublicationArtifact.objects.filter(status=ArtifactStatus.READY).count() == 8
    SAMPLES.mkdir(parents=True, exist_ok=True)
    visitor = new_page()
    for viewport_name, viewport in VIEWPORTS.items():
        visitor.set_viewport_size(viewport)
        for name, url in PAGES.items():
            response = visitor.goto(url)
            assert response is not None and response.status == 200, url
            visitor.evaluate("document.fonts.ready")
            # The page itself never scrolls sideways (only the annex table does, in its own region).
            width = visitor.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{name} ({viewport_name}) is {width}px wide"
            height = min(visitor.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
            raw = tmp_path / f"{name}-{viewport_name}.png"
            clip = {"x": 0, "y": 0, "width": viewport["width"], "height": height}
            visitor.screenshot(path=str(raw), full_page=True, clip=clip, animations="disabled")
            save_small(raw, SAMPLES / f"public-{name}-{viewport_name}.png")
