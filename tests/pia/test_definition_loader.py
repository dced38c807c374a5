"""The loader refuses definitions that could not be printed as the official form."""

import copy

import pytest

from pia.formdef.loader import DefinitionError, load_definition_data, load_definition_file

MINIMAL = {
    "id": "test-form",
    "kind": "test",
    "kind_label": "試験評価書",
    "title": "特定個人情報保護評価書（試験）",
    "edition": "令和７年1月",
    "yoshiki": "様式９",
    "form_label": "[令和７年1月　様式９]",
    "choice_lists": {"yesno": {"numbering": "1）", "choices": ["行っている", "行っていない"]}},
    "check_lists": {"media": {"groups": [{"label": None, "items": [{"key": "kami", "label": "紙"}]}]}},
    "sections": [
        {
            "key": "kihon",
            "label": "Ⅰ　基本情報",
            "items": [
                {
                    "key": "jimu",
                    "label": "１．事務",
                    "type": "group",
                    "items": [{"key": "meisho", "label": "①事務の名称", "type": "text"}],
                },
                {"key": "jokyo", "label": "２．状況", "type": "single_choice", "choices": "yesno"},
                {
                    "key": "systems",
                    "label": "３．システム",
                    "type": "repeat",
                    "entry_label": "システム{n}",
                    "min": 0,
                    "max": 20,
                    "items": [{"key": "meisho", "label": "①システムの名称", "type": "text"}],
                },
            ],
        }
    ],
}


def definition(**changes):
    raw = copy.deepcopy(MINIMAL)
    raw.update(changes)
    return raw


def items():
    return MINIMAL["sections"][0]["items"]


def with_items(new_items):
    raw = definition()
    raw["sections"][0]["items"] = new_items
    return raw


def test_it_loads_a_valid_definition():
    loaded = load_definition_data(definition())
    assert [i.path for _s, i in loaded.walk()] == [
        "kihon.jimu",
        "kihon.jimu.meisho",
        "kihon.jokyo",
        "kihon.systems",
        "kihon.systems.meisho",
    ]


def test_it_refuses_duplicate_keys():
    twice = copy.deepcopy(items())
    twice[1]["key"] = "jimu"
    with pytest.raises(DefinitionError, match="duplicate key 'jimu'"):
        load_definition_data(with_items(twice))


def test_it_refuses_a_missing_choice_list():
    bad = copy.deepcopy(items())
    bad[1]["choices"] = "absent"
    with pytest.raises(DefinitionError, match="choice list 'absent' is not defined"):
        load_definition_data(with_items(bad))


def test_it_refuses_an_empty_choice_list():
    with pytest.raises(DefinitionError, match="has no choices"):
        load_definition_data(definition(choice_lists={"yesno": {"choices": []}}))


def test_it_refuses_a_repeat_group_without_sane_limits():
    bad = copy.deepcopy(items())
    bad[2]["max"] = 0
    with pytest.raises(DefinitionError, match="repeat limits"):
        load_definition_data(with_items(bad))


def test_it_refuses_a_repeat_entry_label_without_its_number():
    bad = copy.deepcopy(items())
    bad[2]["entry_label"] = "システム"
    with pytest.raises(DefinitionError, match=r"\{n\}"):
        load_definition_data(with_items(bad))


def test_it_refuses_items_numbered_out_of_printed_order():
    bad = copy.deepcopy(items())
    bad[1]["label"] = "３．状況"
    with pytest.raises(DefinitionError, match="numbered ３．, expected number 2"):
        load_definition_data(with_items(bad))


def test_it_refuses_an_unknown_item_type():
    bad = copy.deepcopy(items())
    bad[1]["type"] = "rich_text"
    with pytest.raises(DefinitionError, match="unknown type 'rich_text'"):
        load_definition_data(with_items(bad))


def test_it_refuses_a_count_that_points_at_nothing():
    bad = copy.deepcopy(items())
    bad.append({"key": "kensu", "label": "（　）件", "type": "integer", "counts": "absent"})
    with pytest.raises(DefinitionError, match="counts 'absent'"):
        load_definition_data(with_items(bad))


def test_it_refuses_missing_top_level_fields():
    raw = definition()
    del raw["form_label"]
    with pytest.raises(DefinitionError, match="'form_label' is required"):
        load_definition_data(raw)


def test_it_refuses_a_file_that_is_not_yaml(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(DefinitionError, match="not valid YAML"):
        load_definition_file(path)


def test_it_refuses_a_file_that_is_not_a_mapping(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(DefinitionError, match="must be a mapping"):
        load_definition_file(path)


def test_it_refuses_a_hostile_yaml_tag(tmp_path):
    path = tmp_path / "hostile.yaml"
    path.write_text("!!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    with pytest.raises(DefinitionError):
        load_definition_file(path)
