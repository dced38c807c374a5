"""Admin views for reading assessments: the list and the resolved document.

These serve every role of the organization, including auditors, who may read
but not edit. Editing stays in Wagtail's page editor.
"""

from __future__ import annotations

from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms.validation import consistency_warnings
from .permissions import get_visible_assessment_or_404, visible_assessments
from .services import latest_draft


class AssessmentIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "pia/admin/assessment_index.html"
    page_title = "評価書一覧"
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows = []
        for page in visible_assessments(user):
            perms = page.permissions_for_user(user)
            rows.append({"page": page, "can_edit": perms.can_edit()})
        context["rows"] = rows
        return context


class AssessmentDocumentView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "pia/admin/assessment_document.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("pia_assessments"), "label": "評価書一覧"},
            {"url": "", "label": self.page.title},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.page = get_visible_assessment_or_404(request.user, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_live = self.request.GET.get("version") == "live" and self.page.live
        source = self.page if show_live else latest_draft(self.page)
        document = source.resolved_document()
        context.update(
            page=self.page,
            document=document,
            show_live=show_live,
            findings=consistency_warnings(document, self.page.definition.count_rules),
            revisions=self.page.revisions.select_related("user").order_by("-created_at")[:50],
            can_edit=self.page.permissions_for_user(self.request.user).can_edit(),
        )
        return context


class AssessmentCompareView(AssessmentDocumentView):
    """Two versions side by side, changed items only, with character-level changes and annex rows."""

    template_name = "pia/admin/assessment_compare.html"

    def get_page_title(self):
        return f"版の比較：{self.page.title}"

    def get_context_data(self, **kwargs):
        from .compare import compare, pick, versions

        context = WagtailAdminTemplateMixin.get_context_data(self, **kwargs)
        all_versions = versions(self.page)
        old = pick(all_versions, self.request.GET.get("a"), max(len(all_versions) - 2, 0))
        new = pick(all_versions, self.request.GET.get("b"), len(all_versions) - 1)
        context.update(page=self.page, versions=all_versions, old=old, new=new, changes=compare(old, new))
        return context


class AssessmentTimelineView(AssessmentDocumentView):
    """Every publication and revision with who, when and the workflow's actions."""

    template_name = "pia/admin/assessment_timeline.html"

    def get_page_title(self):
        return f"経過：{self.page.title}"

    def get_context_data(self, **kwargs):
        from wagtail.models import PageLogEntry

        from .diff import diff
        from .models import Publication

        context = WagtailAdminTemplateMixin.get_context_data(self, **kwargs)
        publications = list(Publication.objects.for_page(self.page).select_related("approved_by"))
        entries = []
        previous = None
        for publication in publications:
            changed = len(diff(previous.document, publication.document)) if previous else None
            entries.append({"publication": publication, "changed": changed, "previous": previous})
            previous = publication
        logs = PageLogEntry.objects.filter(page=self.page).select_related("user").order_by("-timestamp", "-pk")[:200]
        context.update(page=self.page, publications=list(reversed(entries)), logs=logs)
        return context
