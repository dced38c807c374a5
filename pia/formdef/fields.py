"""A StreamField whose blocks come from a form definition and are kept out of migrations.

Wagtail serializes a StreamField's whole block tree into every migration, so a label,
help text or choice edited in a definition (YAML) would need an ``AlterField``. The
database column is the same JSON whatever the blocks are, so this field tells the
migration framework only that it is a StreamField. Its blocks are built on first use from
the definition the page class is declared with (``build_blocks``), not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.db import models
from wagtail.blocks import StreamBlock
from wagtail.blocks.base import BlockWidget
from wagtail.fields import StreamField


class DefinitionStreamField(StreamField):
    def __init__(
        self, block_types: Any = (), *, build_blocks: Callable[[], StreamBlock] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(block_types, **kwargs)
        self.build_blocks = build_blocks

    @cached_property
    def stream_block(self) -> StreamBlock:
        if self.build_blocks is None:
            return super().stream_block
        block = self.build_blocks()
        block.set_meta_options(self.block_opts)
        return block

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        # Field's own, not StreamField's: that one builds the whole block tree to describe it.
        name, _path, _args, kwargs = models.Field.deconstruct(self)
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

    def formfield(self, **kwargs: Any) -> Any:
        # Wagtail builds the editor's form class, and so this field's widget, on every request, and the
        # widget serializes the whole block tree (hundreds of blocks) each time. A form copies its
        # widgets shallowly: one widget per field, its JSON built once, serves every request.
        kwargs.setdefault("widget", self._shared_widget)
        return super().formfield(**kwargs)

    @cached_property
    def _shared_widget(self) -> SharedBlockWidget:
        return SharedBlockWidget(self.stream_block)


class SharedBlockWidget(BlockWidget):
    """A BlockWidget whose block JSON, built on first render, is shared by every copy of it.

    A form copies its widgets shallowly (``Widget.__deepcopy__``), so the copies share ``_shared``.
    The JSON is built lazily: it names static files, which need the static files' manifest.
    """

    def __init__(self, block_def: Any, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(block_def, attrs=attrs)
        self._shared: dict[str, Any] = {}

    def _build_block_json(self) -> None:
        if "json" not in self._shared:
            super()._build_block_json()
            self._shared.update(context=self._js_context, json=self._block_json)  # type: ignore[has-type]
        self._js_context, self._block_json = self._shared["context"], self._shared["json"]
