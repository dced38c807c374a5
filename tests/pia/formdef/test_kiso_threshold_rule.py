"""A 基礎項目評価書 whose しきい値判断結果 (Ⅲ) contradicts its own answers (Ⅱ) is found out.

The expected results are the reference's table (jp-pia-domain.md §2.a, 指針 第5の2), written
out here: rows by 対象人数, columns by 取扱者数 ≥ 500 or a 重大事故 within the past year.
"""

from __future__ import annotations

import itertools

import pytest

from pia.formdef.document import build_document
from pia.formdef.loader import DefinitionError, get_definition, load_definition_data
from pia.formdef.schema import Role
from pia.formdef.threshold_rule import threshold_contradictions
from pia.formdef.values import empty_values

KISO = get_definition("kiso-r06-10")

ALL = "基礎項目評価及び全項目評価の実施が義務付けられる"
JUTEN = "基礎項目評価及び重点項目評価の実施が義務付けられる"
KISO_ONLY = "基礎項目評価の実施が義務付けられる"
NONE = "特定個人情報保護評価の実施が義務付けられない"

# The reference table: 対象人数 → (result when 取扱者数 < 500 and no 重大事故, result otherwise).
REFERENCE_TABLE = {
    "1,000人未満（任意実施）": (NONE, NONE),
    "1,000人以上1万人未満": (KISO_ONLY, KISO_ONLY),
    "1万人以上10万人未満": (KISO_ONLY, JUTEN),
    "10万人以上30万人未満": (JUTEN, ALL),
    "30万人以上": (ALL, ALL),
}
HANDLERS = ("500人未満", "500人以上")
INCIDENTS = ("発生なし", "発生あり")
RESULTS = (ALL, JUTEN, KISO_ONLY, NONE)


def document(subjects, handlers, incident, result):
    values = empty_values(KISO)
    values["shikiichi"]["taisho_ninzu"]["ninzu"] = subjects
    values["shikiichi"]["toriatsukai_shasu"]["ninzu"] = handlers
    values["shikiichi"]["jutai_jiko"]["hassei"] = incident
    values["kekka"]["shikiichi_kekka"] = result
    return build_document(KISO, values, {})


def required(subjects, handlers, incident):
    light, heavy = REFERENCE_TABLE[subjects]
    return heavy if handlers == "500人以上" or incident == "発生あり" else light


CASES = list(itertools.product(REFERENCE_TABLE, HANDLERS, INCIDENTS))


@pytest.mark.parametrize(("subjects", "handlers", "incident"), CASES)
def test_the_result_the_table_gives_is_consistent(subjects, handlers, incident):
    expected = required(subjects, handlers, incident)
    assert threshold_contradictions(KISO, document(subjects, handlers, incident, expected)) == []


@pytest.mark.parametrize(("subjects", "handlers", "incident"), CASES)
def test_every_other_result_is_a_contradiction_naming_the_result_required(subjects, handlers, incident):
    expected = required(subjects, handlers, incident)
    for stated in RESULTS:
        if stated == expected:
            continue
        (finding,) = threshold_contradictions(KISO, document(subjects, handlers, incident, stated))
        assert finding.path == "kekka.shikiichi_kekka"
        assert finding.printed_path == "Ⅲ　しきい値判断結果 しきい値判断結果"
        assert f"からは「{expected}」となりますが、「{stated}」と記載されています。" in finding.message
        assert f"［{subjects}］［{handlers}］［{incident}］" in finding.message


def test_it_names_the_answers_and_the_section_they_are_in():
    (finding,) = threshold_contradictions(KISO, document("1万人以上10万人未満", "500人以上", "発生なし", KISO_ONLY))
    assert str(finding) == (
        "Ⅲ　しきい値判断結果 しきい値判断結果："
        "Ⅱ　しきい値判断項目の回答［1万人以上10万人未満］［500人以上］［発生なし］"
        f"からは「{JUTEN}」となりますが、「{KISO_ONLY}」と記載されています。"
    )


