"""Checks of the rules across the body's assessments (controls.portfolio): the assessment's place in its affair."""

from __future__ import annotations

from controls.checks.base import CheckContext, Verdict, check, failed, not_applicable, passed
from controls.portfolio import Rule, affair_key, kind_findings

# The rules of kind_findings an assessment fails when a finding names it: every one of them.
AFFAIR_RULES = frozenset({Rule.KISO_MISSING, Rule.REQUIRED_KIND_MISSING, Rule.RESULT_DISAGREES, Rule.KIND_TWICE})


@check("assessments_of_affair", "事務の評価書がそろい、しきい値判断結果が一致する（基礎項目評価書・求められる評価書）")
def assessments_of_affair(context: CheckContext) -> Verdict:
    portfolio = context.claims.get("portfolio")
    if not portfolio:
        return not_applicable("機関の評価書の一覧が渡されていません")
    key, entries = portfolio["key"], list(portfolio["entries"])
    own = next((entry for entry in entries if entry.key == key), None)
    affair = affair_key(own.affair) if own is not None else None
    findings = [finding for finding in kind_findings(entries) if finding.rule in AFFAIR_RULES and key in finding.keys]
    figures = {
        "affair_assessments": sum(1 for entry in entries if affair_key(entry.affair) == affair),
        "rules": [finding.rule.value for finding in findings],  # what each finding is about, in order
        "findings": [finding.message for finding in findings],
    }
    if findings:
        # Each message is a sentence ending in 「。」: joined, they read one after the other.
        return failed("".join(finding.message for finding in findings), **figures)
    return passed("事務の評価書はそろい、しきい値判断結果も一致しています", **figures)
