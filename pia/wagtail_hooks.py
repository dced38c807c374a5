"""Wagtail looks for ``<app>.wagtail_hooks``; the admin's hooks live in :mod:`pia.admin.hooks`."""

import pia.admin.hooks  # noqa: F401  (registers the hooks on import)
import pia.admin.organization_hooks  # noqa: F401  (administrators' screens for bodies)
