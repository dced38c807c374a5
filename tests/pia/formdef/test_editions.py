"""Each publication prints the edition of its form in force on its 公表日.

Older editions (juten-h30-05, kiso-h26-04, kiso-h29-05, zenkomoku-h30-05) state their identity and
``extends`` the current definition, whose sections they share (kiso-h26-04 without Ⅳ, which the
平成26年 form did not print): the same page class holds them, the diff compares them item by item,
and an older edition's XML that differs only by its tag is imported onto the current one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import TestCase

from pia.formdef.editions import edition_in_force, editions_of, on_edition, structure_of
from pia.formdef.imports import DocumentImportError
from pia.formdef.loader import SHIPPED_DEFINITIONS_DIR, DefinitionError, get_definition, load_definition_file
from pia.models import AnnexRow, JutenAssessmentPage, KisoAssessmentPage, Publication
from pia.services.imports import import_assessment
from tests.factories.pia import version_text
from tests.personas import PersonaTestCase

# Tags printed on published assessments (jp-pia-domain.md §2.a, §6; 札幌市 全項目評価書 令和3年3月3日).
TAGS = {
    "juten-h30-05": "[平成30年5月　様式３]",
    "juten-r06-10": "[令和６年10月　様式３]",
    "kiso-h26-04": "[平成26年4月　様式２]",
    "kiso-h29-05": "[平成29年5月　様式２]",
    "kiso-r06-10": "[令和６年10月　様式２]",
    "zenkomoku-h30-05": "[平成30年5月　様式４]",
    "zenkomoku-r06-10": "[令和６年10月　様式４]",
}


@pytest.mark.parametrize(("definition_id", "tag"), sorted(TAGS.items()))
def test_every_edition_loads_with_its_tag(definition_id, tag):
    definition = get_definition(definition_id)

    assert definition.form_label == tag
    current = get_definition(structure_of(definition_id))
    omitted = OMITTED.get(definition_id, ())
    assert [s.key for s in definition.sections] == [s.key for s in current.sections if s.key not in omitted]
    kept = [i.path for s, i in current.walk() if s.key not in omitted]
    assert [i.path for _s, i in definition.walk()] == kept


# The sections an older edition's form did not print (jp-pia-domain.md §5: the 平成26年 基礎 ends with Ⅲ).
OMITTED = {"kiso-h26-04": ("taisaku",)}


def test_the_heisei_26_kiso_prints_no_risk_measures():
    definition = get_definition("kiso-h26-04")

    assert "Ⅳ　リスク対策" not in definition.table_of_contents
    assert definition.table_of_contents == (
        "Ⅰ　関連情報",
        "Ⅱ　しきい値判断項目",
        "Ⅲ　しきい値判断結果",
        "（別添）　変更箇所",
    )


@pytest.mark.parametrize(
    ("definition_id", "day", "expected"),
    [
        ("kiso-r06-10", dt.date(2016, 1, 1), "kiso-h26-04"),
        ("kiso-r06-10", dt.date(2021, 5, 17), "kiso-h29-05"),
        ("kiso-r06-10", dt.date(2024, 9, 30), "kiso-h29-05"),
        ("kiso-r06-10", dt.date(2024, 10, 1), "kiso-r06-10"),
        ("juten-r06-10", dt.date(2021, 5, 17), "juten-h30-05"),
        ("juten-h30-05", dt.date(2025, 6, 30), "juten-r06-10"),
        ("zenkomoku-r06-10", dt.date(2021, 3, 3), "zenkomoku-h30-05"),
    ],
)
def test_the_edition_in_force_on_a_day(definition_id, day, expected):
    assert edition_in_force(definition_id, day).id == expected


def test_editions_are_listed_oldest_first():
    assert [d.id for d in editions_of("kiso-h29-05")] == ["kiso-h26-04", "kiso-h29-05", "kiso-r06-10"]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "id: old\nextends: juten-r06-10\nedition: 旧\nsections: []\n",
            r"states only its identity, not \['sections'\]",
        ),
        ("id: old\nextends: nowhere\nedition: 旧\n", "extends unknown definition 'nowhere'"),
        ("id: old\nextends: old\nedition: 旧\n", "goes round in a circle"),
        ("id: old\nextends: juten-r06-10\nin_force_from: 令和元年\n", "in_force_from: must be a date"),
        ("id: old\nextends: juten-r06-10\nomit_sections: [nowhere]\n", r"unknown sections \['nowhere'\]"),
        ("id: old\nextends: juten-r06-10\nomit_sections: taisaku\n", "must be a list of section keys"),
    ],
)
def test_a_malformed_edition_is_refused(tmp_path, text, message):
    write(tmp_path, "juten-r06-10", (SHIPPED_DEFINITIONS_DIR / "juten-r06-10.yaml").read_text(encoding="utf-8"))

    with pytest.raises(DefinitionError, match=message):
        load_definition_file(write(tmp_path, "old", text))


class PublicationsPrintTheirEditionTest(PersonaTestCase):
    """The persona body's assessment was published on 令和5年6月1日, 令和6年6月3日 and 令和7年6月30日."""

    def test_each_version_carries_the_edition_in_force_on_its_publication_date(self):
        publications = list(Publication.objects.for_page(self.assessment))

        self.assertEqual(
            [(p.kohyo_bi, p.document["definition"]["form_label"]) for p in publications],
            [
                (dt.date(2023, 6, 1), TAGS["juten-h30-05"]),
                (dt.date(2024, 6, 3), TAGS["juten-h30-05"]),
                (dt.date(2025, 6, 30), TAGS["juten-r06-10"]),
            ],
        )

    def test_moving_to_the_new_edition_logs_only_the_real_change(self):
        third = Publication.objects.get(page=self.assessment, version=3)

        rows = list(AnnexRow.objects.filter(publication=third))
        self.assertEqual(len(rows), 1, [row.komoku for row in rows])
        self.assertIn(version_text(3), rows[0].henko_go)

    def test_an_older_edition_is_imported_onto_the_current_one(self):
        first = Publication.objects.get(page=self.assessment, version=1)
        org_page = self.assessment.get_parent().specific

        page = import_assessment(org_page, first.document, user=self.officer, slug="imported-h30")

        self.assertIsInstance(page, JutenAssessmentPage)
        self.assertEqual(page.definition_id, "juten-r06-10")
        imported = on_edition(page.resolved_document(as_of=first.published_at), get_definition("juten-h30-05"))
        self.assertEqual(imported["sections"], first.document["sections"])


class UnknownEditionTest(TestCase):
    def test_an_unknown_kind_or_edition_is_refused_naming_both(self):
        document = {
            "definition": {
                "id": "kiso-h25-01",
                "kind": "kiso",
                "kind_label": "基礎項目評価書",
                "form_label": "[平成25年1月　様式２]",
            },
            "assessment": {},
            "sections": [],
        }

        with self.assertRaisesMessage(
            DocumentImportError, "この様式は取り込めません：基礎項目評価書（[平成25年1月　様式２]、様式ID kiso-h25-01）"
        ):
            import_assessment(None, document, user=None)  # type: ignore[arg-type]

    def test_the_page_class_of_an_older_edition_is_the_current_one(self):
        from pia.models.pages import page_class_for

        self.assertIs(page_class_for("kiso-h26-04"), KisoAssessmentPage)
        with self.assertRaises(LookupError):
            page_class_for("kiso-h25-01")
