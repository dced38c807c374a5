"""The diff of two resolved documents, on hand-built form versions."""

import copy

from pia.formdef.document import build_document
from pia.formdef.loader import load_definition_data
from pia.versions.diff import ADDED, CHANGED, REMOVED, diff

DEFINITION = load_definition_data(
    {
        "id": "diff-test",
        "kind": "test",
        "kind_label": "試験評価書",
        "title": "試験",
        "edition": "令和７年1月",
        "yoshiki": "様式９",
        "form_label": "[試験]",
        "choice_lists": {"jubun": {"choices": ["十分である", "課題が残されている"]}},
        "sections": [
            {
                "key": "kihon",
                "label": "Ⅰ　基本情報",
                "items": [
                    {
                        "key": "jimu",
                        "label": "１．事務",
                        "type": "group",
                        "items": [
                            {"key": "meisho", "label": "①事務の名称", "type": "text"},
                            {
                                "key": "jubun",
                                "label": "②対策は十分か　※",
                                "type": "single_choice",
                                "choices": "jubun",
                                "significant": True,
                            },
                        ],
                    },
                    {
                        "key": "teikyosaki",
                        "label": "提供先",
                        "type": "repeat",
                        "entry_label": "提供先{n}",
                        "max": 20,
                        "items": [
                            {"key": "name", "label": "提供先{n}（提供先名）", "type": "text"},
                            {"key": "konkyo", "label": "①法令上の根拠", "type": "multiline_text"},
                        ],
                    },
                ],
            }
        ],
    }
)

BASE = {
    "kihon": {
        "jimu": {"meisho": "予防接種事務", "jubun": "十分である"},
        "teikyosaki": [
            {"_id": "a", "name": "都道府県知事", "konkyo": "番号法第19条第8号"},
            {"_id": "b", "name": "市町村長", "konkyo": "番号法第19条第8号"},
            {"_id": "c", "name": "厚生労働大臣", "konkyo": "予防接種法"},
        ],
    }
}


def document(values):
    return build_document(DEFINITION, values, {})


def changed(**edits):
    values = copy.deepcopy(BASE)
    for path, value in edits.items():
        target = values["kihon"]
        *parents, leaf = path.split("__")
        for key in parents:
            target = target[key]
        target[leaf] = value
    return values


def test_identical_versions_have_no_changes():
    assert diff(document(BASE), document(copy.deepcopy(BASE))) == []


def test_a_text_edit_is_shown_at_character_level_with_its_printed_path():
    changes = diff(document(BASE), document(changed(jimu__meisho="新型予防接種事務")))
    assert [(c.kind, c.printed_path) for c in changes] == [(CHANGED, "Ⅰ基本情報 １．事務 ①事務の名称")]
    assert changes[0].segments == [("insert", "新型"), ("equal", "予防接種事務")]
    assert changes[0].before == "予防接種事務" and changes[0].after == "新型予防接種事務"


def test_a_choice_change_carries_the_significance_mark():
    (change,) = diff(document(BASE), document(changed(jimu__jubun="課題が残されている")))
    assert change.significant
    assert (change.before, change.after) == ("［十分である］", "［課題が残されている］")


def test_removing_the_first_entry_does_not_change_the_later_ones():
    values = copy.deepcopy(BASE)
    del values["kihon"]["teikyosaki"][0]
    changes = diff(document(BASE), document(values))
    assert [(c.kind, c.printed_path) for c in changes] == [(REMOVED, "Ⅰ基本情報 提供先１")]
    assert "都道府県知事" in changes[0].before


def test_an_added_entry_is_one_change_with_its_whole_text():
    values = copy.deepcopy(BASE)
    values["kihon"]["teikyosaki"].append({"_id": "d", "name": "医療保険者", "konkyo": "健康保険法"})
    changes = diff(document(BASE), document(values))
    assert [(c.kind, c.printed_path) for c in changes] == [(ADDED, "Ⅰ基本情報 提供先４")]
    assert changes[0].after == "提供先４（提供先名）\n　医療保険者\n①法令上の根拠\n　健康保険法"


def test_reordering_entries_changes_nothing():
    values = copy.deepcopy(BASE)
    values["kihon"]["teikyosaki"].reverse()
    assert diff(document(BASE), document(values)) == []


def test_changes_come_in_document_order_with_removals_where_they_were():
    values = copy.deepcopy(BASE)
    values["kihon"]["jimu"]["meisho"] = "事務（改）"
    del values["kihon"]["teikyosaki"][1]
    values["kihon"]["teikyosaki"][1]["konkyo"] = "予防接種法第5条"
    changes = diff(document(BASE), document(values))
    assert [(c.kind, c.path) for c in changes] == [
        (CHANGED, "kihon.jimu.meisho"),
        (REMOVED, "kihon.teikyosaki[2]"),
        (CHANGED, "kihon.teikyosaki[2].konkyo"),
    ]


def test_registry_changes_appear_through_the_resolved_documents():
    linked = load_definition_data(
        {
            "id": "linked",
            "kind": "test",
            "kind_label": "試験",
            "title": "試験",
            "edition": "1",
            "yoshiki": "9",
            "form_label": "[試験]",
            "sections": [
                {
                    "key": "kihon",
                    "label": "Ⅰ　基本情報",
                    "items": [
                        {
                            "key": "busho",
                            "label": "１．担当部署",
                            "type": "group",
                            "source": {"model": "department", "fields": {"name": "name"}},
                            "items": [{"key": "name", "label": "①部署", "type": "text"}],
                        }
                    ],
                }
            ],
        }
    )
    values = {"kihon": {"busho": {"_ref": 1, "name": None}}}
    before = build_document(linked, values, {}, resolver=lambda model, pk, at: ("課", {"name": "保健医療課"}))
    after = build_document(linked, values, {}, resolver=lambda model, pk, at: ("課", {"name": "健康推進課"}))
    (change,) = diff(before, after)
    assert (change.printed_path, change.before, change.after) == (
        "Ⅰ基本情報 １．担当部署 ①部署",
        "保健医療課",
        "健康推進課",
    )
