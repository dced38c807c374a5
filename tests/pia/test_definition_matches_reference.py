"""The 重点項目評価書 definition holds every item of the reference schema, exactly as printed."""

from pia.formdef.loader import get_definition
from pia.formdef.schema import ItemType
from tests.reference import reference_schema

TYPE_NAMES = {"repeat_group": ItemType.REPEAT}


def _reference_items(fields, parent_path, inherited):
    for field in fields:
        path = f"{parent_path}.{field['key']}"
        significant = field.get("significant_change", inherited)
        yield path, field, bool(significant)
        yield from _reference_items(field.get("fields", ()), path, significant)


def reference_items():
    for section in reference_schema()["sections"]:
        if section.get("type") == "table":
            continue
        yield from _reference_items(section["fields"], section["key"], section.get("significant_change", False))


DEFINITION = get_definition("juten-r06-10")


def definition_items():
    return {item.path: item for _section, item in DEFINITION.walk()}


def test_it_has_every_reference_item_and_nothing_else():
    assert set(definition_items()) == {path for path, _f, _s in reference_items()}


def test_every_label_is_exactly_as_printed():
    ours = definition_items()
    for path, field, _significant in reference_items():
        item = ours[path]
        if field["type"] == "repeat_group" and "item_label_ja" not in field:
            assert item.entry_label == field["label_ja"], path
        else:
            assert item.label == field["label_ja"], path
            if "item_label_ja" in field:
                assert item.entry_label == field["item_label_ja"], path


def test_every_item_has_the_reference_type():
    ours = definition_items()
    for path, field, _significant in reference_items():
        expected = TYPE_NAMES[field["type"]] if field["type"] in TYPE_NAMES else ItemType(field["type"])
        assert ours[path].type == expected, path


def test_every_choice_list_is_exactly_the_reference_list():
    ours = definition_items()
    lists = reference_schema()["choice_lists"]
    for path, field, _significant in reference_items():
        if "choices_ref" in field:
            assert ours[path].choice_list.choices == tuple(lists[field["choices_ref"]]["choices"]), path


def test_every_check_list_has_the_reference_boxes_in_printed_order():
    ours = definition_items()
    lists = reference_schema()["check_lists"]
    for path, field, _significant in reference_items():
        if "check_list_ref" not in field:
            continue
        spec = lists[field["check_list_ref"]]
        groups = spec.get("groups") or [{"label_ja": None, "items": spec["items"]}]
        expected = [
            (g["label_ja"], i["key"], i["label_ja"], bool(i.get("with_text")), bool(i.get("with_count")))
            for g in groups
            for i in g["items"]
        ]
        check_list = ours[path].checks
        actual = [
            (group.label, c.key, c.label, c.with_text, c.with_count) for group in check_list.groups for c in group.items
        ]
        assert actual == expected, path


def test_repeat_groups_have_the_reference_limits_and_printed_grouping():
    ours = definition_items()
    for path, field, _significant in reference_items():
        if field["type"] == "repeat_group":
            repeat = field["repeat"]
            item = ours[path]
            assert (item.min, item.max) == (repeat.get("min", 0), repeat["max"]), path
            assert item.display_groups == tuple(repeat["display_groups"]), path


def test_significant_change_targets_match_the_reference():
    ours = definition_items()
    for path, _field, significant in reference_items():
        assert ours[path].significant is significant, path


def test_all_of_section_three_is_significant_except_item_seven_two():
    risk_items = [item for section, item in DEFINITION.walk() if section.key == "risk"]
    not_significant = {item.path for item in risk_items if not item.significant}
    assert not_significant == {
        "risk.hokan.risk.jutai_jiko",
        "risk.hokan.risk.jutai_jiko_naiyo",
        "risk.hokan.risk.saihatsu_boshi",
    }


def test_the_cover_carries_the_number_and_name_every_published_assessment_has():
    cover = DEFINITION.section("cover")
    labels = [item.label for item in cover.items]
    assert labels[:2] == ["評価書番号", "評価書名"]
    assert DEFINITION.form_label == "[令和６年10月　様式３]"
    assert DEFINITION.title == "特定個人情報保護評価書（重点項目評価書）"


def test_sections_are_in_the_printed_order_of_the_table_of_contents():
    labels = [s.label for s in DEFINITION.sections if s.key != "cover"]
    reference = reference_schema()["form"]["table_of_contents_in_seed"]
    assert [label.replace(" ", "").replace("　", "") for label in labels[:3]] == [
        r.replace(" ", "").replace("　", "") for r in reference[:3]
    ]
    assert [s.key for s in DEFINITION.sections] == [
        "cover",
        "kihon",
        "files",
        "betten1",
        "risk",
        "kaiji",
        "tetsuzuki",
        "betten2",
    ]


def test_item_numbers_are_parsed_from_the_printed_labels():
    ours = definition_items()
    assert ours["files.itaku.jiko.saiitaku.umu"].number == "④"
    assert ours["risk.sonota_taisaku"].number == "１０．"
    assert ours["risk.shiyo.risk2"].number == "リスク２"
    assert ours["kihon.systems"].label_for(3) == "システム３"
