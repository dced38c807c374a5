"""Helpers of the portfolio tests: a 基礎項目評価書 whose しきい値判断 states a given result."""

from __future__ import annotations

from typing import Any

from controls.threshold import KIND_REQUIRED, Required
from pia.formdef.schema import FormDefinition, Role
from pia.formdef.values import Values
from pia.models import KisoAssessmentPage
from tests.factories.pia import sample_values


def set_at(values: Values, path: str, value: Any) -> None:
    """Set the value of an item printed once, at its key path ``section.group.item``."""
    *keys, last = path.split(".")
    node: Any = values
    for key in keys:
        node = node.setdefault(key, {})
    node[last] = value


def _choice_in_range(definition: FormDefinition, role: Role, count: int) -> str:
    choices = definition.item_with_role(role)[1].choice_list
    for label, (low, high) in zip(choices.choices, choices.ranges, strict=True):
        if count >= low and (high is None or count < high):
            return label
    raise AssertionError(count)


def kiso_values(
    *, affair: str, title: str, number: str, subjects: int, handlers: int, result: Required, organization_name: str
) -> Values:
    """Values of a 基礎項目評価書 answering Ⅱ with the counts given and stating *result* in Ⅲ."""
    definition = KisoAssessmentPage.definition_of_class()
    values = sample_values(
        definition, title=title, affair=affair, organization_name=organization_name, evaluation_number=number
    )
    answers = {
        Role.THRESHOLD_SUBJECTS: _choice_in_range(definition, Role.THRESHOLD_SUBJECTS, subjects),
        Role.THRESHOLD_HANDLERS: _choice_in_range(definition, Role.THRESHOLD_HANDLERS, handlers),
        Role.THRESHOLD_INCIDENT: _choice_in_range(definition, Role.THRESHOLD_INCIDENT, 0),
    }
    for role, label in answers.items():
        set_at(values, definition.item_with_role(role)[1].path, label)
    result_item = definition.item_with_role(Role.THRESHOLD_RESULT)[1]
    choices = result_item.choice_list
    stated = next(c for c, s in zip(choices.choices, choices.states, strict=True) if KIND_REQUIRED[s] is result)
    set_at(values, result_item.path, stated)
    return values
