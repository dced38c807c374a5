"""The 基礎項目評価書 [令和６年10月　様式２] loads as a definition and holds the outline and lists of the reference.

The expected labels are transcribed from the research reference (jp-pia-domain.md §2.a and §5,
and the 記載要領 of 様式2 it cites), never read from our own output.
"""

from __future__ import annotations

from controls.threshold import ASSESSMENT_KINDS
from pia.formdef.loader import get_definition
from pia.formdef.schema import ItemType, Role
from pia.models import KisoAssessmentPage
from pia.models.pages import page_class_for

KISO = "kiso-r06-10"

# jp-pia-domain.md §5: Ⅰ 関連情報, items 1..8, in this order.
REFERENCE_KANREN = [
    "特定個人情報ファイルを取り扱う事務",
    "特定個人情報ファイル名",
    "個人番号の利用",
    "情報提供ネットワークシステムによる情報連携",
    "評価実施機関における担当部署",
    "他の評価実施機関",
    "特定個人情報の開示・訂正・利用停止請求",
    "特定個人情報ファイルの取扱いに関する問合せ",
]
# jp-pia-domain.md §2.a, 「Choice lists as printed in the forms」, 基礎項目評価書 Ⅱ and Ⅲ.
REFERENCE_SUBJECTS = [
    "1) 1,000人未満（任意実施）",
    "2) 1,000人以上1万人未満",
    "3) 1万人以上10万人未満",
    "4) 10万人以上30万人未満",
    "5) 30万人以上",
]
REFERENCE_HANDLERS = ["1) 500人以上", "2) 500人未満"]
REFERENCE_INCIDENT = ["1) 発生あり", "2) 発生なし"]
REFERENCE_RESULT = [
    "1) 基礎項目評価及び全項目評価の実施が義務付けられる",
    "2) 基礎項目評価及び重点項目評価の実施が義務付けられる",
    "3) 基礎項目評価の実施が義務付けられる",
    "4) 特定個人情報保護評価の実施が義務付けられない",
]


def kiso():
    return get_definition(KISO)


def printed_choices(item):
    return [item.choice_list.printed(n) for n in range(len(item.choice_list.choices))]


def test_it_is_the_kiso_kind_of_the_reiwa_6_october_edition():
    definition = kiso()
    assert definition.kind == "kiso"
    assert definition.kind in ASSESSMENT_KINDS
    assert definition.title == "特定個人情報保護評価書（基礎項目評価書）"
    assert (definition.edition, definition.yoshiki) == ("令和６年10月", "様式２")
    assert definition.form_label == "[令和６年10月　様式２]"


def test_its_page_class_is_registered_for_it():
    assert page_class_for(KISO) is KisoAssessmentPage
    assert KisoAssessmentPage.definition_of_class() is kiso()


def test_the_cover_holds_the_items_of_the_kiso_cover():
    # 記載要領 [平成29年5月 様式2]: 評価書番号, 評価書名, 宣言, 特記事項, 評価実施機関名, 公表日.
    cover = kiso().cover_section
    assert cover is not None
    assert [item.label for item in cover.items if item.type is not ItemType.CONSTANT] == [
        "評価書番号",
        "評価書名",
        "個人のプライバシー等の権利利益の保護の宣言",
        "特記事項",
        "評価実施機関名",
        "公表日",
    ]
    assert [item.value for item in cover.items if item.type is ItemType.CONSTANT] == ["[令和６年10月　様式２]"]
    for role in (Role.EVALUATION_NUMBER, Role.TITLE, Role.ORGANIZATION_NAME, Role.PUBLICATION_DATE):
        section, _item = kiso().item_with_role(role)
        assert section is cover


def test_the_sections_are_those_of_the_kiso_outline():
    labels = [section.label for section in kiso().sections]
    assert labels[1:4] == ["Ⅰ　関連情報", "Ⅱ　しきい値判断項目", "Ⅲ　しきい値判断結果"]
    annex = [section for section in kiso().sections if section.annex]
    assert len(annex) == 1 and annex[0].label.endswith("変更箇所")
    assert [column.label for column in annex[0].columns] == [
        "変更日",
        "項目",
        "変更前の記載",
        "変更後の記載",
        "提出時期",
        "提出時期に係る説明",
    ]
    assert list(kiso().table_of_contents) == [s.label for s in kiso().sections[1:]]


def test_related_information_numbers_the_eight_items_of_the_reference():
    section = kiso().section("kanren")
    numbered = [(item.number, item.label) for item in section.items]
    assert [number for number, _label in numbered] == ["１．", "２．", "３．", "４．", "５．", "６．", "７．", "８．"]
    for (number, label), expected in zip(numbered, REFERENCE_KANREN, strict=True):
        assert label.removeprefix(number).startswith(expected), label
    jimu = section.items[0]
    assert [item.label for item in jimu.items][0] == "①事務の名称"


def test_the_threshold_items_print_the_reference_questions_and_choices():
    definition = kiso()
    subjects = definition.item_with_role(Role.THRESHOLD_SUBJECTS)[1]
    handlers = definition.item_with_role(Role.THRESHOLD_HANDLERS)[1]
    incident = definition.item_with_role(Role.THRESHOLD_INCIDENT)[1]
    result = definition.item_with_role(Role.THRESHOLD_RESULT)[1]
    assert subjects.label == "評価対象の事務の対象人数は何人か"
    assert printed_choices(subjects) == REFERENCE_SUBJECTS
    assert printed_choices(handlers) == REFERENCE_HANDLERS
    assert printed_choices(incident) == REFERENCE_INCIDENT
    assert printed_choices(result) == REFERENCE_RESULT
    # Ⅱ1 and Ⅱ2 carry their own 計数時点 (記載要領): 「いつ時点の計数か」, a date.
    section = definition.section("shikiichi")
    for group in section.items[:2]:
        assert [(item.label, item.type) for item in group.items][1] == ("いつ時点の計数か", ItemType.DATE)
    assert [group.label for group in section.items] == ["１．対象人数", "２．取扱者数", "３．重大事故"]


def test_the_threshold_answers_carry_the_count_bands_of_the_guideline():
    definition = kiso()
    subjects = definition.item_with_role(Role.THRESHOLD_SUBJECTS)[1].choice_list
    handlers = definition.item_with_role(Role.THRESHOLD_HANDLERS)[1].choice_list
    result = definition.item_with_role(Role.THRESHOLD_RESULT)[1].choice_list
    # 指針 第5の2: 1,000 / 1万 / 10万 / 30万 subjects, 500 handlers.
    assert [low for low, _high in subjects.ranges] == [0, 1_000, 10_000, 100_000, 300_000]
    assert dict(zip(handlers.choices, handlers.ranges, strict=True)) == {
        "500人以上": (500, None),
        "500人未満": (0, 500),
    }
    assert result.states == ("zenkomoku", "juten", "kiso", "none")
