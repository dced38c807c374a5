"""Organization scoping of Wagtail's own admin views: bulk actions, reports, choosers, workflow views.

Wagtail checks model and page permissions, but a permission such as ``registry.delete_contractor``
is not bound to an organization. Every view here narrows Wagtail's querysets to the user's
organizations (all of them for a superuser); another body's ids are treated as not found.
``urls.py`` puts the scoped views in front of Wagtail's own URLs (see ``config/urls.py``),
``hooks.py`` filters the querysets Wagtail offers hooks for.
"""
