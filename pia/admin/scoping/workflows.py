"""Wagtail's workflow task chooser, for administrators only.

The chooser is part of the workflow editor, yet Wagtail lets every admin user list, search and
choose tasks, and names any task by its id: an officer saw the tasks of every body. Workflows
and tasks are shared configuration (see ``scopes.scoped_queryset``), and configuring them is an
administrator's job, so the chooser answers only to users who may add or change workflows.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from wagtail.admin.views import workflows
from wagtail.models import Workflow
from wagtail.permissions import policy_registry

from pia.admin.permissions import RequestUser

View = Callable[..., HttpResponseBase]


def may_configure_workflows(user: RequestUser) -> bool:
    return policy_registry.get_by_type(Workflow).user_has_any_permission(user, ["add", "change"])


def workflow_administrators_only(view: View) -> View:
    """Wrap a view: a user who may not configure workflows is refused before anything is shown."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not may_configure_workflows(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


task_chooser = workflow_administrators_only(workflows.TaskChooserView.as_view())
task_chooser_results = workflow_administrators_only(workflows.TaskChooserResultsView.as_view())
task_chooser_create = workflow_administrators_only(workflows.TaskChooserCreateView.as_view())
task_chosen = workflow_administrators_only(workflows.task_chosen)
