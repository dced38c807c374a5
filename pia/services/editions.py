"""様式の改版に移行: an assessment kept on an older edition of its form gets a draft on the current one.

The draft's values are the latest draft's, moved through the edition mapping (pia.formdef.mappings);
the published versions stay as they were published. The next publication prints the current edition,
and its change annex lists only the real changes: the diff reads the older version through the same
mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from pia.formdef.editions import current_edition, same_form
from pia.formdef.mappings import EditionMapping, mapping_between, mapping_file_name
from pia.formdef.schema import FormDefinition

if TYPE_CHECKING:
    from wagtail.models import Revision

    from pia.models import AssessmentPage

EDITION_MOVED = "pia.edition_moved"


class EditionMoveError(ValueError):
    """Why an assessment cannot be moved (in Japanese, for the person who asked)."""


@dataclass(frozen=True)
class EditionMove:
    """What moving an assessment would do: from which form to which, through which mapping."""

    source: FormDefinition
    target: FormDefinition
    mapping: EditionMapping | None  # None: the two editions hold the same items

    @property
    def added(self) -> list[str]:
        return self._labels(self.target, self.mapping.added if self.mapping else ())

    @property
    def removed(self) -> list[str]:
        return self._labels(self.source, self.mapping.removed if self.mapping else ())

    @property
    def renamed(self) -> list[tuple[str, str]]:
        if self.mapping is None:
            return []
        moves = self.mapping.moves
        return [(self._label(self.source, old), self._label(self.target, new)) for old, new in moves.items()]

    @staticmethod
    def _label(definition: FormDefinition, path: str) -> str:
        for section in definition.sections:
            if section.key == path:
                return section.label
        for _section, item in definition.walk():
            if item.path == path:
                return item.label
        return path

    def _labels(self, definition: FormDefinition, paths: tuple[str, ...]) -> list[str]:
        return [self._label(definition, path) for path in paths]


def planned_move(page: AssessmentPage) -> EditionMove:
    """What 様式の改版に移行 would do for *page*'s latest draft, or why it cannot (EditionMoveError)."""
    draft = page.latest_draft()
    source = draft.definition
    target = current_edition(source.id)
    if source.id == target.id:
        raise EditionMoveError(f"この評価書はすでに最新の様式 {target.form_label} で記載されています。")
    if same_form(source.id, target.id):
        return EditionMove(source, target, None)
    mapping = mapping_between(source.id, target.id)
    if mapping is None:
        raise EditionMoveError(
            f"{source.form_label} から {target.form_label} への項目の対応表がないため移行できません"
            f"（様式定義の {mapping_file_name(source.id, target.id)} を用意してください）。"
        )
    return EditionMove(source, target, mapping)


def needs_move(page: AssessmentPage) -> bool:
    """Whether *page*'s latest draft is on an older edition than its kind's current one."""
    draft = page.latest_draft()
    return draft.definition.id != current_edition(draft.definition.id).id


@transaction.atomic
def move_to_current_edition(page: AssessmentPage, *, user: Any) -> Revision:
    """Save a draft of *page* on its kind's current edition (its published versions are untouched)."""
    if getattr(page, "workflow_in_progress", False):
        raise EditionMoveError("承認の手続中の評価書は移行できません。手続が終わってから移行してください。")
    if page.locked and (user is None or page.locked_by_id != user.pk):
        raise EditionMoveError("この評価書はロックされています。ロックが解除されてから移行してください。")
    move = planned_move(page)
    draft = page.latest_draft()
    values = draft.get_values()
    if move.mapping is not None:
        values = move.mapping.translate_values(values)
    draft.definition_id = move.target.id
    draft.set_values(values)
    revision = draft.save_revision(user=user, log_action=False, clean=False)
    from wagtail.log_actions import log

    log(
        instance=draft,
        action=EDITION_MOVED,
        user=user,
        revision=revision,
        data={"from": move.source.form_label, "to": move.target.form_label},
    )
    # The page row keeps the edition its live version is on until that draft is published; the
    # draft (the revision) carries the new one, as any other edit does.
    return revision