@pytest.mark.parametrize("missing", range(4))
def test_an_unanswered_item_contradicts_nothing_yet(missing):
    answers = ["10万人以上30万人未満", "500人未満", "発生なし", NONE]
    answers[missing] = None
    assert threshold_contradictions(KISO, document(*answers)) == []


def test_a_form_that_states_no_threshold_judgment_has_nothing_to_contradict():
    juten = get_definition("juten-r06-10")
    assert threshold_contradictions(juten, build_document(juten, empty_values(juten), {})) == []


MINIMAL = {
    "id": "test-threshold",
    "kind": "kiso",
    "kind_label": "試験評価書",
    "title": "特定個人情報保護評価書（試験）",
    "edition": "令和７年1月",
    "yoshiki": "様式９",
    "form_label": "[令和７年1月　様式９]",
    "choice_lists": {
        "ninzu": {"choices": ["1,000人未満", "1,000人以上"], "ranges": [[0, 1000], [1000, None]]},
        "kekka": {"choices": ["義務付けられない", "基礎"], "states": ["none", "kiso"]},
        "plain": {"choices": ["はい", "いいえ"]},
    },
    "sections": [
        {
            "key": "shikiichi",
            "label": "Ⅰ　しきい値",
            "items": [
                {
                    "key": "a",
                    "label": "１．対象",
                    "type": "single_choice",
                    "choices": "ninzu",
                    "role": "threshold_subjects",
                },
                {
                    "key": "b",
                    "label": "２．取扱",
                    "type": "single_choice",
                    "choices": "ninzu",
                    "role": "threshold_handlers",
                },
                {
                    "key": "c",
                    "label": "３．事故",
                    "type": "single_choice",
                    "choices": "ninzu",
                    "role": "threshold_incident",
                },
                {
                    "key": "d",
                    "label": "４．結果",
                    "type": "single_choice",
                    "choices": "kekka",
                    "role": "threshold_result",
                },
            ],
        }
    ],
}


def with_item(index, **changes):
    raw = {**MINIMAL, "sections": [{**MINIMAL["sections"][0], "items": list(MINIMAL["sections"][0]["items"])}]}
    items = raw["sections"][0]["items"]
    items[index] = {**items[index], **changes}
    return raw


def test_the_loader_takes_the_four_roles_with_their_flags():
    assert load_definition_data(MINIMAL).item_with_role(Role.THRESHOLD_RESULT)[1].key == "d"


def test_the_loader_refuses_the_threshold_roles_incomplete():
    raw = with_item(2, role=None)
    with pytest.raises(DefinitionError, match="the しきい値判断 needs every one of"):
        load_definition_data(raw)


def test_the_loader_refuses_an_answer_without_count_bands_and_a_result_without_states():
    with pytest.raises(
        DefinitionError, match="role 'threshold_handlers' needs a single choice whose list gives 'ranges'"
    ):
        load_definition_data(with_item(1, choices="plain"))
    with pytest.raises(
        DefinitionError, match="role 'threshold_result' needs a single choice whose list gives 'states'"
    ):
        load_definition_data(with_item(3, choices="ninzu"))


def test_count_bands_may_be_printed_from_the_top_but_must_not_leave_gaps():
    raw = {**MINIMAL, "choice_lists": {**MINIMAL["choice_lists"]}}
    raw["choice_lists"]["ninzu"] = {"choices": ["1,000人以上", "1,000人未満"], "ranges": [[1000, None], [0, 1000]]}
    assert load_definition_data(raw).choice_lists["ninzu"].ranges == ((1000, None), (0, 1000))
    raw["choice_lists"]["ninzu"] = {"choices": ["1,000人以上", "500人未満"], "ranges": [[1000, None], [0, 500]]}
    with pytest.raises(DefinitionError, match="ranges must follow each other without gaps"):
        load_definition_data(raw)
