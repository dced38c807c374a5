"""Editor panels that are not plain fields."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.template import Context
from django.urls import reverse
from wagtail.admin.panels import Panel

from pia.compliance.evidence import consistency_findings, editor_linked_items, evidence_verdicts
from pia.formdef.linked import LinkedItem
from pia.formdef.links import ADAPTERS
from pia.formdef.validation import Finding, missing_required
from pia.models import AssessmentPage


class FindingsPanel(Panel):
    """Consistency warnings for one section, shown at the top of its tab; they block nothing."""

    def __init__(self, section: str, **kwargs: Any) -> None:
        self.section = section
        super().__init__(**kwargs)

    def clone_kwargs(self) -> dict[str, Any]:
        kwargs = super().clone_kwargs()
        kwargs["section"] = self.section
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "pia/panels/findings.html"

        def get_context_data(self, parent_context: Context | dict[str, Any] | None = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            instance = self.instance
            findings = []
            prefix = (self.panel.section, self.panel.section + "[")
            if isinstance(instance, AssessmentPage):
                findings = [f for f in consistency_findings(instance) if f.path.startswith(prefix)]
            context["findings"] = findings
            evidence = []
            if isinstance(instance, AssessmentPage) and instance.pk:
                verdicts = [v for v in evidence_verdicts(instance) if v.path.startswith(prefix)]
                evidence = [
                    {"path": path, "printed_path": group[0].printed_path, "verdicts": group}
                    for path, grouped in groupby(verdicts, key=lambda v: v.path)
                    for group in [list(grouped)]
                ]
            context["evidence"] = evidence
            linked = linked_in_section(instance, prefix) if isinstance(instance, AssessmentPage) else []
            context["linked"] = linked
            context["missing"] = missing_in_section(instance, prefix) if isinstance(instance, AssessmentPage) else []
            context["submitting"] = bool(
                self.form is not None and self.form.is_bound and getattr(self.form, "is_submission", bool)()
            )
            context["linked_refused"] = any(row.item.refused for row in linked)
            context["not_on_edition"] = (
                isinstance(instance, AssessmentPage)
                and all(section.key != self.panel.section for section in instance.definition.sections)
                and instance.definition.form_label
            )
            return context

        def is_shown(self) -> bool:
            return True


def missing_in_section(page: AssessmentPage, prefix: tuple[str, str]) -> list[Finding]:
    """The required items of one section that are still empty (submission is refused until written)."""
    if "_editor_missing" not in page.__dict__:
        page.__dict__["_editor_missing"] = missing_required(page.editor_document())
    return [finding for finding in page.__dict__["_editor_missing"] if finding.path.startswith(prefix)]


@dataclass(frozen=True)
class LinkedRow:
    item: LinkedItem
    record_url: str | None


def linked_in_section(page: AssessmentPage, prefix: tuple[str, ...]) -> list[LinkedRow]:
    """The section's items printed from the registry, with a link to each record's edit view."""
    rows = []
    for item in editor_linked_items(page):
        if not item.path.startswith(prefix):
            continue
        model = ADAPTERS[item.model][0]
        url = reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit", args=[item.record_id])
        rows.append(LinkedRow(item, url if item.record_label is not None else None))
    return rows


class WorkflowNoticePanel(Panel):
    """Tell the officer, at the top of the editor, why the 所属長 sent the assessment back."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pia/panels/workflow_notice.html"

        def get_context_data(self, parent_context: Context | dict[str, Any] | None = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            state = (
                getattr(self.instance, "current_workflow_state", None) if self.instance and self.instance.pk else None
            )
            context["lock"] = self._lock_held_by_another()
            context["sent_back"] = None
            if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
                task_state = state.current_task_state
                context["sent_back"] = {
                    "by": task_state.finished_by,
                    "at": task_state.finished_at,
                    "comment": task_state.get_comment(),
                }
            return context

        def _lock_held_by_another(self) -> dict[str, Any] | None:
            """Who locked the page and since when, and where to ask for its release (pia.admin.locks)."""
            page = self.instance
            if page is None or not page.pk or not page.locked or page.locked_by_id == self.request.user.pk:
                return None
            return {
                "by": page.locked_by,
                "at": page.locked_at,
                "request_url": reverse("pia_request_unlock", args=[page.pk]),
            }

        def is_shown(self) -> bool:
            return True


class DriftPanel(Panel):
    """Registry changes since the last publication that would change printed items (DESIGN §2).

    It shows the drift stored for the assessment (pia.versions.drift) and when it was computed.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "pia/panels/drift.html"

        def get_context_data(self, parent_context: Context | dict[str, Any] | None = None) -> dict[str, Any]:
            from pia.versions.drift import stored_drift

            context = super().get_context_data(parent_context)
            page = self.instance
            found = stored_drift([page])[page.pk] if page is not None and page.pk else None
            context["drift"] = found.items if found else []
            context["computed_at"] = found.computed_at if found else None
            return context

        def is_shown(self) -> bool:
            return True


class EditionPanel(Panel):
    """On the cover tab of an assessment kept on an older edition of its form: which edition it is on,
    which is current, and the way to 「様式の改版に移行」."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pia/panels/edition.html"

        def get_context_data(self, parent_context: Context | dict[str, Any] | None = None) -> dict[str, Any]:
            from pia.formdef.editions import current_edition

            context = super().get_context_data(parent_context)
            page = self.instance
            context.update(page=page, own=page.definition, current=current_edition(page.definition.id))
            return context

        def is_shown(self) -> bool:
            from pia.formdef.editions import current_edition

            page = self.instance
            if not isinstance(page, AssessmentPage) or page.pk is None:
                return False
            return page.definition.id != current_edition(page.definition.id).id


class VersionLinksPanel(Panel):
    """Links from the editor to the changes since the last publication and to the timeline."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pia/panels/version_links.html"

        def get_context_data(self, parent_context: Context | dict[str, Any] | None = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            page = self.instance
            latest = page.latest_publication() if page is not None and page.pk else None
            context.update(page=page, latest=latest)
            return context

        def is_shown(self) -> bool:
            return self.instance is not None and self.instance.pk is not None
