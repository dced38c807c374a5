"""Wagtail's reports, each narrowed to the user's pages, objects and colleagues.

Wagtail's reports check page permissions for the rows, but their filters list every user,
workflow and task of the installation, site history shows every snippet edit of a model the
user has a permission on, and page types usage counts and names every body's pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet, LockedPagesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
)
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Task, Workflow, WorkflowState, get_default_page_content_type
from wagtail.models.audit_log import LogEntryQuerySet

from pia.admin.permissions import RequestUser
from pia.admin.scoping.scopes import is_scopable, page_id_strings, scoped_log_entries, scoped_object_ids, scoped_pages


def _visible_log_entries(user: RequestUser) -> list[LogEntryQuerySet]:
    return [
        scoped_log_entries(log_model.objects.viewable_by_user(user), user)
        for log_model in log_action_registry.get_log_entry_models()
    ]


class ScopedSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    """Actions, users and types only of the log entries the user may see."""

    object_type = ContentTypeFilter(
        label=_("Type"),
        method="filter_object_type",
        queryset=lambda request: ContentType.objects.filter(
            pk__in={pk for entries in _visible_log_entries(request.user) for pk in entries.get_content_type_ids()}
        ).order_by("model"),
    )

    def get_action_choices(self) -> list[tuple[str, str]]:
        actions = {action for entries in _visible_log_entries(self.request.user) for action in entries.get_actions()}
        return [choice for choice in log_action_registry.get_choices() if choice[0] in actions]

    def get_users_queryset(self) -> QuerySet:
        user_ids = {pk for entries in _visible_log_entries(self.request.user) for pk in entries.get_user_ids()}
        users = get_user_model()
        return users.objects.filter(pk__in=user_ids).order_by(users.USERNAME_FIELD)

    get_user_choices = get_users_queryset


class ScopedLogEntriesView(LogEntriesView):
    """サイト履歴: entries about the user's pages and the user's organization's records."""

    filterset_class = ScopedSiteHistoryFilterSet

    def get_filtered_queryset(self) -> QuerySet:
        # Wagtail's union of one values() query per log model, each scoped before the union.
        queryset: QuerySet | None = None
        self.log_models = list(log_action_registry.get_log_entry_models())
        for index, log_model in enumerate(self.log_models):
            entries = scoped_log_entries(log_model.objects.viewable_by_user(self.request.user), self.request.user)
            sub_queryset = entries.values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField())
            )
            sub_queryset = self.filter_queryset(sub_queryset).order_by()
            queryset = sub_queryset if queryset is None else queryset.union(sub_queryset, all=True)
        if queryset is None:
            raise ImproperlyConfigured("No log entry model is registered (Wagtail registers its own).")
        return queryset.order_by("-timestamp")


class ScopedLockedPagesFilterSet(LockedPagesReportFilterSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        locked = scoped_pages(self.request.user).filter(locked=True)
        users = get_user_model()
        self.filters["locked_by"].queryset = users.objects.filter(pk__in=locked.values("locked_by")).order_by(
            users.USERNAME_FIELD
        )


class ScopedLockedPagesView(LockedPagesView):
    filterset_class = ScopedLockedPagesFilterSet

    def get_queryset(self) -> QuerySet:
        return scoped_pages(self.request.user, super().get_queryset())


class ScopedAgingPagesView(AgingPagesView):
    def get_queryset(self) -> QuerySet:
        return scoped_pages(self.request.user, super().get_queryset())


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and the last edited page of each type among the user's pages only."""

    def get_queryset(self) -> QuerySet:
        user = self.request.user
        if user.is_superuser:
            return super().get_queryset()
        queryset = ContentType.objects.filter(model__in=self.page_models)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset)
        language_code = self.filters.form.cleaned_data.get("page_locale", None)
        site_root_path = self.filters.form.cleaned_data.get("site", None)
        pages = scoped_pages(user).filter(depth__gt=1)
        counted = Q(pages__pk__in=pages.values("pk"))
        if language_code:
            pages = pages.filter(locale__language_code=language_code)
            counted &= Q(pages__locale__language_code=language_code)
        if site_root_path:
            pages = pages.filter(path__startswith=site_root_path)
            counted &= Q(pages__path__startswith=site_root_path)
        latest = pages.filter(content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        queryset = queryset.annotate(
            count=Count("pages", filter=counted),
            last_edited_page_id=Subquery(latest.values("pk")[:1]),
        )
        return queryset.order_by("-count", "app_label", "model")


def _scoped_workflow_states_q(user: RequestUser, prefix: str = "") -> Q:
    """Workflow states of the user's pages, and of the user's objects of other scoped models."""
    if user.is_superuser:
        return Q()
    pages = Q(
        **{
            f"{prefix}base_content_type_id": get_default_page_content_type().id,
            f"{prefix}object_id__in": page_id_strings(user),
        }
    )
    others = Q(pk__in=[])
    content_type_ids = WorkflowState.objects.exclude(
        base_content_type_id=get_default_page_content_type().id
    ).values_list("content_type_id", flat=True)
    for content_type_id in set(content_type_ids):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and is_scopable(model):
            others |= Q(
                **{
                    f"{prefix}content_type_id": content_type_id,
                    f"{prefix}object_id__in": scoped_object_ids(model, user),
                }
            )
    return pages | others


def _scoped_workflows(user: RequestUser) -> QuerySet:
    states = WorkflowState.objects.filter(_scoped_workflow_states_q(user))
    return Workflow.objects.filter(
        Q(workflow_pages__page__in=scoped_pages(user).values("pk")) | Q(pk__in=states.values("workflow"))
    ).distinct()


class ScopedWorkflowReportFilterSet(WorkflowReportFilterSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.request.user
        states = WorkflowState.objects.filter(_scoped_workflow_states_q(user))
        users = get_user_model()
        self.filters["requested_by"].queryset = users.objects.filter(pk__in=states.values("requested_by")).order_by(
            users.USERNAME_FIELD
        )
        self.filters["workflow"].queryset = _scoped_workflows(user)


class ScopedWorkflowView(WorkflowView):
    filterset_class = ScopedWorkflowReportFilterSet

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().filter(_scoped_workflow_states_q(self.request.user))


class ScopedWorkflowTasksReportFilterSet(WorkflowTasksReportFilterSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        workflows = _scoped_workflows(self.request.user)
        self.filters["workflow"].queryset = workflows
        self.filters["task"].queryset = Task.objects.filter(workflow_tasks__workflow__in=workflows).distinct()


class ScopedWorkflowTasksView(WorkflowTasksView):
    filterset_class = ScopedWorkflowTasksReportFilterSet

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().filter(_scoped_workflow_states_q(self.request.user, "workflow_state__"))
