"""A page class declares its fields from the sections' outline, read without loading the definition.

Start-up reads only each section's key and label (pia.formdef.loader.section_outline); the
definition and the fields' blocks load on first use. Both must describe the same sections.
"""

from __future__ import annotations

import pytest

from pia.formdef.blocks import section_field_name
from pia.formdef.loader import all_definitions, get_definition, section_outline
from pia.models.pages import ASSESSMENT_PAGE_CLASSES


@pytest.mark.parametrize("definition_id", sorted(all_definitions()))
def test_the_outline_names_the_definitions_editable_sections(definition_id):
    definition = get_definition(definition_id)
    assert section_outline(definition_id) == tuple((s.key, s.label) for s in definition.editable_sections)


@pytest.mark.parametrize("definition_id", sorted(ASSESSMENT_PAGE_CLASSES))
def test_each_page_field_holds_the_blocks_of_its_section(definition_id):
    page_class = ASSESSMENT_PAGE_CLASSES[definition_id]
    for section in get_definition(definition_id).editable_sections:
        field = page_class._meta.get_field(section_field_name(section))
        assert field.verbose_name == section.label
        assert list(field.stream_block.child_blocks) == [section.key]
        counts = {section.key: {"min_num": section.min, "max_num": section.max}}
        assert field.stream_block.meta.block_counts == counts
        assert field.stream_block.meta.required is False
