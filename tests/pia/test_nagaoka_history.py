"""Nagaoka's history since 2021 as real versions, and the diff engine finding its changes by itself."""

import datetime as dt
import re

from pia.models import Publication, content_hash
from tests.nagaoka import NAGAOKA_VERSIONS, NagaokaTestCase
from tests.reference import reference_values


def squash(text) -> str:
    return re.sub(r"[\s　]+", "", str(text or ""))


def abbreviated(row) -> bool:
    return "略" in (row["henko_mae"] or "") or "略" in (row["henko_go"] or "") or bool(row.get("truncated_in_pdf"))


class NagaokaHistoryTest(NagaokaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.latest = Publication.objects.get(page=cls.assessment, version=NAGAOKA_VERSIONS)
        cls.annex = list(cls.latest.cumulative_annex().select_related("publication"))
        cls.seed_rows = reference_values()["betten2"]

    def test_the_demo_carries_nagaokas_eight_publications_with_their_hashes(self):
        publications = list(Publication.objects.for_page(self.assessment))
        self.assertEqual(
            [p.kohyo_bi for p in publications],
            [
                dt.date(2021, 5, 17),
                dt.date(2021, 8, 11),
                dt.date(2021, 11, 19),
                dt.date(2022, 1, 5),
                dt.date(2022, 6, 8),
                dt.date(2023, 6, 8),
                dt.date(2024, 6, 13),
                dt.date(2025, 6, 30),
            ],
        )
        latest = publications[-1]
        self.assertEqual(latest.content_hash, content_hash(latest.document))
        self.assertEqual(len(latest.content_hash), 64)
        self.assertEqual(latest.approved_by, self.approver)
        self.assertEqual(publications[0].annex_rows.count(), 0)

    def test_the_latest_annex_reproduces_all_ninety_rows(self):
        self.assertEqual(len(self.annex), 90)
        for stored, seed in zip(self.annex, self.seed_rows, strict=True):
            with self.subTest(seq=seed["seq"]):
                self.assertEqual(stored.henko_bi.isoformat(), seed["henko_bi_iso"])
                self.assertEqual(stored.komoku, " ".join(seed["komoku"]))
                self.assertEqual(stored.teishutsu_jiki, seed["teishutsu_jiki"])
                self.assertEqual(stored.is_significant, seed["is_significant"])
                self.assertEqual(squash(stored.henko_go), squash(seed["henko_go"]))
                # 提出時期に係る説明 exactly as Nagaoka printed it, in whichever of its four wordings.
                self.assertEqual(stored.explanation, seed["teishutsu_jiki_setsumei"])

    def test_each_row_was_published_with_the_version_of_its_date(self):
        for stored in self.annex:
            self.assertEqual(stored.publication.kohyo_bi, stored.henko_bi)

    def test_nagaokas_departures_from_the_defaults_are_justified_overrides(self):
        overrides = [row for row in self.annex if row.is_override]
        self.assertTrue(overrides)
        self.assertTrue(all(row.justification for row in overrides))
        # The reason is kept for auditors, not printed into the 説明 column.
        self.assertFalse(any(row.justification in row.explanation for row in overrides))
        late = [row for row in self.annex if row.flagged_late]
        self.assertEqual(sum(1 for row in late if row.henko_bi.isoformat() == "2022-01-05"), 8)

    def test_the_engine_proposes_at_least_ninety_percent_of_the_rows_by_itself(self):
        covered = [row for row in self.annex if row.proposed]
        item_coverage = len(covered) / len(self.annex)
        comparable = [
            (row, seed)
            for row, seed in zip(self.annex, self.seed_rows, strict=True)
            if row.proposed and not abbreviated(seed)
        ]
        same_text = [
            row
            for row, seed in comparable
            if squash(row.proposed["henko_go"]) == squash(seed["henko_go"])
            and squash(row.proposed["henko_mae"]).replace("【追記】", "")
            == squash(seed["henko_mae"]).replace("【追記】", "")
        ]
        print(
            f"\nengine proposals cover {len(covered)}/{len(self.annex)} rows on the printed item "
            f"({item_coverage:.0%}); "
            f"same before/after text on {len(same_text)}/{len(comparable)} comparable rows"
        )
        self.assertGreaterEqual(item_coverage, 0.9)

    def test_what_could_not_be_reconstructed_is_surfaced_on_the_versions(self):
        notes = [note for p in Publication.objects.for_page(self.assessment) for note in p.notes]
        self.assertTrue(any("略" in note for note in notes))
        self.assertTrue(any("files[1].nyushu.shiyo_hoho.hoho" in note and "一致しません" in note for note in notes))

    def test_the_first_version_predates_every_change(self):
        from pia.formdef.document import iter_nodes

        first = Publication.objects.get(page=self.assessment, version=1)
        nodes = {node["path"]: node for node in iter_nodes(first.document)}
        # システム３ and システム４ were added on 令和3年11月19日, 提供先２ then too.
        self.assertEqual(len(nodes["kihon.systems"]["entries"]), 2)
        self.assertEqual(len(nodes["files[1].teikyo_iten.teikyosaki"]["entries"]), 1)
        self.assertEqual(nodes["kihon.joho_renkei.jisshi_umu"]["value"], "実施しない")
        self.assertFalse("ガバメントクラウド" in (nodes["risk[1].sonota_taisaku"]["text"] or ""))
