"""The PDF is rendered in chunks: unchanged chunks are reused, an overflowing annex page is split.

Reuse is shown on the persona base's assessment, pagination on rows made here; that every annex
page of Nagaoka's 90 rows fits its page is checked with Nagaoka's PDF (test_pdf_publication.py).
"""

from __future__ import annotations

import datetime as dt

from django.test import SimpleTestCase

from exports.artifact_data import AnnexLine, published_data
from exports.pdf.annex_pages import AnnexCells, paginate
from exports.pdf.document import MemoryChunkCache, chunk_key, publication_pdf, render_chunks
from exports.pdf.form_html import annex_chunk
from pia.models import Publication
from tests.exports.rendered import page_texts, pdf_of, squeeze
from tests.personas import VERSIONS, PersonaTestCase


class ChunkReuseTest(PersonaTestCase):
    def test_publishing_after_the_previous_version_reuses_its_unchanged_chunks_and_prints_the_same(self):
        cache = MemoryChunkCache()
        previous = published_data(Publication.objects.get(page=self.assessment, version=VERSIONS - 1))
        latest = published_data(Publication.objects.get(page=self.assessment, version=VERSIONS))
        publication_pdf(previous, cache=cache)
        stored = len(cache.entries)
        warm = publication_pdf(latest, cache=cache)
        rendered_anew = len(cache.entries) - stored
        # The cover with the contents, each section, the annex: one chunk each at least.
        self.assertGreaterEqual(stored, len(previous.document["sections"]))
        self.assertLess(rendered_anew, stored / 2, "most chunks of the previous version should be reused")
        self.assertEqual(warm, pdf_of(latest), "reused chunks must give the very same bytes as a cold render")

    def test_two_worker_processes_render_the_very_same_bytes(self):
        latest = published_data(Publication.objects.get(page=self.assessment, version=VERSIONS))
        parallel = publication_pdf(latest, cache=MemoryChunkCache(), workers=2)
        self.assertEqual(parallel, pdf_of(latest))


def tall_row(n: int) -> AnnexCells:
    text = "\n".join(f"第{n}行の{line}行目：変更後の記載は長い。" for line in range(1, 31))
    return AnnexCells(("令和7年6月30日", f"項目{n}", text, text, "事後", "重要な変更にあたらない項目"))


class AnnexPaginationTest(SimpleTestCase):
    def test_an_annex_page_whose_rows_overflow_is_rendered_as_its_halves_and_remembered(self):
        rows = [tall_row(n) for n in range(1, 5)]  # four rows of thirty lines: two pages' worth
        chunk = annex_chunk("（別添２）　変更箇所", [rows], first=True, key="betten2-test")
        cache = MemoryChunkCache()
        rendered, reused = render_chunks([chunk], cache)
        self.assertEqual(reused, 0)
        self.assertGreater(len(rendered), 1)
        self.assertEqual(cache.get(chunk_key(chunk)), b"split")
        text = squeeze("".join(t for _, pdf in rendered for t in page_texts(pdf)))
        for n in range(1, 5):
            self.assertIn(squeeze(f"第{n}行の30行目：変更後の記載は長い。"), text)
        again, reused = render_chunks([chunk], cache)
        self.assertEqual(len(again), len(rendered))
        self.assertEqual(reused, len(rendered))

    def test_a_row_taller_than_a_page_continues_on_the_next_with_its_item_marked(self):
        text = "\n".join(f"{line}行目の記載。" for line in range(1, 121))
        line = AnnexLine(
            henko_bi=dt.date(2025, 6, 30),
            komoku="Ⅲリスク対策",
            henko_mae="",
            henko_go=text,
            teishutsu_jiki="事前",
            is_significant=True,
        )
        cells = [
            AnnexCells(c)
            for c in [
                ("令和7年6月30日", line.komoku, line.henko_mae, line.henko_go, line.teishutsu_jiki, line.explanation)
            ]
        ]
        pages = paginate(cells)
        self.assertGreater(len(pages), 1)
        self.assertEqual(pages[1][0].cells[1], "Ⅲリスク対策（続き）")
        self.assertEqual("\n".join(page[0].cells[3] for page in pages), text)
