"""Editor panels that are not plain fields."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import Panel


class FindingsPanel(Panel):
    """Consistency warnings for one section, shown at the top of its tab; they block nothing."""

    def __init__(self, section: str, **kwargs: Any):
        self.section = section
        super().__init__(**kwargs)

    def clone_kwargs(self) -> dict[str, Any]:
        kwargs = super().clone_kwargs()
        kwargs["section"] = self.section
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "pia/panels/findings.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            findings = []
            if instance is not None and hasattr(instance, "consistency_findings"):
                prefix = (self.panel.section, self.panel.section + "[")
                findings = [f for f in instance.consistency_findings() if f.path.startswith(prefix)]
            context["findings"] = findings
            return context

        def is_shown(self) -> bool:
            return True
