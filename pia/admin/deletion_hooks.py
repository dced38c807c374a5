"""Refusing, with a message, deletions Wagtail would allow: see :mod:`pia.models.deletion`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page, PagePermissionTester

from pia.models.deletion import PUBLISHED_MESSAGE, ROLE_MESSAGE, may_publish_here
from pia.models.lookup import assessment_pages

if TYPE_CHECKING:
    from wagtail.admin.views.bulk_action import BulkAction

    from pia.admin.permissions import RequestUser


def deletion_refusal(user: RequestUser, page: Page) -> str | None:
    """Why *user* may not delete *page* (with everything under it), or None."""
    subtree = page.get_descendants(inclusive=True)
    if subtree.filter(publications__isnull=False).exists():
        return PUBLISHED_MESSAGE
    holds_assessments = assessment_pages().filter(pk__in=subtree.values("pk")).exists()
    if holds_assessments and not may_publish_here(PagePermissionTester(user, page)):
        return ROLE_MESSAGE
    return None


@hooks.register("before_delete_page")
def refuse_deleting_published_or_by_officers(request: HttpRequest, page: Page) -> HttpResponse | None:
    """The delete view, on GET and POST alike: refuse with the reason and go back to the page."""
    reason = deletion_refusal(request.user, page)
    if reason is None:
        return None
    messages.error(request, reason)
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_pages:edit", args=[page.pk]))


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_published_or_by_officers(
    request: HttpRequest, action_type: str, objects: Sequence[Page], action_class_instance: BulkAction
) -> HttpResponse | None:
    """The bulk delete action: if any chosen page may not be deleted, delete none and say which and why.

    *objects* are instances of the action's model: pages whenever they are looked at.
    """
    if action_type != "delete" or not issubclass(action_class_instance.model, Page):
        return None
    refusals = [(page, deletion_refusal(request.user, page)) for page in objects]
    refusals = [(page, reason) for page, reason in refusals if reason is not None]
    if not refusals:
        return None
    for page, reason in refusals:
        messages.error(request, f"「{page.get_admin_display_title()}」：{reason}")
    return redirect(action_class_instance.next_url)
