from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.template import Context
from django.templatetags.static import static
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from pia.admin import (
    deletion_hooks,  # noqa: F401  (registers the deletion hooks)
    japanese,  # Japanese where Wagtail's admin writes English outside its catalogues
)
from pia.admin.approval import AssessmentApprovalView
from pia.admin.checks_views import AssessmentChecksView, ComplianceDashboardPanel
from pia.admin.edition_move import EditionMoveView
from pia.admin.locks import UNLOCK_REQUESTED, RequestUnlockView
from pia.admin.portfolio import PortfolioView
from pia.admin.scoping import hooks as admin_scoping_hooks  # noqa: F401  (registers the scoping hooks)
from pia.admin.views import (
    AssessmentAnnexView,
    AssessmentCompareView,
    AssessmentDocumentView,
    AssessmentIndexView,
    AssessmentTimelineView,
    PublicationFilesRequestView,
    PublicationFileView,
)
from pia.compliance.evidence import consistency_findings
from pia.models import AssessmentPage
from pia.services.editions import EDITION_MOVED

japanese.install()

# Help menu items that link to wagtail.org's English editor guide and release notes.
WAGTAIL_GUIDE_MENU_ITEMS = {"editor-guide", "whats-new-in-wagtail-"}


@hooks.register("construct_help_menu")
def leave_out_wagtails_english_guides(request: HttpRequest, menu_items: list[MenuItem]) -> None:
    menu_items[:] = [item for item in menu_items if not item.name.startswith(tuple(WAGTAIL_GUIDE_MENU_ITEMS))]


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[URLPattern]:
    return [
        path("pia/assessments/", AssessmentIndexView.as_view(), name="pia_assessments"),
        path("pia/portfolio/", PortfolioView.as_view(), name="pia_portfolio"),
        path("pia/assessments/<int:page_id>/", AssessmentDocumentView.as_view(), name="pia_assessment_document"),
        path("pia/assessments/<int:page_id>/compare/", AssessmentCompareView.as_view(), name="pia_assessment_compare"),
        path(
            "pia/assessments/<int:page_id>/timeline/", AssessmentTimelineView.as_view(), name="pia_assessment_timeline"
        ),
        path("pia/assessments/<int:page_id>/annex/", AssessmentAnnexView.as_view(), name="pia_assessment_annex"),
        path("pia/assessments/<int:page_id>/checks/", AssessmentChecksView.as_view(), name="pia_assessment_checks"),
        path("pia/assessments/<int:page_id>/unlock-request/", RequestUnlockView.as_view(), name="pia_request_unlock"),
        path("pia/assessments/<int:page_id>/edition/", EditionMoveView.as_view(), name="pia_edition_move"),
        path(
            "pia/assessments/<int:page_id>/approval/", AssessmentApprovalView.as_view(), name="pia_assessment_approval"
        ),
        path(
            "pia/assessments/<int:page_id>/versions/<int:version>/files/<slug:kind>/",
            PublicationFileView.as_view(),
            name="pia_publication_file",
        ),
        path(
            "pia/assessments/<int:page_id>/versions/<int:version>/files/",
            PublicationFilesRequestView.as_view(),
            name="pia_publication_files_request",
        ),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action(UNLOCK_REQUESTED, "ロックの解除を依頼", "ロックの解除を依頼しました")
    actions.register_action(EDITION_MOVED, "様式の改版に移行", "様式の改版に移行しました")


@hooks.register("register_admin_menu_item")
def register_assessments_menu_item() -> MenuItem:
    return MenuItem("評価書一覧", reverse("pia_assessments"), icon_name="doc-full", order=150)


@hooks.register("register_admin_menu_item")
def register_portfolio_menu_item() -> MenuItem:
    return MenuItem("評価計画管理書", reverse("pia_portfolio"), icon_name="list-ul", order=151)


@hooks.register("insert_global_admin_css")
def editor_css() -> SafeString:
    return format_html('<link rel="stylesheet" href="{}">', static("pia/admin.css"))


@hooks.register("insert_editor_js")
def editor_js() -> SafeString:
    return format_html(
        '<script src="{}" defer></script><script src="{}" defer></script><script src="{}" defer></script>',
        static("pia/findings.js"),
        static("pia/editor_navigation.js"),
        static("pia/checklist_titles.js"),
    )


@hooks.register("after_edit_page")
def list_findings_on_submission(request: HttpRequest, page: Page) -> None:
    """On submission for approval, list the consistency warnings again; they do not block."""
    if not isinstance(page.specific, AssessmentPage):
        return None
    if not (request.POST.get("action-submit") or request.POST.get("action-restart-workflow")):
        return None

    findings = consistency_findings(page.specific.latest_draft())
    for finding in findings:
        messages.warning(request, f"整合性の確認：{finding}")
    return None


# A dashboard panel lists this many assessments at most; the rest are reached through 評価書一覧.
PANEL_LIMIT = 20
# Assessments whose drift was never stored are computed on the dashboard only when they are this few.
COMPUTE_MISSING_AT_MOST = 5


class DriftDashboardPanel(Component):
    """The admin dashboard lists, per visible assessment, the printed items the registry has changed.

    It reads the drift stored per assessment (pia.versions.drift): no document is resolved on load,
    except for an assessment whose drift was never stored (computed once, then stored), and that
    only for a handful (bulk-loaded assessments are left to ``refresh_drift``). At most
    PANEL_LIMIT drifted assessments are shown, most recently checked first.
    """

    name = "pia_drift"
    order = 50
    template_name = "pia/admin/drift_dashboard.html"

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context: Context | dict[str, Any] | None = None) -> dict[str, Any]:
        from django.db.models import Min

        from pia.admin.permissions import visible_assessment_pages, with_organization_parents
        from pia.models import DriftSnapshot
        from pia.versions.drift import stored_drift

        pages = visible_assessment_pages(self.request.user)
        snapshots = DriftSnapshot.objects.filter(page__in=pages.values("pk"))
        unchecked = pages.count() - snapshots.count()
        if 0 < unchecked <= COMPUTE_MISSING_AT_MOST:
            stored_drift(list(pages.exclude(pk__in=DriftSnapshot.objects.values("page_id")).specific()))
            unchecked = 0  # computed once, then stored
        drifted = snapshots.exclude(items=[])
        shown = list(drifted.order_by("-computed_at", "page_id").values_list("page_id", flat=True)[:PANEL_LIMIT])
        shown_pages = with_organization_parents(list(pages.filter(pk__in=shown).specific()))
        found = stored_drift(shown_pages)
        by_id = {page.pk: page for page in shown_pages}
        rows = [
            {"page": by_id[page_id], "drift": found[page_id].items, "computed_at": found[page_id].computed_at}
            for page_id in shown
            if page_id in by_id
        ]
        total = drifted.count() if len(shown) == PANEL_LIMIT else len(rows)
        # The oldest check stands for the whole list ("as of" that moment, nothing had drifted).
        checked_at = snapshots.aggregate(oldest=Min("computed_at"))["oldest"]
        return {"rows": rows, "checked_at": checked_at, "more": total - len(rows), "unchecked": unchecked}


@hooks.register("construct_homepage_panels")
def add_drift_panel(request: HttpRequest, panels: list[Component]) -> None:
    panels.insert(0, DriftDashboardPanel(request))
    panels.insert(0, ComplianceDashboardPanel(request))
