"""The rules across a body's assessments (controls.portfolio): numbers, the 基礎, the kind required."""

from __future__ import annotations

from controls.portfolio import Entry, Rule, affair_key, portfolio_findings
from controls.threshold import Required

AFFAIR = "児童手当に関する事務"
OTHER_AFFAIR = "介護保険に関する事務"


def rules(*entries: Entry) -> list[Rule]:
    return [finding.rule for finding in portfolio_findings(entries)]


def test_a_kiso_and_the_juten_its_result_requires_sharing_one_number_pass():
    assert (
        rules(
            Entry(1, "kiso", AFFAIR, "3", Required.JUTEN),
            Entry(2, "juten", AFFAIR, "3", Required.JUTEN),
            Entry(3, "kiso", OTHER_AFFAIR, "4", Required.KISO),
        )
        == []
    )


def test_affairs_are_matched_after_nfkc_and_whitespace_normalisation():
    assert affair_key("児童手当に関する　事務 ") == affair_key("児童手当に関する事務")
    assert rules(Entry(1, "kiso", "児童手当に関する　事務", "３", Required.JUTEN), Entry(2, "juten", AFFAIR, "3")) == []


def test_a_missing_number_is_found():
    assert rules(Entry(1, "kiso", AFFAIR, " ", Required.KISO)) == [Rule.NUMBER_MISSING]


def test_two_affairs_with_the_same_number_are_found():
    findings = portfolio_findings([Entry(1, "kiso", AFFAIR, "5", Required.KISO), Entry(2, "kiso", OTHER_AFFAIR, "5")])
    assert [f.rule for f in findings] == [Rule.NUMBER_SHARED]
    assert set(findings[0].keys) == {1, 2}
    assert "「5」" in findings[0].message


def test_the_assessments_of_one_affair_printing_different_numbers_are_found():
    assert rules(Entry(1, "kiso", AFFAIR, "1", Required.JUTEN), Entry(2, "juten", AFFAIR, "2", Required.JUTEN)) == [
        Rule.NUMBER_DIFFERS
    ]


def test_a_juten_without_its_kiso_is_found():
    findings = portfolio_findings([Entry(2, "juten", AFFAIR, "1", Required.JUTEN)])
    assert [f.rule for f in findings] == [Rule.KISO_MISSING]
    assert "基礎項目評価書がありません" in findings[0].message


def test_the_heavier_kind_the_kiso_requires_must_be_held():
    findings = portfolio_findings([Entry(1, "kiso", AFFAIR, "1", Required.ZENKOMOKU)])
    assert [f.rule for f in findings] == [Rule.REQUIRED_KIND_MISSING]
    assert "全項目評価書がありません" in findings[0].message
    # A 全項目 where a 重点 is required is doing more than required: allowed.
    assert (
        rules(Entry(1, "kiso", AFFAIR, "1", Required.JUTEN), Entry(2, "zenkomoku", AFFAIR, "1", Required.JUTEN)) == []
    )
    # A 重点 where a 全項目 is required is not enough.
    assert Rule.REQUIRED_KIND_MISSING in rules(
        Entry(1, "kiso", AFFAIR, "1", Required.ZENKOMOKU), Entry(2, "juten", AFFAIR, "1", Required.ZENKOMOKU)
    )


def test_a_juten_stating_another_result_than_its_kiso_is_found():
    findings = portfolio_findings(
        [Entry(1, "kiso", AFFAIR, "1", Required.KISO), Entry(2, "juten", AFFAIR, "1", Required.JUTEN)]
    )
    assert [f.rule for f in findings] == [Rule.RESULT_DISAGREES]
    assert "基礎項目評価の実施が義務付けられる" in findings[0].message


def test_two_kiso_for_one_affair_are_found():
    assert rules(Entry(1, "kiso", AFFAIR, "1", Required.KISO), Entry(2, "kiso", AFFAIR, "1", Required.KISO)) == [
        Rule.KIND_TWICE
    ]
