"""The sitemap: an index of sections, each split in files of at most SITEMAP_LIMIT URLs (sitemaps.org).

A file of 50,000 URLs takes a tenth of a second or more to build at the size of the country. So
it is built after each change, by a task (``rebuild_sitemap_files``, scheduled when anything is
published, withdrawn, moved, renamed, deleted or restricted) and stored (``SitemapFile``) under
``state_key()``: the state it shows. A request serves the stored file while its state is the
current one, and keeps it in its process's cache. A request that finds no current file (the task
has not finished, or a change came by a path that sends no signal) builds the file itself: a file
is never served stale.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any
from xml.sax.saxutils import escape

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import CharField, Func, QuerySet
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponse
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Site

from pia.models import Publication, SitemapFile
from pia.signals import publication_recorded

SITEMAP_LIMIT = 50_000  # the most URLs one sitemap file may hold (sitemaps.org)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_CACHE_SECONDS = 24 * 3600  # a backstop: the state key changes with every change that matters
# Where a stored file's URLs take the request's scheme and host. No path can hold it: paths with
# "<" are escaped.
BASE = "<base/>"


def _site_root_path() -> str | None:
    """The url_path of the default site's root page ("/portal/"): public URLs are relative to it."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.url_path if site is not None else None


def _relative(url_path: str, root: str) -> str | None:
    return url_path[len(root) - 1 :] if url_path.startswith(root) else None


class W3CDatetime(Func):
    """A moment as W3C text in UTC ("2026-12-04T01:02:03Z"), formatted by the database: turning 50,000
    datetimes into objects and back into text took most of a sitemap file's time."""

    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = """to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Doubled twice: once for this template, once for the database driver's parameters.
        template = "strftime('%%%%Y-%%%%m-%%%%dT%%%%H:%%%%M:%%%%SZ', %(expressions)s)"
        return self.as_sql(compiler, connection, template=template, **extra)


class SitemapSection:
    """One section of the sitemap: its size, and the (path, lastmod) of one file of its URLs, read as values
    (lastmod as W3C text)."""

    def count(self) -> int:
        raise NotImplementedError

    def rows(self, root: str, offset: int, limit: int) -> list[tuple[str, str | None]]:
        raise NotImplementedError

    def files(self) -> int:
        """How many files the section takes (one, empty, when it has no URL)."""
        return max(1, math.ceil(self.count() / SITEMAP_LIMIT))


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
        from pia.public.index import public_publications  # not at start-up: the app's ready() connects this module

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


def sitemap_stamp() -> tuple[Any, ...]:
    """What changes whenever a sitemap file would: the newest entry of Wagtail's page log (it logs every
    publish, unpublish, move, rename, deletion and view restriction; a new body's page is published, so
    logged) and the newest publication, each with its moment. Two index lookups."""
    entry = PageLogEntry.objects.order_by("-pk").values_list("pk", "timestamp").first()
    publication = Publication.objects.order_by("-pk").values_list("pk", "published_at").first()
    return entry, publication


def state_key(root: str | None) -> str:
    """The state a file shows, as stored with it: the stamp and the site's root."""
    return hashlib.sha256(repr((sitemap_stamp(), root)).encode()).hexdigest()


def build_file(section: SitemapSection, root: str | None, number: int) -> str:
    """A file's XML with BASE for scheme and host, or "" for a file past the last (the first file of an
    empty section is empty, not missing)."""
    rows = section.rows(root, (number - 1) * SITEMAP_LIMIT, SITEMAP_LIMIT) if root else []
    if not rows and number > 1:
        return ""
    if any(character in "".join(path for path, _lastmod in rows) for character in "&<>"):
        rows = [(escape(path), lastmod) for path, lastmod in rows]  # Wagtail's slugs never need it: checked once
    entries = [
        f"<url><loc>{BASE}{path}</loc><lastmod>{lastmod}</lastmod></url>"
        if lastmod
        else f"<url><loc>{BASE}{path}</loc></url>"
        for path, lastmod in rows
    ]
    body = "\n".join(
        ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">', *entries, "</urlset>"]
    )
    return body + "\n"


