"""Wagtail's bulk actions (``/admin/bulk/<app>/<model>/<action>/``) on the user's own objects only.

Wagtail lists every id it is given on the confirmation page (those the user may not act on
under "no permission") and acts on every permitted one, whatever its organization. Each action
class is wrapped so that both the confirmation (GET) and the action (POST) see only the user's
objects: ids of another organization are not found, and a request naming none of the user's
objects is a 404.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_list_or_404
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from pia.admin.scoping.scopes import scoped_queryset


class ScopedBulkActionMixin:
    """Look objects up among the user's own only; Wagtail's lookup is ``get_list_or_404(model, pk__in=ids)``."""

    request: HttpRequest

    def get_queryset(self, model: type[Model], object_ids: list[Any]) -> list[Model]:
        # Wagtail's is a classmethod; an instance method reads the user
        return get_list_or_404(scoped_queryset(model._default_manager.all(), self.request.user), pk__in=object_ids)


@cache
def scoped_action_class(action_class: type) -> type:
    """The action class with its lookups narrowed to the user's objects (one subclass per class)."""
    return type(f"Scoped{action_class.__name__}", (ScopedBulkActionMixin, action_class), {})


def bulk_action(request: HttpRequest, app_label: str, model_name: str, action: str) -> HttpResponseBase:
    """Wagtail's bulk action dispatcher, with every action scoped to the user's organizations."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as e:
        raise Http404 from e
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    return scoped_action_class(action_class)(request, model).dispatch(request)
