"""Hook registrations of the organization scoping (imported by ``pia.admin.hooks``)."""

from __future__ import annotations

from wagtail import hooks

from pia.admin.scoping.api import scope_admin_api
from pia.admin.scoping.choosers import filter_chooser_queryset, filter_page_chooser_queryset
from pia.admin.scoping.pages import scope_homepage_panels

hooks.register("construct_page_chooser_queryset", filter_page_chooser_queryset)
hooks.register("construct_document_chooser_queryset", filter_chooser_queryset)
hooks.register("construct_image_chooser_queryset", filter_chooser_queryset)
# After every other panel hook, so that panels added by other hooks are seen too.
hooks.register("construct_homepage_panels", scope_homepage_panels, order=100)
# After Wagtail's own construct_admin_api hooks, which register the endpoints replaced here.
hooks.register("construct_admin_api", scope_admin_api, order=100)