# --- the views -------------------------------------------------------------------------------------


def _xml_response(body: str) -> HttpResponse:
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def _base(request: HttpRequest) -> str:
    return escape(request.build_absolute_uri("/").rstrip("/"))


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """GET /sitemap.xml: the sitemap index, one entry per file of each section."""
    entries: list[str] = []
    for name, section in SITEMAP_SECTIONS.items():
        url = escape(request.build_absolute_uri(reverse("sitemap_section", args=[name])))
        entries.extend(f"<sitemap><loc>{url}?p={n}</loc></sitemap>" for n in range(1, section.files() + 1))
    body = "\n".join(
        ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">', *entries, "</sitemapindex>"]
    )
    return _xml_response(body + "\n")


def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """GET /sitemap/<section>.xml?p=N: one file of a section's URLs (at most SITEMAP_LIMIT).

    From this process's cache, else the stored file of the current state, else built here.
    """
    found = SITEMAP_SECTIONS.get(section)
    try:
        number = int(request.GET.get("p", "1"))
    except ValueError:
        number = 0
    if found is None or number < 1:
        raise Http404("サイトマップがありません")
    root = _site_root_path()
    state, base = state_key(root), _base(request)
    key = "pia.sitemap:" + hashlib.sha256(repr((section, number, state, base)).encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        stored = SitemapFile.objects.filter(section=section, number=number, stamp=state).values_list("body", flat=True)
        template = stored.first()
        if template is None:
            template = build_file(found, root, number)
        body = template.replace(BASE, base)
        cache.set(key, body, SITEMAP_CACHE_SECONDS)
    if not body:
        raise Http404("サイトマップがありません")
    return _xml_response(body)


# --- keeping the stored files current ------------------------------------------------------------------


@task()
def rebuild_sitemap_files() -> dict[str, int]:
    """Build and store every sitemap file of the current state; files already of this state are kept."""
    root = _site_root_path()
    # Read before the rows: a file may show a newer state than its key (then no request serves it),
    # never an older one.
    state = state_key(root)
    built = kept = 0
    for name, section in SITEMAP_SECTIONS.items():
        files = section.files()
        current = set(SitemapFile.objects.filter(section=name, stamp=state).values_list("number", flat=True))
        for number in range(1, files + 1):
            if number in current:
                kept += 1
                continue
            _store(name, number, state, build_file(section, root, number))
            built += 1
        SitemapFile.objects.filter(section=name, number__gt=files).delete()
    return {"built": built, "kept": kept}


def _store(section: str, number: int, state: str, body: str) -> None:
    values = {"stamp": state, "body": body, "built_at": timezone.now()}
    if SitemapFile.objects.filter(section=section, number=number).update(**values):
        return
    try:
        with transaction.atomic():
            SitemapFile.objects.create(section=section, number=number, **values)
    except IntegrityError:  # another worker stored it first
        SitemapFile.objects.filter(section=section, number=number).update(**values)


def schedule_rebuild(*args: Any, **kwargs: Any) -> None:
    """A signal receiver: rebuild the files once the current transaction commits."""
    transaction.on_commit(rebuild_sitemap_files.enqueue)


def connect() -> None:
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    publication_recorded.connect(schedule_rebuild, dispatch_uid="pia.public.sitemap.publication")
    page_published.connect(schedule_rebuild, dispatch_uid="pia.public.sitemap.published")
    page_unpublished.connect(schedule_rebuild, dispatch_uid="pia.public.sitemap.unpublished")
    page_slug_changed.connect(schedule_rebuild, dispatch_uid="pia.public.sitemap.slug")
    post_page_move.connect(schedule_rebuild, dispatch_uid="pia.public.sitemap.move")
    post_delete.connect(schedule_rebuild, sender=Page, dispatch_uid="pia.public.sitemap.deleted")
    for signal in (post_save, post_delete):
        signal.connect(schedule_rebuild, sender=PageViewRestriction, dispatch_uid="pia.public.sitemap.restriction")
