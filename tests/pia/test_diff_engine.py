"""The diff of two resolved documents, on versions of the tiny test form and a form linked to the registry."""

import copy
import datetime as dt

from pia.formdef.document import build_document
from pia.formdef.loader import get_definition, load_definition_data
from pia.formdef.values import empty_values
from pia.versions.annex import propose_annex
from pia.versions.diff import ADDED, CHANGED, REMOVED, diff
from tests.pia.formdef import mini, mini_values

# The tiny test form (tests/pia/formdef/mini.yaml) with three 委託事項.
BASE = mini_values()
BASE["itaku"]["jiko"].append({"_id": "j3", "title": "予診票の入力", "naiyo": "予診票の入力"})
BASE["itaku"]["kensu"] = 3

JIMU = "Ⅰ　基本情報 １．特定個人情報ファイルを取り扱う事務"
ITAKU = "Ⅱ　特定個人情報ファイルの取扱いの委託"


def document(values):
    return build_document(mini(), values, {})


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
    assert [(c.kind, c.printed_path) for c in changes] == [(CHANGED, f"{JIMU} ①事務の名称")]
    assert changes[0].segments == [("insert", "新型"), ("equal", "予防接種事務")]
    assert changes[0].before == "予防接種事務" and changes[0].after == "新型予防接種事務"


def test_a_choice_change_carries_the_significance_mark():
    (change,) = diff(document(BASE), document(changed(jimu__jubun="課題が残されている")))
    assert change.significant
    assert (change.before, change.after) == ("［十分である］", "［課題が残されている］")


def test_removing_the_first_entry_does_not_change_the_later_ones():
    values = copy.deepcopy(BASE)
    del values["itaku"]["jiko"][0]
    changes = diff(document(BASE), document(values))
    assert [(c.kind, c.printed_path) for c in changes] == [(REMOVED, f"{ITAKU} 委託事項１")]
    assert "台帳システムの運用保守" in changes[0].before


def test_an_added_entry_is_one_change_with_its_whole_text():
    values = copy.deepcopy(BASE)
    values["itaku"]["jiko"].append({"_id": "j4", "title": "封入封緘", "naiyo": "封入及び発送"})
    changes = diff(document(BASE), document(values))
    assert [(c.kind, c.printed_path) for c in changes] == [(ADDED, f"{ITAKU} 委託事項４")]
    assert changes[0].after == "委託事項４（件名）\n　封入封緘\n①委託内容\n　封入及び発送"


def test_reordering_entries_changes_nothing():
    values = copy.deepcopy(BASE)
    values["itaku"]["jiko"].reverse()
    assert diff(document(BASE), document(values)) == []


def test_changes_come_in_document_order_with_removals_where_they_were():
    values = copy.deepcopy(BASE)
    values["kihon"]["jimu"]["meisho"] = "事務（改）"
    del values["itaku"]["jiko"][1]
    values["itaku"]["jiko"][1]["naiyo"] = "予診票の入力及び確認"
    changes = diff(document(BASE), document(values))
    assert [(c.kind, c.path) for c in changes] == [
        (CHANGED, "kihon.jimu.meisho"),
        (REMOVED, "itaku.jiko[2]"),
        (CHANGED, "itaku.jiko[2].naiyo"),
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
        "Ⅰ　基本情報 １．担当部署 ①部署",
        "保健医療課",
        "健康推進課",
    )


def test_an_entry_holding_a_significant_item_is_added_and_removed_as_a_significant_change_before_the_fact():
    # The 重点 form's 委託事項 holds ④再委託の有無　※: adding or removing one is 重要な変更 / 事前, as its
    # （　）件 row is; the entry's own heading carries no ※.
    definition = get_definition("juten-r06-10")
    before = empty_values(definition)
    itaku = before["files"][0]["itaku"]
    itaku.update(umu="委託する", kensu=1, jiko=[{"_id": "a", "title": "運用保守", "naiyo": "運用及び保守"}])
    after = copy.deepcopy(before)
    after["files"][0]["itaku"].update(kensu=1, jiko=[{"_id": "b", "title": "印刷", "naiyo": "接種券の印刷"}])
    rows = propose_annex(
        build_document(definition, before, {}), build_document(definition, after, {}), dt.date(2026, 12, 4)
    )
    added = [row for row in rows if row.henko_mae == "【追記】"]
    removed = [row for row in rows if row.henko_go == "削除"]
    assert [row.henko_go.splitlines()[1] for row in added] == ["\u3000印刷"]
    assert [row.henko_mae.splitlines()[1] for row in removed] == ["\u3000運用保守"]
    assert all(row.is_significant and row.teishutsu_jiki == "事前" for row in added + removed)
    assert added[0].komoku == "Ⅱ　特定個人情報ファイルの概要 ４．特定個人情報ファイルの取扱いの委託 委託事項１"
