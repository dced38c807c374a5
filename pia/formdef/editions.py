"""Editions of a form: each publication prints the edition in force on its 公表日.

The PPC revises the forms from time to time ([平成26年4月　様式２], [平成29年5月　様式２],
[令和６年10月　様式３] …). An older edition is a definition of its own, declared with
``extends: <newer id>`` and ``in_force_from`` when only its identity (edition, form label) is known
to differ; it shares the newer one's sections, so the same page class holds both and the diff
compares them item by item. A definition with sections of its own would need an edition mapping.
"""

from __future__ import annotations

import copy
import datetime as dt

from pia.formdef.loader import all_definitions, get_definition
from pia.formdef.schema import FormDefinition
from pia.formdef.types import ResolvedDocument


def structure_of(definition_id: str) -> str:
    """The definition whose sections *definition_id* holds (itself unless it extends another)."""
    seen = definition_id
    definition = get_definition(definition_id)
    while definition.extends:
        definition = get_definition(definition.extends)
        seen = definition.id
    return seen


def editions_of(definition_id: str) -> list[FormDefinition]:
    """Every edition sharing *definition_id*'s sections, oldest first (undated last)."""
    root = structure_of(definition_id)
    found = [d for d in all_definitions().values() if structure_of(d.id) == root]
    return sorted(found, key=lambda d: (d.in_force_from is None, d.in_force_from or dt.date.min, d.id))


def edition_in_force(definition_id: str, day: dt.date) -> FormDefinition:
    """The edition of *definition_id*'s form in force on *day* (the definition itself when none is dated)."""
    dated = [d for d in editions_of(definition_id) if d.in_force_from is not None and d.in_force_from <= day]
    return dated[-1] if dated else get_definition(definition_id)


def on_edition(document: ResolvedDocument, edition: FormDefinition) -> ResolvedDocument:
    """*document* as printed on *edition* (same sections): its form identity replaced."""
    if structure_of(document["definition"]["id"]) != structure_of(edition.id):
        raise ValueError(f"{edition.id} does not share the sections of {document['definition']['id']}")
    stamped = copy.copy(document)
    stamped["definition"] = {
        **document["definition"],
        "id": edition.id,
        "edition": edition.edition,
        "yoshiki": edition.yoshiki,
        "form_label": edition.form_label,
    }
    return stamped
