"""Editions of a form: each publication prints the edition in force on its 公表日.

The PPC revises the forms from time to time ([平成26年4月　様式２], [平成29年5月　様式２],
[令和６年10月　様式３] …). An older edition is a definition of its own, declared with
``extends: <newer id>`` and ``in_force_from``. When only its identity (edition, form label) is known
to differ, it shares the newer one's sections and the diff compares them item by item. When it lacks
sections the newer one added (``omit_sections``), its form differs: an assessment kept on it prints
it, and moves to the newer edition through an edition mapping (pia/formdef/mappings.py). Either way
the same page class holds every edition of a kind (the family, ``structure_of``).
"""

from __future__ import annotations

import copy
import datetime as dt

from pia.formdef.document import iter_nodes
from pia.formdef.loader import all_definitions, get_definition
from pia.formdef.schema import FormDefinition
from pia.formdef.types import ResolvedDocument


def structure_of(definition_id: str) -> str:
    """The newest definition of *definition_id*'s family (itself unless it extends another): its page class."""
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


def shape(definition: FormDefinition) -> tuple[str, ...]:
    """What an edition's form holds, as the paths of its sections and items: equal shapes print alike."""
    return (*(section.key for section in definition.sections), *(item.path for _section, item in definition.walk()))


def same_form(first_id: str, second_id: str) -> bool:
    """Whether two definitions hold the same sections and items (editions differing only by their tag)."""
    return first_id == second_id or shape(get_definition(first_id)) == shape(get_definition(second_id))


def _fits(document: ResolvedDocument, edition: FormDefinition) -> bool:
    """Whether *document* can print on *edition*: every section it fills is one the edition has."""
    kept = {section.key for section in edition.sections}
    dropped = [section for section in document["sections"] if section["key"] not in kept]
    return not any(node.get("text") for node in iter_nodes({**document, "sections": dropped}))


def printed_edition(document: ResolvedDocument, day: dt.date) -> FormDefinition:
    """The edition a publication on *day* prints: the one in force then, when the document fits its form
    (a past version recorded today prints its own day's edition); else the document's own (an
    assessment kept on an older form prints it until it is moved to the newer one, 様式の改版に移行)."""
    own = document["definition"]["id"]
    in_force = edition_in_force(own, day)
    if same_form(in_force.id, own):
        return in_force
    narrower = set(shape(in_force)) <= set(shape(get_definition(own)))
    return in_force if narrower and _fits(document, in_force) else get_definition(own)


def current_edition(definition_id: str) -> FormDefinition:
    """The newest edition of *definition_id*'s family (the one new assessments are made on)."""
    return get_definition(structure_of(definition_id))


def on_edition(document: ResolvedDocument, edition: FormDefinition) -> ResolvedDocument:
    """*document* as printed on *edition* (same sections): its form identity replaced."""
    if structure_of(document["definition"]["id"]) != structure_of(edition.id) or not _fits(document, edition):
        raise ValueError(f"{document['definition']['id']} does not print on {edition.id}")
    stamped = copy.copy(document)
    kept = {section.key for section in edition.sections}
    stamped["sections"] = [section for section in document["sections"] if section["key"] in kept]
    stamped["definition"] = {
        **document["definition"],
        "id": edition.id,
        "edition": edition.edition,
        "yoshiki": edition.yoshiki,
        "form_label": edition.form_label,
    }
    return stamped
