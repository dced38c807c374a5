"""The public disclosure site is usable by everyone: axe-core finds no WCAG 2.1 A/AA violation,
the keyboard reaches every download and version link, headings descend in order and every
data table has header cells.

axe-core comes from the ``axe-playwright-python`` package (it ships ``axe.min.js``), so the
tests run offline once the dev dependencies are installed. Each page is checked at a desktop
and at a phone width: the phone layout turns the tables into blocks and has its own risks.
"""

from __future__ import annotations

import hashlib

import pytest

from tests.browser.conftest import IDENTIFIER

ASSESSMENT = f"/{IDENTIFIER}/"
PAGES = {
    "home": "/",
    "organization": "/nagaoka/",
    "assessment": ASSESSMENT,
    "archived version": f"{ASSESSMENT}v3/",
    "what changed": f"{ASSESSMENT}v8/changes/",
    "search": "/search/?q=ワクチン",
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Enough presses to go through the header, the facts, the downloads and the version table;
# the document's own links (its table of contents) come after them.
MAX_TABS = 80

FOCUSED_JS = """() => {
    const element = document.activeElement;
    const box = element.getBoundingClientRect();
    return {href: element.getAttribute('href'), outline: getComputedStyle(element).outlineStyle,
            width: box.width, height: box.height};
}"""
HEADINGS_JS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .map(heading => [Number(heading.tagName[1]), heading.textContent.trim()])"""
# Per table: its header cells, and its body rows that have no header cell of their own.
TABLES_JS = """() => [...document.querySelectorAll('main table')].map(table => ({
    name: table.caption ? table.caption.textContent.trim() : table.className,
    headers: table.querySelectorAll('th').length,
    columnHeaders: table.querySelectorAll('thead th[scope=col]').length,
    rowsWithoutHeader: [...table.tBodies].flatMap(body => [...body.rows])
        .filter(row => !row.querySelector('th') && !row.querySelector('td[colspan]')).length,
}))"""


@pytest.fixture
def published_files(assessment):
    """Ready files for two of Nagaoka's publications (stand-ins: the suite does not render PDFs)."""
    from django.core.files.base import ContentFile

    from pia.models import ArtifactKind, ArtifactStatus, Publication, PublicationArtifact

    for publication in Publication.objects.for_page(assessment).filter(version__in=[3, 8]):
        for kind in ArtifactKind:
            content = f"{kind} of version {publication.version}".encode()
            artifact = PublicationArtifact(
                publication=publication,
                kind=kind,
                status=ArtifactStatus.READY,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
            )
            artifact.file.save(artifact.file_name, ContentFile(content), save=False)
            artifact.save()
    return assessment


def axe_violations(page) -> list[dict]:
    """The WCAG 2.0/2.1 level A and AA violations axe-core finds on *page*."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return results.response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary']}".replace("\n", " "))
    return "\n".join(lines)


@pytest.mark.browser
def test_every_public_page_passes_axe_wcag21_aa(new_page, published_files):
    visitor = new_page()
    found = {}
    for viewport_name, viewport in VIEWPORTS.items():
        visitor.set_viewport_size(viewport)
        for name, url in PAGES.items():
            response = visitor.goto(url)
            assert response is not None and response.status == 200, url
            violations = axe_violations(visitor)
            if violations:
                found[f"{name} ({viewport_name}) {url}"] = describe(violations)
    assert not found, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(
        f"{where}:\n{report}" for where, report in found.items()
    )


@pytest.mark.browser
def test_tab_from_the_top_of_the_assessment_page_reaches_every_download_and_version_link(new_page, published_files):
    from pia.models import Publication

    visitor = new_page()
    visitor.goto(ASSESSMENT)
    downloads = visitor.locator(".downloads a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    versions = visitor.locator("#versions-heading ~ table a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(downloads) == 4
    assert len(versions) == 2 * Publication.objects.for_page(published_files).count() - 1  # 第1版 has no changes
    wanted = set(downloads) | set(versions)

    reached: list[str] = []
    visitor.locator("body").focus()
    for _ in range(MAX_TABS):
        visitor.keyboard.press("Tab")
        focused = visitor.evaluate(FOCUSED_JS)
        # What has the focus can be seen: it has a size and an outline.
        assert focused["width"] > 0 and focused["height"] > 0, focused
        assert focused["outline"] != "none", focused
        reached.append(focused["href"])
        if wanted <= set(reached):
            break
    assert wanted <= set(reached), f"not reached by Tab: {sorted(wanted - set(reached))}"
    # Links come in reading order: the downloads, then the versions.
    assert max(reached.index(href) for href in downloads) < min(reached.index(href) for href in versions)

    # The skip link comes first; following it, the next Tab lands in the main content, past the header's search.
    assert reached[0] == "#main"
    visitor.goto(ASSESSMENT)
    visitor.keyboard.press("Tab")
    visitor.keyboard.press("Enter")
    visitor.keyboard.press("Tab")
    assert visitor.evaluate("document.activeElement.closest('main') !== null")
    assert visitor.evaluate("document.activeElement.getAttribute('href')") == downloads[0]


@pytest.mark.browser
def test_headings_on_every_public_page_descend_one_level_at_a_time_under_one_h1(new_page, published_files):
    visitor = new_page()
    for name, url in PAGES.items():
        visitor.goto(url)
        headings = visitor.evaluate(HEADINGS_JS)
        levels = [level for level, _ in headings]
        assert levels.count(1) == 1, f"{name}: {headings}"
        assert levels[0] == 1, f"{name}: the first heading is not the h1: {headings}"
        for (before, _), (level, text) in zip(headings, headings[1:], strict=False):
            assert level <= before + 1, f"{name}: h{before} → h{level} 「{text}」 skips a level"


@pytest.mark.browser
def test_every_data_table_on_the_public_pages_has_header_cells(new_page, published_files):
    visitor = new_page()
    for name, url in PAGES.items():
        visitor.goto(url)
        tables = visitor.evaluate(TABLES_JS)
        if name in ("organization", "assessment", "archived version", "home"):
            assert tables, f"{name}: no table found"
        for table in tables:
            assert table["headers"] > 0, f"{name}: table without th: {table}"
            # Each table is read either by its column headers or, row by row, by each row's header.
            assert table["columnHeaders"] > 0 or table["rowsWithoutHeader"] == 0, f"{name}: {table}"
