"""The field-by-field change history of one registry record (who, when, before, after)."""

from __future__ import annotations

from django.http import Http404
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from registry.display import display_value
from registry.history import changes

EMPTY = "（空欄）"


class RecordChangesView(WagtailAdminTemplateMixin, TemplateView):
    model = None
    template_name = "registry/record_changes.html"
    header_icon = "history"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(f"{self.model._meta.app_label}.view_{self.model._meta.model_name}") and not any(
            request.user.has_perm(f"{self.model._meta.app_label}.{action}_{self.model._meta.model_name}")
            for action in ("change", "add")
        ):
            raise Http404
        self.object = self.model._default_manager.for_user(request.user).filter(pk=kwargs["pk"]).first()
        if self.object is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"変更履歴：{self.object}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["changes"] = [(change, self.rows(change)) for change in reversed(changes(self.model, self.object.pk))]
        context["model_label"] = self.model._meta.verbose_name
        return context

    def rows(self, change):
        """(field, before, after) of each field *change* touched, as a person reads them (はい/いいえ, labels, 和暦)."""
        return [(f, self.shown(f.field, f.old), self.shown(f.field, f.new)) for f in change.fields]

    def shown(self, field_name, value):
        if value is None or value == "" or value == []:
            return EMPTY
        return display_value(self.object, field_name, value)
