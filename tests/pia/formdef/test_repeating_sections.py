"""A section may repeat like a repeat item (Ⅱ, Ⅲ once per file): its entry label and bounds are data."""

import copy

import pytest
import yaml

from pia.formdef.blocks import section_stream_field
from pia.formdef.document import build_document, iter_nodes, printed_entries
from pia.formdef.imports import values_from_document
from pia.formdef.loader import DefinitionError, get_definition, load_definition_data
from pia.formdef.values import empty_values, section_stream_from_values, section_values_from_stream
from tests.pia.formdef import MINI_PATH, mini_values

META = {"identifier": "shiken/jimu", "title": "試験事務 試験評価書", "organization": "試験市長"}
REPEAT = {"entry_label": "委託先{n}", "min": 1, "max": 3}


def raw_mini():
    return yaml.safe_load(MINI_PATH.read_text(encoding="utf-8"))


def with_repeating_itaku(repeat=REPEAT):
    raw = raw_mini()
    next(s for s in raw["sections"] if s["key"] == "itaku")["repeat"] = repeat
    return load_definition_data(raw, "mini-repeating")


def two_itaku_entries():
    values = mini_values()
    first = values["itaku"] | {"_id": "e1"}
    second = copy.deepcopy(first) | {"_id": "e2", "umu": "委託しない", "kensu": 0, "jiko": []}
    values["itaku"] = [first, second]
    return values


def test_the_definition_says_how_a_section_repeats():
    definition = with_repeating_itaku()
    itaku = definition.section("itaku")
    assert itaku.repeats and (itaku.min, itaku.max) == (1, 3)
    assert itaku.label_for(2) == "委託先２"
    assert not definition.section("kihon").repeats


@pytest.mark.parametrize(
    "repeat, message",
    [
        ({"entry_label": "委託先", "min": 1, "max": 3}, "must contain {n}"),
        ({"entry_label": "委託先{n}", "min": 4, "max": 3}, "0 <= min <= max"),
        ({"entry_label": "委託先{n}", "min": 1, "max": "many"}, "0 <= min <= max"),
        ("yes", "must be a mapping"),
    ],
)
def test_a_malformed_repeat_is_refused_with_the_section_named(repeat, message):
    with pytest.raises(DefinitionError, match=message) as raised:
        with_repeating_itaku(repeat)
    assert "itaku" in str(raised.value)


def test_each_entry_is_printed_under_its_own_label():
    document = build_document(with_repeating_itaku(), two_itaku_entries(), META)
    nodes = {node["path"]: node for node in iter_nodes(document)}
    assert nodes["itaku[2].umu"]["printed_path"] == "Ⅱ　特定個人情報ファイルの取扱いの委託 委託先２ １．委託の有無"
    assert nodes["itaku[1].jiko[2].naiyo"]["printed_path"] == (
        "Ⅱ　特定個人情報ファイルの取扱いの委託 委託先１ 委託事項２ ①委託内容"
    )
    itaku = next(s for s in document["sections"] if s["key"] == "itaku")
    assert [entry["id"] for entry in itaku["files"]] == ["e1", "e2"]


def test_a_single_entry_prints_without_an_entry_heading():
    values = two_itaku_entries()
    values["itaku"] = values["itaku"][:1]
    document = build_document(with_repeating_itaku(), values, META)
    nodes = {node["path"]: node for node in iter_nodes(document)}
    assert nodes["itaku[1].umu"]["printed_path"] == "Ⅱ　特定個人情報ファイルの取扱いの委託 １．委託の有無"


def test_entries_survive_the_editor_stream_and_start_at_the_minimum():
    definition = with_repeating_itaku()
    itaku = definition.section("itaku")
    values = two_itaku_entries()["itaku"]
    back = section_values_from_stream(itaku, section_stream_from_values(itaku, values))
    assert [entry["_id"] for entry in back] == ["e1", "e2"]
    assert [entry["umu"] for entry in back] == ["委託する", "委託しない"]
    assert len(empty_values(definition)["itaku"]) == 1
    assert section_stream_field(itaku).stream_block.meta.block_counts == {"itaku": {"min_num": 1, "max_num": 3}}


def test_an_exported_document_imports_back_entry_by_entry():
    definition = with_repeating_itaku()
    document = build_document(definition, two_itaku_entries(), META)
    values = values_from_document(definition, document, keep_link=lambda model, ref: True)
    assert [(entry["_id"], entry["umu"]) for entry in values["itaku"]] == [("e1", "委託する"), ("e2", "委託しない")]
    assert values["kihon"]["jimu"]["meisho"] == "予防接種事務"


def test_the_real_form_heads_each_file_with_the_definitions_entry_label():
    definition = get_definition("juten-r06-10")
    values = empty_values(definition)
    for key in ("files", "risk"):
        first = values[key][0]
        values[key] = [first | {"_id": f"{key}-1"}, copy.deepcopy(first) | {"_id": f"{key}-2"}]
    document = build_document(definition, values, META)
    files = next(s for s in document["sections"] if s["key"] == "files")
    assert [heading for heading, _items in printed_entries(document, files)] == [
        "特定個人情報ファイル１",
        "特定個人情報ファイル２",
    ]
    cover = next(s for s in document["sections"] if s["key"] == "cover")
    assert [heading for heading, _items in printed_entries(document, cover)] == [None]
