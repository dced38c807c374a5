"""An edition mapping moves an older form's answers to a newer form's items, and lets the diff compare
versions made on the two forms: renamed, split and merged items show only their real changes.

The pair of forms is the mini form (tests/pia/formdef/mini.yaml, the "new" edition) and an older
edition of it written here, in which ①事務の名称 was called 「名称」 (namae), the 事務の内容 was
printed in two parts, the 委託事項 name was 「件名」 (kenmei) and an item 「備考」 was later dropped.
"""

from __future__ import annotations

import copy

import pytest
import yaml

from pia.formdef.document import build_document
from pia.formdef.loader import get_definition, load_definition_data
from pia.formdef.mappings import MappingError, load_mapping, mapping_between, shipped_mappings
from pia.versions.diff import content_changes
from tests.pia.formdef import MINI_PATH, mini, mini_values

META = {"identifier": "shiken/jimu", "title": "試験事務 試験評価書", "organization": "試験市長"}


def old_mini():
    raw = yaml.safe_load(MINI_PATH.read_text(encoding="utf-8"))
    raw.update(id="mini-old", edition="令和６年1月", form_label="[令和６年1月　様式９]")
    kihon = next(s for s in raw["sections"] if s["key"] == "kihon")
    jimu = next(i for i in kihon["items"] if i["key"] == "jimu")
    jimu["items"] = [
        {"key": "namae", "label": "①名称", "type": "text"},
        {"key": "naiyo_a", "label": "②事務の内容（前段）", "type": "multiline_text"},
        {"key": "naiyo_b", "label": "③事務の内容（後段）", "type": "multiline_text"},
        {**next(i for i in jimu["items"] if i["key"] == "jubun"), "label": "④リスクへの対策は十分か　※"},
    ]
    kihon["items"].append({"key": "biko", "label": "４．備考", "type": "multiline_text"})
    itaku = next(s for s in raw["sections"] if s["key"] == "itaku")
    jiko = next(i for i in itaku["items"] if i["key"] == "jiko")
    next(i for i in jiko["items"] if i["key"] == "title")["key"] = "kenmei"
    return load_definition_data(raw, "mini-old")


MAPPING = {
    "from": "mini-old",
    "to": "mini-test",
    "renamed": {"kihon.jimu.namae": "kihon.jimu.meisho", "itaku.jiko.kenmei": "itaku.jiko.title"},
    "merged": {"kihon.jimu.naiyo": ["kihon.jimu.naiyo_a", "kihon.jimu.naiyo_b"]},
    "removed": ["kihon.biko"],
}


def old_values():
    """The mini form's sample answers as the older edition held them."""
    values = mini_values()
    jimu = values["kihon"]["jimu"]
    first, second = jimu.pop("naiyo").split("\n")
    jimu.update(namae=jimu.pop("meisho"), naiyo_a=first, naiyo_b=second)
    values["kihon"]["biko"] = "旧様式だけの備考"
    for entry in values["itaku"]["jiko"]:
        entry["kenmei"] = entry.pop("title")
    return values


def mapping(raw=MAPPING):
    return load_mapping(copy.deepcopy(raw), old_mini(), mini(), "mini-old--mini-test.yaml")


def test_moving_the_answers_puts_each_on_its_new_item():
    moved = mapping().translate_values(old_values())

    expected = mini_values()
    assert moved["kihon"]["jimu"] == expected["kihon"]["jimu"]
    assert moved["itaku"]["jiko"] == expected["itaku"]["jiko"]  # inside every 委託事項 entry, ids kept
    assert "biko" not in moved["kihon"]
    assert moved == expected


def test_the_old_answers_are_left_untouched():
    values = old_values()
    mapping().translate_values(values)

    assert values == old_values()


def documents(old_changes=None, new_changes=None):
    old = old_values()
    new = mini_values()
    for change in old_changes or ():
        change(old)
    for change in new_changes or ():
        change(new)
    return build_document(old_mini(), old, META), build_document(mini(), new, META)


def test_the_diff_across_editions_shows_no_change_for_the_same_answers(monkeypatch):
    monkeypatch.setattr("pia.formdef.mappings.shipped_mappings", lambda: {("mini-old", "mini-test"): mapping()})
    monkeypatch.setattr("pia.formdef.editions.get_definition", _with_minis)
    old, new = documents()

    changes = content_changes(old, new)

    # Only the dropped 備考 is a change; the renamed, merged and moved-in-entry answers are not.
    assert [(c.kind, c.key) for c in changes] == [("removed", "kihon.biko")]


