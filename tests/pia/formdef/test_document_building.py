"""The resolved document: every item of the definition in printed order, with its printed path and text."""

from pia.formdef.document import build_document, iter_nodes, iter_sibling_lists
from tests.pia.formdef import mini, mini_values

META = {"identifier": "shiken/jimu", "title": "試験事務 試験評価書", "organization": "試験市長"}


def document(values=None):
    return build_document(mini(), values or mini_values(), META)


def nodes(values=None):
    return {node["path"]: node for node in iter_nodes(document(values))}


def test_it_carries_the_definition_and_the_assessment():
    built = document()
    assert built["definition"]["form_label"] == "[令和７年1月　様式９]"
    assert built["definition"]["table_of_contents"][0] == "Ⅰ　基本情報"
    assert built["assessment"] == META
    assert [section["key"] for section in built["sections"]] == ["cover", "kihon", "itaku", "betten2"]


def test_items_come_in_document_order_with_entries_numbered():
    assert [node["path"] for node in iter_nodes(document())] == [
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
        "kihon.systems[1].meisho",
        "kihon.systems[2].meisho",
        "itaku.umu",
        "itaku.kensu",
        "itaku.jiko",
        "itaku.jiko[1].title",
        "itaku.jiko[1].naiyo",
        "itaku.jiko[2].title",
        "itaku.jiko[2].naiyo",
    ]


def test_printed_paths_read_as_the_change_annex_prints_them():
    found = nodes()
    assert (
        found["kihon.jimu.jubun"]["printed_path"]
        == "Ⅰ　基本情報 １．特定個人情報ファイルを取り扱う事務 ③リスクへの対策は十分か"
    )
    systems_2 = "Ⅰ　基本情報 ３．使用するシステム システム２ ①システムの名称"
    assert found["kihon.systems[2].meisho"]["printed_path"] == systems_2
    assert found["itaku.jiko[2].title"]["label"] == "委託事項２（件名）"
    assert found["itaku.jiko[2].naiyo"]["printed_path"] == "Ⅱ　特定個人情報ファイルの取扱いの委託 委託事項２ ①委託内容"


def test_values_print_as_the_form_writes_them():
    found = nodes()
    assert found["cover.kohyo_bi"]["text"] == "令和7年6月30日"
    assert found["kihon.jimu.jubun"]["text"] == "［十分である］"
    assert found["kihon.jimu.jubun"]["choice_index"] == 2
    assert found["kihon.jimu.jubun"]["choices"] == ["特に力を入れている", "十分である", "課題が残されている"]
    assert found["kihon.nyushu_hoho"]["text"] == "［〇］紙\n［〇］その他（医療機関からの報告）"
    assert found["itaku.kensu"]["text"] == "2"
    assert found["kihon.jimu.naiyo"]["text"] == "接種記録を管理する。\n接種券を発行する。"


def test_significance_and_the_annex_flag_come_from_the_definition():
    found = nodes()
    assert found["kihon.jimu.jubun"]["significant"] is True
    assert found["kihon.jimu.meisho"]["significant"] is False
    assert found["cover.kohyo_bi"]["in_annex"] is False
    assert "in_annex" not in found["cover.mei"]


def test_an_empty_form_is_every_item_with_nothing_printed():
    from pia.formdef.values import empty_values

    found = nodes(empty_values(mini()))
    assert found["kihon.jimu.meisho"]["text"] == ""
    assert found["kihon.jimu.jubun"]["choice_index"] is None
    assert found["kihon.systems"]["entries"] == []
    assert found["kihon.systems"]["min"] == 1 and found["kihon.systems"]["max"] == 3


def test_sibling_lists_include_each_group_and_each_entry():
    lists = [[node["key"] for node in siblings] for siblings in iter_sibling_lists(document())]
    assert ["umu", "kensu", "jiko"] in lists
    assert lists.count(["title", "naiyo"]) == 2
    assert ["meisho", "naiyo", "jubun"] in lists
