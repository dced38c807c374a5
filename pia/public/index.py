"""The machine-readable side of the public site: JSON index and Atom feed (publications only; the sitemap is
in sitemap.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.fields.json import KT
from django.http import HttpRequest, JsonResponse
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Page

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
