"""The loader reads a whole definition file: items in printed order, numbers, roles, limits and count rules."""

import copy

import pytest
import yaml

from pia.formdef.loader import DefinitionError, load_definition_data
from pia.formdef.schema import ItemType, Role
from tests.pia.formdef import MINI_PATH, mini


def raw_mini() -> dict:
    return yaml.safe_load(MINI_PATH.read_text(encoding="utf-8"))


def test_it_walks_every_item_in_printed_order_containers_first():
    assert [item.path for _section, item in mini().walk()] == [
        "cover.bango",
        "cover.mei",
        "cover.kikan",
        "cover.kohyo_bi",
        "kihon.jimu",
        "kihon.jimu.meisho",
        "kihon.jimu.naiyo",
        "kihon.jimu.jubun",
        "kihon.nyushu_hoho",
        "kihon.systems",
        "kihon.systems.meisho",
        "itaku.umu",
        "itaku.kensu",
        "itaku.jiko",
        "itaku.jiko.title",
        "itaku.jiko.naiyo",
    ]


def test_printed_numbers_come_from_the_labels():
    definition = mini()
    assert definition.section("kihon").number == "Ⅰ"
    assert definition.item("kihon.jimu").number == "１．"
    assert definition.item("kihon.jimu.naiyo").number == "②"
    assert definition.item("itaku.kensu").number == ""


def test_the_cover_and_its_items_are_found_by_role():
    definition = mini()
    assert definition.cover_section.key == "cover"
    # The cover's roles (the しきい値判断's roles belong to the 基礎's Ⅱ and Ⅲ, which mini has not).
    cover_roles = (Role.TITLE, Role.EVALUATION_NUMBER, Role.ORGANIZATION_NAME, Role.PUBLICATION_DATE)
    found = {role: definition.item_with_role(role)[1].key for role in cover_roles}
    assert found == {
        Role.TITLE: "mei",
        Role.EVALUATION_NUMBER: "bango",
        Role.ORGANIZATION_NAME: "kikan",
        Role.PUBLICATION_DATE: "kohyo_bi",
    }
    assert definition.item("cover.kohyo_bi").in_annex is False


def test_choices_checks_repeats_and_significance_are_as_written():
    definition = mini()
    jubun = definition.item("kihon.jimu.jubun")
    assert jubun.type is ItemType.SINGLE_CHOICE
    assert jubun.choice_list.printed(1) == "2） 十分である"
    assert jubun.significant and not definition.item("kihon.jimu.meisho").significant
    checks = definition.item("kihon.nyushu_hoho").checks
    assert [(c.key, c.with_text) for c in checks.items] == [("kami", False), ("denshi", False), ("sonota", True)]
    systems = definition.item("kihon.systems")
    assert (systems.min, systems.max) == (1, 3)
    assert systems.label_for(2) == "システム２"
    assert definition.item("itaku.jiko.title").printed_label(3) == "委託事項３（件名）"


def test_the_count_rule_names_the_repeat_group_it_counts():
    assert mini().count_rules == {"itaku.kensu": ((None, "jiko"),)}


def test_the_annex_section_has_columns_and_is_not_edited():
    definition = mini()
    assert [section.key for section in definition.editable_sections] == ["cover", "kihon", "itaku"]
    assert [column.key for column in definition.section("betten2").columns] == ["henko_bi", "komoku", "teishutsu_jiki"]


def test_a_role_given_twice_is_refused():
    raw = raw_mini()
    raw["sections"][1]["items"][0]["items"][0]["role"] = "title"
    with pytest.raises(DefinitionError, match="role 'title' is given 2 times"):
        load_definition_data(raw, "mini.yaml")


def test_a_publication_date_that_is_not_a_date_of_the_cover_is_refused():
    raw = raw_mini()
    raw["sections"][0]["items"][3]["type"] = "text"
    with pytest.raises(DefinitionError, match="the publication date is a date item of the cover"):
        load_definition_data(raw, "mini.yaml")


def test_an_unknown_role_is_refused():
    raw = copy.deepcopy(raw_mini())
    raw["sections"][1]["items"][0]["items"][1]["role"] = "signature"
    with pytest.raises(DefinitionError, match="unknown role 'signature'"):
        load_definition_data(raw, "mini.yaml")


def test_a_repeat_whose_minimum_exceeds_its_maximum_is_refused():
    raw = raw_mini()
    raw["sections"][1]["items"][2]["min"] = 4
    with pytest.raises(DefinitionError, match="repeat limits"):
        load_definition_data(raw, "mini.yaml")
