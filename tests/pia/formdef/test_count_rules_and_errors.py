"""A count that disagrees with what it counts is a warning; a value the form cannot hold is an error."""

from pia.formdef.document import build_document
from pia.formdef.validation import consistency_warnings, errors
from registry.jp.mynumber import MY_NUMBER_MESSAGE
from tests.pia.formdef import mini, mini_values


def document(values):
    return build_document(mini(), values, {})


def warnings(values):
    return [str(finding) for finding in consistency_warnings(document(values), mini().count_rules)]


def error_messages(values):
    return [(finding.path, finding.message) for finding in errors(document(values))]


def test_a_count_that_agrees_warns_of_nothing():
    assert warnings(mini_values()) == []
    assert error_messages(mini_values()) == []


def test_a_count_that_disagrees_names_the_item_the_stated_and_the_actual_number():
    values = mini_values()
    values["itaku"]["kensu"] = 3
    assert warnings(values) == [
        "Ⅱ　特定個人情報ファイルの取扱いの委託 （　）件：（3）件と記載されていますが、委託事項は2件です。"
    ]


def test_removing_an_entry_makes_the_unchanged_count_disagree():
    values = mini_values()
    del values["itaku"]["jiko"][1]
    (warning,) = warnings(values)
    assert warning.endswith("（2）件と記載されていますが、委託事項は1件です。")


def test_an_empty_count_is_not_checked():
    values = mini_values()
    values["itaku"]["kensu"] = None
    assert warnings(values) == []


def test_a_choice_outside_the_printed_list_is_an_error():
    values = mini_values()
    values["kihon"]["jimu"]["jubun"] = "まあまあである"
    assert error_messages(values) == [("kihon.jimu.jubun", "「まあまあである」は選択肢にありません。")]


def test_more_entries_than_the_form_allows_is_an_error():
    values = mini_values()
    values["kihon"]["systems"] = [{"_id": f"s{n}", "meisho": f"システム{n}"} for n in range(4)]
    assert error_messages(values) == [("kihon.systems", "3件を超えて記載することはできません（4件）。")]


def test_a_date_that_does_not_exist_is_an_error():
    values = mini_values()
    values["cover"]["kohyo_bi"] = "2025-02-30"
    assert error_messages(values) == [("cover.kohyo_bi", "存在する日付を入力してください。")]


def test_a_my_number_in_a_text_or_a_check_lists_text_is_an_error():
    values = mini_values()
    values["kihon"]["jimu"]["naiyo"] = "対象者 1234 5678 9018 の記録"
    values["kihon"]["nyushu_hoho"]["sonota"]["text"] = "１２３４５６７８９０１８"
    assert error_messages(values) == [
        ("kihon.jimu.naiyo", MY_NUMBER_MESSAGE),
        ("kihon.nyushu_hoho", MY_NUMBER_MESSAGE),
    ]
