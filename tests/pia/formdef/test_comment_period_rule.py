"""The public comment period a form records (全項目 Ⅵ２②, by roles) lasts its ``min_days``, its first day
counted, or states why it is shorter; an end before its start is a finding too. The loader keeps the roles
together and required."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from pia.formdef.document import build_document
from pia.formdef.loader import DefinitionError, get_definition, load_definition_data
from pia.formdef.procedure_rule import period_days, procedure_findings
from pia.formdef.values import empty_values
from tests.factories.pia import set_by_path

START = "tetsuzuki.iken.kikan.kaishi_bi"
END = "tetsuzuki.iken.kikan.shuryo_bi"
REASON = "tetsuzuki.iken.tanshuku_riyu"

MINIMAL = {
    "id": "test-procedure",
    "kind": "zenkomoku",
    "kind_label": "試験評価書",
    "title": "特定個人情報保護評価書（試験）",
    "edition": "令和７年1月",
    "yoshiki": "様式９",
    "form_label": "[令和７年1月　様式９]",
    "sections": [
        {
            "key": "tetsuzuki",
            "label": "Ⅰ　手続",
            "items": [
                {"key": "start", "label": "①開始日", "type": "date", "role": "comment_period_start"},
                {"key": "end", "label": "②終了日", "type": "date", "role": "comment_period_end", "min_days": 30},
                {
                    "key": "reason",
                    "label": "③理由",
                    "type": "multiline_text",
                    "optional": True,
                    "role": "comment_period_reason",
                },
                {"key": "review", "label": "④第三者点検", "type": "date", "role": "third_party_review"},
            ],
        }
    ],
}


def findings(start, end, reason=None):
    definition = get_definition("zenkomoku-r06-10")
    values = empty_values(definition)
    for path, value in ((START, start), (END, end), (REASON, reason)):
        set_by_path(values, path, value)
    return procedure_findings(definition, build_document(definition, values, {}))


def with_item(index, **changes):
    raw = copy.deepcopy(MINIMAL)
    raw["sections"][0]["items"][index].update(changes)
    return raw


def test_a_period_counts_its_first_day():
    assert period_days(dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == 30
    assert period_days(dt.date(2026, 4, 1), dt.date(2026, 4, 1)) == 1


@pytest.mark.parametrize(("start", "end"), [("2026-04-01", "2026-04-30"), ("2026-01-05", "2026-03-31")])
def test_thirty_days_or_more_need_no_reason(start, end):
    assert findings(start, end) == []


def test_a_shorter_period_needs_its_reason_and_the_finding_points_at_it():
    (finding,) = findings("2026-04-01", "2026-04-29")
    assert finding.path == REASON
    assert finding.printed_path == "Ⅵ　評価実施手続 ２．国民・住民等からの意見の聴取 ③期間を短縮する特段の理由"
    assert "は29日で、30日に満たないため" in finding.message
    assert findings("2026-04-01", "2026-04-29", "法改正の施行に間に合わせるため。") == []


def test_an_end_before_the_start_is_a_finding_whatever_the_reason():
    (finding,) = findings("2026-04-30", "2026-04-01", "理由")
    assert finding.path == END
    assert finding.message == "終了日（令和8年4月1日）が開始日（令和8年4月30日）より前です。"


@pytest.mark.parametrize(("start", "end"), [(None, None), ("2026-04-01", None), (None, "2026-04-30")])
def test_a_period_not_yet_written_is_left_to_the_required_items_check(start, end):
    assert findings(start, end) == []


def test_a_form_without_the_roles_has_no_procedure_to_check():
    definition = get_definition("juten-r06-10")
    assert procedure_findings(definition, build_document(definition, empty_values(definition), {})) == []


def test_the_loader_takes_the_roles_with_the_shortest_period():
    definition = load_definition_data(MINIMAL)
    assert definition.item("tetsuzuki.end").min_days == 30


def test_the_loader_refuses_the_period_incomplete_optional_or_without_its_length():
    raw = copy.deepcopy(MINIMAL)
    del raw["sections"][0]["items"][2]["role"]
    with pytest.raises(DefinitionError, match="the comment period needs every one of"):
        load_definition_data(raw)
    with pytest.raises(DefinitionError, match="'third_party_review' is required at submission"):
        load_definition_data(with_item(3, optional=True))
    with pytest.raises(DefinitionError, match="states its shortest length"):
        load_definition_data(with_item(1, min_days=0))
    with pytest.raises(DefinitionError, match="'min_days' belongs to the comment period's end only"):
        load_definition_data(with_item(0, min_days=30))
    with pytest.raises(DefinitionError, match="needs a date item"):
        load_definition_data(with_item(3, type="text"))
