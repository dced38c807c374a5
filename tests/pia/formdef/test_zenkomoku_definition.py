"""The 全項目評価書 [令和６年10月　様式４] definition loads and prints what published 全項目評価書 print.

Every label asserted below is quoted from a public copy of a published 全項目評価書 or of the PPC's
material, cited where it is used (the same S1–S9 as the definition's header):

- S1 福島県「住民基本台帳ネットワークシステムに係る本人確認情報の管理及び提供等に関する事務 全項目評価書（案）」
     [平成26年4月 様式4], https://expydoc.com/doc/7532474/
- S2 相模原市「住民基本台帳事務 全項目評価書（素案）」[平成26年4月 様式4], https://expydoc.com/doc/7187636/
- S3 船橋市「住民基本台帳に関する事務 全項目評価書（素案）」[平成26年4月 様式4], https://expydoc.com/doc/7194589/
- S4 栃木県 全項目評価書 [平成30年5月 様式4] (pdfslide.tips copy)
- S5 法務省 全項目評価書, 公表日 令和4年5月25日, https://www.moj.go.jp/content/001423302.pdf
- S6 全項目評価書 記載要領 (https://123deta.com/document/lzgx3x2q-format-zenkoumoku-point.html)
- S7 http://www.nihombashi-sr.com/mynumber-guideline-14 (quoting the 指針の解説)
- S8 大田区「特定個人情報保護評価実施方針」, https://expydoc.com/doc/7522491/ (quoting 指針 第5の3, 規則 第7条)
- S9 a 平成30年 全項目評価書 (https://123deta.com/document/q7w3x2vz-…), a garbled extraction

Labels that no source confirms are marked ⚠️ in the definition; the tests check only their shape
(types, numbering runs, repeats), and that each is listed in docs/unconfirmed-labels-zenkomoku.md.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from controls.threshold import ASSESSMENT_KINDS, KIND_REQUIRED, Required
from exports.artifact_data import PublishedData
from exports.xml.document import publication_xml, read_publication_xml
from pia.formdef.document import build_document, iter_nodes, path_label
from pia.formdef.loader import SHIPPED_DEFINITIONS_DIR, get_definition
from pia.formdef.schema import Item, ItemType, Role
from pia.formdef.values import empty_values
from tests.reference import reference_schema

ROOT = Path(__file__).resolve().parents[3]
DEFINITION_ID = "zenkomoku-r06-10"
DEFINITION_FILE = SHIPPED_DEFINITIONS_DIR / f"{DEFINITION_ID}.yaml"
UNCONFIRMED_DOC = ROOT / "docs" / "unconfirmed-labels-zenkomoku.md"


def definition():
    return get_definition(DEFINITION_ID)


def same_text(a: str, b: str) -> bool:
    """Equal as printed: PDF extractions turn full-width forms half-width and add or drop spaces."""

    def norm(text: str) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

    return norm(a) == norm(b)


def items_of(section_key: str) -> dict[str, Item]:
    return {item.path: item for section, item in definition().walk() if section.key == section_key}


def test_it_loads_by_its_id_as_the_kind_the_threshold_rules_call_zenkomoku():
    loaded = definition()
    assert loaded.id == DEFINITION_ID
    assert loaded.kind in ASSESSMENT_KINDS
    assert KIND_REQUIRED[loaded.kind] is Required.ZENKOMOKU
    # S1, S2, S3 print the cover title; S4 prints the edition tag as [平成30年5月 様式4],
    # the 重点 seed as [令和６年10月　様式３].
    assert same_text(loaded.title, "特定個人情報保護評価書(全項目評価書)")
    assert loaded.kind_label == "全項目評価書"
    assert (loaded.edition, loaded.yoshiki, loaded.form_label) == ("令和６年10月", "様式４", "[令和６年10月　様式４]")


# The 項目一覧 as S2 (相模原市) prints it; S1 (福島県) and S3 (船橋市) print the same nine lines.
PRINTED_TABLE_OF_CONTENTS = [
    "Ⅰ 基本情報",
    "(別添1) 事務の内容",
    "Ⅱ 特定個人情報ファイルの概要",
    "(別添2) 特定個人情報ファイル記録項目",
    "Ⅲ 特定個人情報ファイルの取扱いプロセスにおけるリスク対策",
    "Ⅳ その他のリスク対策",
    "Ⅴ 開示請求、問合せ",
    "Ⅵ 評価実施手続",
    "(別添3) 変更箇所",
]


def test_its_table_of_contents_is_the_printed_list_of_sections():
    toc = definition().table_of_contents
    assert len(toc) == len(PRINTED_TABLE_OF_CONTENTS)
    for ours, printed in zip(toc, PRINTED_TABLE_OF_CONTENTS, strict=True):
        assert same_text(ours, printed), (ours, printed)


def test_the_sections_come_in_the_order_of_that_list_with_their_printed_numbers():
    sections = definition().sections
    assert sections[0].role is Role.COVER
    body = sections[1:]
    assert [s.number for s in body] == ["Ⅰ", "（別添１）", "Ⅱ", "（別添２）", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "（別添３）"]
    for section, printed in zip(body, PRINTED_TABLE_OF_CONTENTS, strict=True):
        # A heading may carry its ※ note (Ⅲ, Ⅳ), which the 項目一覧 does not print.
        assert same_text(path_label(section.label), printed), section.label
    assert [s.key for s in body if s.annex] == [body[-1].key]


# The cover's rows in the order S1 prints them (評価書番号, 評価書名, 宣言, 特記事項, 評価実施機関名,
# 承認日, 公表日); S4 and S5 spell the approval row 「個人情報保護委員会 承認日 【行政機関等のみ】」
# (S1–S3, of 2014, still name the 特定個人情報保護委員会).
PRINTED_COVER = [
    "評価書番号",
    "評価書名",
    "個人のプライバシー等の権利利益の保護の宣言",
    "特記事項",
    "評価実施機関名",
    "個人情報保護委員会 承認日 【行政機関等のみ】",
    "公表日",
]


def test_the_cover_prints_the_rows_of_published_assessments():
    cover = definition().cover_section
    assert cover is not None
    printed = [item for item in cover.items if item.type is not ItemType.CONSTANT]
    assert len(printed) == len(PRINTED_COVER)
    for item, label in zip(printed, PRINTED_COVER, strict=True):
        assert same_text(item.label, label), (item.label, label)
    constant = next(item for item in cover.items if item.type is ItemType.CONSTANT)
    assert constant.value == "[令和６年10月　様式４]"


def test_the_cover_roles_find_the_publication_date_and_the_approval_date_is_a_date_of_its_own():
    loaded = definition()
    section, publication = loaded.item_with_role(Role.PUBLICATION_DATE)
    assert section.role is Role.COVER and publication.type is ItemType.DATE
    assert same_text(publication.label, "公表日")  # S1–S5
    approval = next(item for item in section.items if "承認日" in item.label)
    # 行政機関等 only (S4, S5): a 地方公共団体's 全項目 leaves it blank, so it is never required.
    assert approval.type is ItemType.DATE and approval.optional
    for role, label in [
        (Role.EVALUATION_NUMBER, "評価書番号"),
        (Role.TITLE, "評価書名"),
        (Role.ORGANIZATION_NAME, "評価実施機関名"),
    ]:
        assert loaded.item_with_role(role)[1].label == label  # S1–S5


def test_section_one_prints_its_eight_numbered_items_beginning_with_the_affair():
    kihon = definition().section("kihon")
    assert [item.number for item in kihon.items] == ["１．", "２．", "３．", "４．", "５．", "６．", "７．", "８．"]
    jimu = kihon.items[0]
    # S1, S2, S3: 「1.特定個人情報ファイルを取り扱う事務 ①事務の名称」.
    assert same_text(jimu.label, "1.特定個人情報ファイルを取り扱う事務")
    assert same_text(jimu.items[0].label, "①事務の名称")
    # S9 (garbled): 「務 称 …」 then 「務 容 ※」 — ②事務の内容 carries the ※ mark.
    assert path_label(jimu.items[1].label) == "②事務の内容" and jimu.items[1].significant
    # S6 (記載要領): 「「Ⅰ8.他の評価実施機関」に取りまとめ以外の全ての評価実施機関の名称を記載」.
    assert same_text(kihon.items[7].label, "8.他の評価実施機関")
    assert kihon.items[7].optional


def test_the_serious_incident_item_is_number_9_of_risk_1_of_process_7_and_no_significant_change():
    # S7 (指針の解説): 「全項目評価書 様式 Ⅲ7リスク1「⑨個人情報に関する重大事故の発生」」.
    risk = definition().section("risk")
    hokan = next(item for item in risk.items if item.number == "７．")
    risk1 = next(item for item in hokan.items if item.number == "リスク１")
    incident = next(item for item in risk1.items if item.number == "⑨")
    assert "個人情報に関する重大事故" in incident.label
    assert incident.choice_list.choices == ("発生あり", "発生なし")
    assert not incident.significant
    followers = [item for item in risk1.items if item.parent_label == "⑨"]
    assert [item.label for item in followers] == ["その内容", "再発防止策の内容"]
    assert not any(item.significant for item in followers)
    assert all(item.required_when == (incident.key, "発生あり") for item in followers)


def test_the_risk_section_is_significant_except_the_serious_incident_item_it_names():
    risk = definition().section("risk")
    assert risk.significant and "※（７．リスク１⑨を除く。）" in risk.label
    not_significant = [item.path for item in items_of("risk").values() if not item.significant]
    assert not_significant == [
        "risk.hokan.risk1.jutai_jiko",
        "risk.hokan.risk1.jutai_jiko_naiyo",
        "risk.hokan.risk1.saihatsu_boshi",
    ]


def _adequacy(group: Item) -> Item:
    return group.items[-1]


def test_each_process_has_numbered_risks_each_with_its_measures_and_adequacy():
    risk = definition().section("risk")
    processes = [item for item in risk.items if item.type is ItemType.GROUP]
    # S2's 項目一覧 names Ⅲ; the processes are numbered ２．～７． after １．特定個人情報ファイル名.
    assert [item.number for item in risk.items] == ["１．", "２．", "３．", "４．", "５．", "６．", "７．"]
    for process in processes:
        risks = [item for item in process.items if item.number.startswith("リスク")]
        if process.number == "４．":
            assert risks == []  # 委託: one heading of five risks, then the measures (no リスク numbers)
            risks = [item for item in process.items if item.type is ItemType.GROUP]
        assert risks, process.label
        numbers = [item.number for item in risks if item.number]
        assert numbers == [f"リスク{chr(ord('１') + n)}" for n in range(len(numbers))], process.label
        for group in risks:
            assert len(group.items) >= 2, group.label
            measures, adequacy = group.items[:-1], _adequacy(group)
            assert adequacy.label == "リスクへの対策は十分か"
            assert adequacy.choice_list.choices == ("特に力を入れている", "十分である", "課題が残されている")
            assert any(item.type is ItemType.MULTILINE for item in measures), group.label
        # Each process closes with its その他のリスク及びそのリスクに対する措置, optional as in the 重点.
        closing = process.items[-1]
        assert closing.label.endswith("その他のリスク及びそのリスクに対する措置") and closing.optional


def test_the_public_comment_items_record_a_method_a_period_a_reason_opinions_and_their_reflection():
    iken = definition().item("tetsuzuki.iken")
    # The 全項目 requires it (規則 第7条, S8); the 重点 marks it 【任意】.
    assert iken.number == "２．" and not iken.optional
    method, period, reason, opinions, reflection = iken.items
    assert [item.number for item in iken.items] == ["①", "②", "③", "④", "⑤"]
    assert method.type is ItemType.MULTILINE
    # ②実施日・期間: a period of two dates, so that its length can be checked against 30 days (指針 第5の3, S8).
    assert period.type is ItemType.GROUP
    assert [child.type for child in period.items] == [ItemType.DATE, ItemType.DATE]
    assert not any(child.optional for child in period.items)
    # ③ the 特段の理由 that S8 requires the 全項目評価書 to state when the period is shortened.
    assert "特段の理由" in reason.label and reason.type is ItemType.MULTILINE and reason.optional
    assert opinions.type is ItemType.MULTILINE and reflection.type is ItemType.MULTILINE


def test_the_third_party_review_records_its_date_method_and_result():
    daisansha = definition().item("tetsuzuki.daisansha")
    assert daisansha.number == "３．" and "第三者点検" in daisansha.label  # 規則 第7条 (S8)
    assert not daisansha.optional
    assert [(item.number, item.type) for item in daisansha.items] == [
        ("①", ItemType.DATE),
        ("②", ItemType.MULTILINE),
        ("③", ItemType.MULTILINE),
    ]


def test_the_committee_approval_is_for_national_bodies_only():
    shonin = definition().item("tetsuzuki.shonin")
    assert shonin.number == "４．" and "【行政機関等のみ】" in shonin.label
    assert shonin.optional and all(item.optional for item in shonin.items)
    assert [item.type for item in shonin.items] == [ItemType.DATE, ItemType.MULTILINE]


def test_the_threshold_result_states_each_kind_and_the_subject_bands_reach_300000_and_more():
    kiso = definition().item("tetsuzuki.kiso")
    assert [item.type for item in kiso.items] == [ItemType.DATE, ItemType.SINGLE_CHOICE]
    result = kiso.items[1].choice_list
    assert result.states[0] == "zenkomoku" and set(result.states) <= ASSESSMENT_KINDS
    assert kiso.items[1].claim == "threshold_result"
    bands = definition().item("kihon.jimu.taisho_ninzu")
    assert bands.claim == "subject_band"
    # The 指針 第5の2 table (jp-pia-domain.md §2.a): 30万人以上 always requires the 全項目.
    assert bands.choice_list.ranges[-1] == (300000, None)
    assert len(bands.choice_list.choices) == 5  # S9 shows five bands


def test_the_change_annex_is_annex_3_with_the_columns_of_the_seeds_annex_2():
    annex = next(section for section in definition().sections if section.annex)
    assert annex.number == "（別添３）" and same_text(annex.label, "(別添3) 変更箇所")  # S1–S3's 項目一覧
    seed_annex = next(s for s in reference_schema()["sections"] if s.get("type") == "table")
    assert [column.label for column in annex.columns] == [field["label_ja"] for field in seed_annex["row_fields"]]


def test_the_per_file_sections_repeat_for_every_file():
    repeating = {s.key: s for s in definition().sections if s.repeats}
    assert [s.number for s in repeating.values()] == ["Ⅱ", "（別添２）", "Ⅲ"]
    for section in repeating.values():
        assert section.entry_label == "特定個人情報ファイル{n}" and section.max == 20
    assert not definition().section("betten1").repeats  # 事務の内容 is once per affair


def test_it_links_the_same_registry_records_as_the_juten_form_for_the_same_facts():
    juten = get_definition("juten-r06-10")
    same_facts = [
        ("kihon.systems", "kihon.systems"),
        ("kihon.tanto_busho", "kihon.tanto_busho"),
        ("files.itaku.jiko", "files.itaku.jiko"),
        ("files.teikyo_iten.teikyosaki", "files.teikyo_iten.teikyosaki"),
        ("files.teikyo_iten.itensaki", "files.teikyo_iten.itensaki"),
        ("kaiji.seikyu", "kaiji.seikyu"),
        ("kaiji.toiawase", "kaiji.toiawase"),
    ]
    for ours, theirs in same_facts:
        assert definition().item(ours).source == juten.item(theirs).source, ours
    assert definition().section("files").source == juten.section("files").source
    assert definition().section("betten2").source == juten.section("betten1").source  # 記録項目
    assert definition().section("risk").source == juten.section("risk").source


def test_the_choice_lists_it_shares_with_the_juten_form_are_the_same():
    juten = get_definition("juten-r06-10").choice_lists
    shared = set(juten) & set(definition().choice_lists)
    assert {"jubun_ka", "jubun_ni_okonatte_iru", "ninzu_6band", "honnin_su", "jutai_jiko"} <= shared
    for key in shared:
        assert definition().choice_lists[key] == juten[key], key


def test_the_walkers_build_its_document_and_round_trip_it_through_the_xml():
    loaded = definition()
    meta = {"identifier": "t/z", "title": "試験", "organization": "試験市長"}
    document = build_document(loaded, empty_values(loaded), meta)
    paths = {node["path"]: node["printed_path"] for node in iter_nodes(document)}
    assert paths["tetsuzuki.iken.tanshuku_riyu"].startswith("Ⅵ　評価実施手続 ２．国民・住民等からの意見の聴取")
    assert "risk[1].hokan.risk1.jutai_jiko" in paths
    data = PublishedData(document=document, annex=(), version=None, content_hash="0" * 64, kohyo_bi=None)
    assert read_publication_xml(publication_xml(data)).document["sections"] == document["sections"]


_UNCONFIRMED = re.compile(r"^\s*(?:-\s+)?(?:(?:label|entry_label|numbering):\s*|-\s*)?(.*?)\s+# ⚠️ unconfirmed: ")


def test_every_unconfirmed_label_is_listed_for_the_readme():
    listed = UNCONFIRMED_DOC.read_text(encoding="utf-8")
    marked = [
        match.group(1).strip("'")
        for line in DEFINITION_FILE.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#") and (match := _UNCONFIRMED.match(line))
    ]
    assert len(marked) > 100  # most of the form: the sources print little beyond its first pages
    missing = sorted({label for label in marked if f"「{label}」" not in listed})
    assert missing == []
