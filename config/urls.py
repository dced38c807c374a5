from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from pia.public.index import PublicationsFeed, publications_json
from pia.public.sitemap import sitemap_index, sitemap_section
from registry.api import push_access_logs

urlpatterns: list = [
    # Page history, revisions and workflow history, readable by auditors of the page's organization.
    path("admin/", include("pia.admin.auditor_reads")),
    # Organization-scoped versions of some of Wagtail's admin views: they must come first.
    path("admin/", include("pia.admin.scoping.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/publications/", publications_json, name="api_publications"),
    path(
        "api/v1/access-logs/<slug:organization>/<slug:system>/batches",
        push_access_logs,
        name="api_push_access_logs",
    ),
    path("feeds/publications.atom", PublicationsFeed(), name="feed_publications"),
    # A sitemap index; each section split in files of at most 50,000 URLs (?p=N).
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    path("sitemap/<slug:section>.xml", sitemap_section, name="sitemap_section"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