def test_the_diff_across_editions_shows_a_real_change_on_the_new_item(monkeypatch):
    monkeypatch.setattr("pia.formdef.mappings.shipped_mappings", lambda: {("mini-old", "mini-test"): mapping()})
    monkeypatch.setattr("pia.formdef.editions.get_definition", _with_minis)

    def rename_first_task(values):
        values["itaku"]["jiko"][0]["title"] = "台帳システムの運用保守及び改修"

    old, new = documents(new_changes=[rename_first_task])
    changes = [c for c in content_changes(old, new) if c.key != "kihon.biko"]

    assert [(c.kind, c.key, c.before, c.after) for c in changes] == [
        ("changed", "itaku.jiko[#j1].title", "台帳システムの運用保守", "台帳システムの運用保守及び改修")
    ]


def test_without_the_mapping_the_same_answers_look_changed():
    old, new = documents()

    keys = {c.key for c in content_changes(old, new)}

    assert "kihon.jimu.namae" in keys and "kihon.jimu.meisho" in keys


def _with_minis(definition_id):
    return {"mini-old": old_mini(), "mini-test": mini()}.get(definition_id) or get_definition(definition_id)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m["renamed"].update({"kihon.jimu.nowhere": "kihon.jimu.meisho"}), "'kihon.jimu.nowhere' is not"),
        (lambda m: m.pop("removed"), "mini-old's 'kihon.biko' is neither in mini-test nor named"),
        (lambda m: m["renamed"].pop("kihon.jimu.namae"), "'kihon.jimu.namae' is neither"),
        (lambda m: m["renamed"].update({"kihon.jimu.namae": "itaku.jiko.naiyo"}), "out of its repeat entry"),
        (lambda m: m["renamed"].update({"kihon.jimu.namae": "itaku.kensu"}), "(changes the item's type|named twice)"),
        (lambda m: m.update(merged={"kihon.jimu.jubun": ["kihon.jimu.naiyo_a", "kihon.jimu.naiyo_b"]}), "not a text"),
        (lambda m: m.update({"from": "mini-other"}), "expected mini-old → mini-test"),
        (lambda m: m.update(colour="red"), r"unknown keys \['colour'\]"),
        (lambda m: m.update(added="itaku"), "'added' must be a list"),
        (lambda m: m.update(renamed=["kihon.jimu.namae"]), "'renamed' must map item paths"),
    ],
)
def test_a_malformed_mapping_is_refused_naming_the_problem(change, message):
    raw = copy.deepcopy(MAPPING)
    change(raw)

    with pytest.raises(MappingError, match=message):
        mapping(raw)


def test_the_shipped_mappings_load_and_join_the_kiso_editions():
    assert set(shipped_mappings()) == {("kiso-h26-04", "kiso-r06-10")}
    heisei_26 = mapping_between("kiso-h26-04", "kiso-r06-10")
    assert heisei_26 is not None and heisei_26.added == ("taisaku",)
    # Editions differing only by their tag need none; the 平成29年 edition prints the current form.
    assert mapping_between("kiso-h29-05", "kiso-r06-10") is None
    assert mapping_between("kiso-h26-04", "kiso-h29-05") is heisei_26


def test_a_split_item_moves_its_answer_to_the_first_new_item():
    backwards = load_mapping(
        {
            "from": "mini-test",
            "to": "mini-old",
            "renamed": {"kihon.jimu.meisho": "kihon.jimu.namae", "itaku.jiko.title": "itaku.jiko.kenmei"},
            "split": {"kihon.jimu.naiyo": ["kihon.jimu.naiyo_a", "kihon.jimu.naiyo_b"]},
            "added": ["kihon.biko"],
        },
        mini(),
        old_mini(),
    )

    moved = backwards.translate_values(mini_values())

    jimu = moved["kihon"]["jimu"]
    assert jimu["naiyo_a"] == "接種記録を管理する。\n接種券を発行する。"
    assert "naiyo_b" not in jimu and "naiyo" not in jimu
    assert jimu["namae"] == "予防接種事務"
    assert backwards.slot_key("itaku.jiko[#j2].title") == "itaku.jiko[#j2].kenmei"
