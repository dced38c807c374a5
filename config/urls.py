from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from pia.public.index import PublicationsFeed, PublicationSitemap, PublicPagesSitemap, publications_json
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
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"publications": PublicationSitemap, "pages": PublicPagesSitemap}},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
