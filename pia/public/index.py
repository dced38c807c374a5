"""The machine-readable side of the public site: JSON index, Atom feed and sitemap (publications only)."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from typing import Any
from xml.sax.saxutils import escape

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import CharField, Exists, F, Func, OuterRef, QuerySet
from django.db.models.fields.json import KT
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Page, PageLogEntry, Site

from pia.models import ArtifactStatus, Publication
from pia.public.views import with_organization_pages
from registry.jp.wareki import format_date

PER_PAGE = 50


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def publication_entry(request: HttpRequest, publication: Publication) -> dict[str, Any]:
    """One row of the JSON index (the publication annotated by ``index_rows``, its page's parent set)."""
    page = publication.page
    base = page.url
    definition = publication.listed_definition or {}  # type: ignore[attr-defined]
    return {
        "organization": page.get_parent().title,
        "assessment": publication.listed_identifier,  # type: ignore[attr-defined]
        "title": page.title,
        "kind": definition.get("kind"),
        "kind_label": definition.get("kind_label"),
        "edition": definition.get("edition"),
        "form": definition.get("id"),
        "version": publication.version,
        "kohyo_bi": publication.kohyo_bi.isoformat(),
        "kohyo_bi_wareki": format_date(publication.kohyo_bi),
        "published_at": publication.published_at.isoformat(),
        "content_hash": publication.content_hash,
        "html": _absolute(request, f"{base}v{publication.version}/"),
        "changes": _absolute(request, f"{base}v{publication.version}/changes/") if publication.version > 1 else None,
        "files": {
            artifact.kind: {
                "url": _absolute(request, f"{base}v{publication.version}/files/{artifact.kind}/"),
                "size": artifact.size,
                "sha256": artifact.sha256,
            }
            for artifact in publication.artifacts.all()
            if artifact.status == ArtifactStatus.READY
        },
    }


def public_publications() -> QuerySet[Publication]:
    """Publications of live pages, as an anti-join with the few pages that are not live (index ``pia_page_not_live``).

    The same rows as ``Publication.objects.public()``; this form lets a deep page of a listing be
    counted and skipped by an index-only scan instead of a join per publication.
    """
    return Publication.objects.filter(~Exists(Page.objects.filter(pk=OuterRef("page_id"), live=False)))


def index_rows(ids: list[int]) -> list[Publication]:
    """The publications with these ids, in this order, with what the index shows of their documents."""
    rows = (
        Publication.objects.filter(pk__in=ids)
        .select_related("page")
        .prefetch_related("artifacts")
        .defer("document", "search_text", "notes")
        .annotate(listed_definition=F("document__definition"), listed_identifier=KT("document__assessment__identifier"))
    )
    by_id = {row.pk: row for row in rows}
    return with_organization_pages(by_id[pk] for pk in ids if pk in by_id)


def publications_json(request: HttpRequest) -> JsonResponse:
    """GET /api/v1/publications/?page=N: every publication of every public assessment, newest first.

    The page's ids are found first (an index-only scan, however deep the page), then only its rows are read.
    """
    ids = public_publications().order_by("-published_at", "-pk").values_list("pk", flat=True)
    paginator = Paginator(ids, PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        return JsonResponse({"error": "page は 1 から始まる整数で、最後のページまでです。"}, status=404)
    data = {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": _absolute(request, f"?page={page.next_page_number()}") if page.has_next() else None,
        "previous": _absolute(request, f"?page={page.previous_page_number()}") if page.has_previous() else None,
        "results": [publication_entry(request, publication) for publication in index_rows(list(page.object_list))],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data
    return response


class PublicationsFeed(Feed):
    feed_type = Atom1Feed
    title = "特定個人情報保護評価書：新しい公表版"
    link = "/"
    subtitle = "公表された特定個人情報保護評価書の新しい版"

    def items(self) -> list[Publication]:
        return with_organization_pages(
            Publication.objects.public()
            .select_related("page")
            .defer("document", "search_text")
            .order_by("-published_at", "-pk")[:50]
        )

    def item_title(self, item: Publication) -> str:
        return f"{item.page.title}（第{item.version}版）"

    def item_description(self, item: Publication) -> str:
        return f"{item.page.get_parent().title}　{format_date(item.kohyo_bi)}公表　SHA-256 {item.content_hash}"

    def item_link(self, item: Publication) -> str:
        return f"{item.page.url}v{item.version}/"

    def item_pubdate(self, item: Publication) -> dt.datetime:
        return item.published_at

    def item_updateddate(self, item: Publication) -> dt.datetime:
        return item.published_at


# --- sitemap: an index of sections, each split in pages of at most SITEMAP_LIMIT URLs -------------

SITEMAP_LIMIT = 50_000  # the most URLs one sitemap file may hold (sitemaps.org)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_CACHE_SECONDS = 24 * 3600  # a backstop: sitemap_stamp() changes with every change that matters


def _site_root_path() -> str | None:
    """The url_path of the default site's root page ("/portal/"): public URLs are relative to it."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.url_path if site is not None else None


def _relative(url_path: str, root: str) -> str | None:
    return url_path[len(root) - 1 :] if url_path.startswith(root) else None


class W3CDatetime(Func):
    """A moment as W3C text in UTC ("2026-12-04T01:02:03Z"), formatted by the database: turning 50,000
    datetimes into objects and back into text took most of a sitemap page's time."""

    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = """to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Doubled twice: once for this template, once for the database driver's parameters.
        template = "strftime('%%%%Y-%%%%m-%%%%dT%%%%H:%%%%M:%%%%SZ', %(expressions)s)"
        return self.as_sql(compiler, connection, template=template, **extra)


class SitemapSection:
    """One section of the sitemap: its size, and the (path, lastmod) of one page of its URLs, read as values
    (lastmod as W3C text)."""

    def count(self) -> int:
        raise NotImplementedError

    def rows(self, root: str, offset: int, limit: int) -> list[tuple[str, str | None]]:
        raise NotImplementedError


class PagesSection(SitemapSection):
    """The home, each organization and each assessment's latest version (live, without view restrictions)."""

    def queryset(self) -> QuerySet[Page]:
        return Page.objects.live().public().filter(depth__gte=2).order_by("path")

    def count(self) -> int:
        return self.queryset().count()

    def rows(self, root: str, offset: int, limit: int) -> list[tuple[str, str | None]]:
        values = self.queryset().values_list("url_path", W3CDatetime("last_published_at"))[offset : offset + limit]
        return [(path, lastmod) for url_path, lastmod in values if (path := _relative(url_path, root)) is not None]


class PublicationsSection(SitemapSection):
    """Every version of every public assessment (``v<N>/``), oldest row first (new ones append)."""

    def queryset(self) -> QuerySet[Publication]:
        return public_publications().order_by("pk")

    def count(self) -> int:
        return self.queryset().count()

    def rows(self, root: str, offset: int, limit: int) -> list[tuple[str, str | None]]:
        values = self.queryset().values_list("page__url_path", "version", W3CDatetime("published_at"))
        values = values[offset : offset + limit]
        return [
            (f"{path}v{version}/", lastmod)
            for url_path, version, lastmod in values
            if (path := _relative(url_path, root)) is not None
        ]


SITEMAP_SECTIONS: dict[str, SitemapSection] = {"pages": PagesSection(), "publications": PublicationsSection()}


def _xml_response(body: str) -> HttpResponse:
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """GET /sitemap.xml: the sitemap index, one entry per page of SITEMAP_LIMIT URLs of each section."""
    entries: list[str] = []
    for name, section in SITEMAP_SECTIONS.items():
        pages = max(1, math.ceil(section.count() / SITEMAP_LIMIT))
        url = _absolute(request, reverse("sitemap_section", args=[name]))
        entries.extend(f"<sitemap><loc>{escape(url)}?p={n}</loc></sitemap>" for n in range(1, pages + 1))
    body = "\n".join(
        ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">', *entries, "</sitemapindex>"]
    )
    return _xml_response(body + "\n")


def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """GET /sitemap/<section>.xml?p=N: one page of a section's URLs (at most SITEMAP_LIMIT).

    A page of 50,000 URLs takes a fifth of a second to build, and crawlers ask for it again and
    again while nothing changes: a built page is kept in the cache under sitemap_stamp(), so that
    anything published, withdrawn, moved, renamed, deleted or restricted builds it anew.
    """
    found = SITEMAP_SECTIONS.get(section)
    try:
        number = int(request.GET.get("p", "1"))
    except ValueError:
        number = 0
    if found is None or number < 1:
        raise Http404("サイトマップがありません")
    root = _site_root_path()
    base = escape(_absolute(request, "/").rstrip("/"))
    key = "pia.sitemap:" + hashlib.sha256(repr((section, number, root, base, sitemap_stamp())).encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = _urlset(found, root, number, base)
        cache.set(key, body, SITEMAP_CACHE_SECONDS)
    if not body:
        raise Http404("サイトマップがありません")
    return _xml_response(body)


def sitemap_stamp() -> tuple[Any, ...]:
    """What changes whenever a sitemap page would: the newest entry of Wagtail's page log (it logs every
    publish, unpublish, move, rename, deletion and view restriction; a new body's page is published, so
    logged) and the newest publication, each with its moment. Two index lookups."""
    entry = PageLogEntry.objects.order_by("-pk").values_list("pk", "timestamp").first()
    publication = Publication.objects.order_by("-pk").values_list("pk", "published_at").first()
    return entry, publication


def _urlset(section: SitemapSection, root: str | None, number: int, base: str) -> str:
    """The page's XML, or "" for a page past the last (the first page of an empty section is empty, not missing)."""
    rows = section.rows(root, (number - 1) * SITEMAP_LIMIT, SITEMAP_LIMIT) if root else []
    if not rows and number > 1:
        return ""
    if any(character in "".join(path for path, _lastmod in rows) for character in "&<>"):
        rows = [(escape(path), lastmod) for path, lastmod in rows]  # Wagtail's slugs never need it: checked once
    entries = [
        f"<url><loc>{base}{path}</loc><lastmod>{lastmod}</lastmod></url>"
        if lastmod
        else f"<url><loc>{base}{path}</loc></url>"
        for path, lastmod in rows
    ]
    body = "\n".join(
        ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">', *entries, "</urlset>"]
    )
    return body + "\n"
