"""What one user may see: the scoping rules every admin view of this package applies."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageLogEntry
from wagtail.query import PageQuerySet

from pia.admin.permissions import RequestUser
from pia.models import OrganizationPage
from registry.models import Organization

# Wagtail's treebeard paths grow by four characters per level.
STEPLEN = Page.steplen


def organization_page_paths(user: RequestUser) -> list[str]:
    """Tree paths of the pages of the user's organizations."""
    organizations = Organization.objects.for_user(user)
    return list(OrganizationPage.objects.filter(organization__in=organizations).values_list("path", flat=True))


def scoped_pages(user: RequestUser, queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Pages of the user's organizations (each organization page and everything under it)."""
    pages = Page.objects.all() if queryset is None else queryset
    if user.is_superuser:
        return pages
    paths = organization_page_paths(user) if user.is_authenticated else []
    if not paths:
        return pages.none()
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return pages.filter(under)


def ancestor_page_ids(user: RequestUser) -> set[int]:
    """The shared pages above the user's organization pages (the tree root, the portal)."""
    prefixes = {path[:end] for path in organization_page_paths(user) for end in range(STEPLEN, len(path), STEPLEN)}
    return set(Page.objects.filter(path__in=prefixes).values_list("pk", flat=True))


def page_is_visible(user: RequestUser, page_id: int | str, *, with_ancestors: bool = False) -> bool:
    """Whether the page is the user's (or, *with_ancestors*, one of the shared pages above theirs)."""
    if user.is_superuser:
        return True
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return False
    if scoped_pages(user).filter(pk=page_id).exists():
        return True
    return with_ancestors and page_id in ancestor_page_ids(user)


def page_id_strings(user: RequestUser) -> QuerySet:
    """The user's page ids as strings, for generic relations (object_id is a CharField)."""
    return scoped_pages(user).values_list(Cast("id", output_field=CharField()), flat=True)


def colleagues(user: RequestUser) -> QuerySet:
    """Users who share an organization with *user*, and the user."""
    users = get_user_model().objects.all()
    if user.is_superuser:
        return users
    organizations = Organization.objects.for_user(user)
    return users.filter(Q(memberships__organization__in=organizations) | Q(pk=user.pk)).distinct()


def is_scopable(model: type[Model]) -> bool:
    """Whether a model's rows can be attributed to an organization."""
    return issubclass(model, (Page, AbstractDocument, AbstractImage, get_user_model())) or hasattr(
        model._default_manager.all(), "for_user"
    )


def scoped_queryset(queryset: QuerySet, user: RequestUser) -> QuerySet:
    """The rows of *queryset* that belong to the user's organizations; none for a model without owner."""
    model = queryset.model
    if user.is_superuser:
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    if issubclass(model, Page):
        return scoped_pages(user, queryset)
    if hasattr(queryset, "for_user"):
        return queryset.for_user(user)
    if issubclass(model, get_user_model()):
        return queryset.filter(pk__in=colleagues(user).values("pk"))
    if issubclass(model, (AbstractDocument, AbstractImage)):
        # Documents and images carry no organization: they belong to whoever's colleague uploaded them.
        return queryset.filter(uploaded_by_user__in=colleagues(user).values("pk"))
    # Workflows, tasks, collections, sites…: shared configuration, administrators only.
    return queryset.none()


def scoped_object_ids(model: type[Model], user: RequestUser) -> QuerySet:
    """The user's object ids of *model* as strings, for generic relations."""
    rows = scoped_queryset(model._default_manager.all(), user)
    return rows.values_list(Cast("pk", output_field=CharField()), flat=True)


def scoped_log_entries(queryset: QuerySet, user: RequestUser) -> QuerySet:
    """Log entries about the user's pages and the user's organization-owned objects."""
    if user.is_superuser:
        return queryset
    if issubclass(queryset.model, PageLogEntry):
        return queryset.filter(page_id__in=scoped_pages(user).values("pk"))
    from django.contrib.contenttypes.models import ContentType

    fields = {f.name for f in queryset.model._meta.get_fields()}
    if not {"content_type", "object_id"} <= fields:
        return queryset.none()
    about = Q(pk__in=[])
    for content_type_id in queryset.order_by().values_list("content_type_id", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not is_scopable(model):
            continue
        about |= Q(content_type_id=content_type_id, object_id__in=scoped_object_ids(model, user))
    return queryset.filter(about)
