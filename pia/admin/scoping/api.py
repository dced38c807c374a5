"""Wagtail's admin API for documents and images (``/admin/api/main/…``), the user's own only.

Wagtail's endpoints list and read every document and image of the installation, whatever the
user's organization. The scoped endpoints narrow the queryset as the choosers do (ownership
follows the uploader's organizations, ``scopes.scoped_queryset``): the listing shows only the
user's own, and the detail and find views of another's are not found.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from pia.admin.scoping.scopes import scoped_queryset


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self) -> QuerySet:
        return scoped_queryset(super().get_queryset(), self.request.user)


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self) -> QuerySet:
        return scoped_queryset(super().get_queryset(), self.request.user)


def scope_admin_api(router: Any) -> None:
    """Hook ``construct_admin_api`` (after Wagtail's): its document and image endpoints replaced."""
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
