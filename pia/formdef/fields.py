"""A StreamField whose blocks come from a form definition and are kept out of migrations.

Wagtail serializes a StreamField's whole block tree into every migration, so a label,
help text or choice edited in a definition (YAML) would need an ``AlterField``. The
database column is the same JSON whatever the blocks are, so this field tells the
migration framework only that it is a StreamField: its blocks are built at start-up
from the definition the page class is declared with.
"""

from __future__ import annotations

from typing import Any

from wagtail.fields import StreamField


class DefinitionStreamField(StreamField):
    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, _path, _args, kwargs = super().deconstruct()
        # Only what changes the column goes into migrations: no blocks, counts or labels.
        for key in (
            "block_lookup",
            "block_counts",
            "verbose_name",
            "help_text",
            "min_num",
            "max_num",
            "use_json_field",
        ):
            kwargs.pop(key, None)
        return name, "pia.formdef.fields.DefinitionStreamField", [[]], kwargs
