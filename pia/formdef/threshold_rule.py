"""The しきい値判断 a form states about itself: its printed result must follow from its own answers.

The 基礎項目評価書 answers 対象人数, 取扱者数 and 重大事故 (Ⅱ) and prints the result (Ⅲ). Its
definition names these items by role (``threshold_subjects``, ``threshold_handlers``,
``threshold_incident``, ``threshold_result``); their choice lists give each answer's count band
(``ranges``) and the assessment each result states (``states``). The result the law requires is
``controls.threshold.required_assessment``, so nothing here knows a form key or a printed label.

A contradiction is a warning in the editor and refuses the submission for approval.
"""

from __future__ import annotations

from typing import Any

from controls.threshold import KIND_REQUIRED, Required, required_assessment
from pia.formdef.document import iter_nodes, path_label
from pia.formdef.schema import THRESHOLD_ANSWER_ROLES, ChoiceList, FormDefinition, Item, Role
from pia.formdef.types import ItemNode, ResolvedDocument
from pia.formdef.validation import Finding

_ROLES = (*THRESHOLD_ANSWER_ROLES, Role.THRESHOLD_RESULT)


def _role_items(definition: FormDefinition) -> dict[Role, Item] | None:
    """The items of the しきい値判断 by role, or None when the form states none."""
    try:
        return {role: definition.item_with_role(role)[1] for role in _ROLES}
    except KeyError:
        return None


def _band(choices: ChoiceList, value: Any) -> tuple[int, int]:
    """The lowest and the highest count an answer allows (an open band: its lower bound stands for it)."""
    low, high = choices.ranges[choices.choices.index(value)]
    return low, (high - 1 if high is not None else low)


def required_range(definition: FormDefinition, answers: dict[Role, Any]) -> tuple[Required, Required] | None:
    """The results the answers allow, lightest and heaviest (the same when the bands follow the law's
    thresholds, as the forms' bands do); None while an answer is missing."""
    items = _role_items(definition)
    if items is None:
        return None
    bands = []
    for role in THRESHOLD_ANSWER_ROLES:
        choices = items[role].choice_list
        if answers.get(role) not in choices.choices:
            return None
        bands.append(_band(choices, answers[role]))
    (subjects_low, subjects_high), (handlers_low, handlers_high), (incidents_low, incidents_high) = bands
    # required_assessment grows with every input, so the corners of the bands bound it.
    return (
        required_assessment(subjects_low, handlers_low, incidents_low >= 1),
        required_assessment(subjects_high, handlers_high, incidents_high >= 1),
    )


def _stated(choices: ChoiceList, value: Any) -> Required | None:
    if value not in choices.choices:
        return None
    return KIND_REQUIRED[choices.states[choices.choices.index(value)]]


def threshold_contradictions(definition: FormDefinition, document: ResolvedDocument) -> list[Finding]:
    """The printed result, when it is not the one the printed answers require (nothing while one is unanswered)."""
    items = _role_items(definition)
    if items is None:
        return []
    # The roles belong to items printed once (not inside a repeat), so their path is the item's own.
    nodes: dict[str, ItemNode] = {node["path"]: node for node in iter_nodes(document)}
    found = {role: nodes[item.path] for role, item in items.items() if item.path in nodes}
    if len(found) < len(items):
        return []
    result, answers = found[Role.THRESHOLD_RESULT], [found[role] for role in THRESHOLD_ANSWER_ROLES]
    allowed = required_range(definition, {role: found[role].get("value") for role in THRESHOLD_ANSWER_ROLES})
    result_choices = items[Role.THRESHOLD_RESULT].choice_list
    stated = _stated(result_choices, result.get("value"))
    if allowed is None or stated is None or allowed[0] <= stated <= allowed[1]:
        return []
    expected = [
        choice
        for choice, state in zip(result_choices.choices, result_choices.states, strict=True)
        if allowed[0] <= KIND_REQUIRED[state] <= allowed[1]
    ]
    answers_section = next(s for s, i in definition.walk() if i.role is Role.THRESHOLD_SUBJECTS)
    answered = "".join(node.get("text") or "" for node in answers)
    expected_text = "」または「".join(expected) or allowed[0].label
    return [
        Finding(
            result["path"],
            result["printed_path"],
            f"{path_label(answers_section.label)}の回答{answered}からは「{expected_text}」となりますが、"
            f"「{result.get('value')}」と記載されています。",
        )
    ]
