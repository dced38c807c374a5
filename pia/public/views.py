"""What the public disclosure site shows: publications only, never drafts, revisions or the registry.

Every function here starts from Publication rows (DESIGN §2): the stored document as it
stood, its annex rows and its stored files. A page that was never published has nothing
to show, and a version is found by its number among its page's publications only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, overload

from django.db import connection
from django.db.models import F, QuerySet
from django.http import FileResponse, Http404
from wagtail.models import Page

from pia.formdef.annex_line import AnnexLine
from pia.formdef.document import cover_key
from pia.formdef.search_text import query_terms
from pia.formdef.types import ResolvedDocument
from pia.models import ArtifactStatus, OrganizationPage, Publication, PublicationArtifact
from pia.models.pages import ASSESSMENT_PAGE_CLASSES
from pia.public.snippets import snippet
from pia.versions.compare import ComparedChange, Version, compare

RESULTS_LIMIT = 50


def with_organization_pages(publications: Iterable[Publication]) -> list[Publication]:
    """The publications, each page given its parent OrganizationPage (and its Organization) in one query.

    Lists show each row's organization (``publication.page.get_parent``): without this, every row
    would query its parent. The parent is kept where treebeard's ``get_parent`` looks first.
    """
    found = list(publications)
    steplen = Page.steplen
    parent_paths = {publication.page.path[:-steplen] for publication in found}
    parents = {
        org_page.path: org_page
        for org_page in OrganizationPage.objects.filter(path__in=parent_paths).select_related("organization")
    }
    for publication in found:
        parent = parents.get(publication.page.path[:-steplen])
        if parent is not None:
            publication.page._cached_parent_obj = parent
    return found


class LazyPublications(Sequence[Publication]):
    """Publications with their organization pages, read when first used (a page not showing them pays nothing)."""

    def __init__(self, queryset: QuerySet[Publication]) -> None:
        self.queryset = queryset

    @cached_property
    def rows(self) -> list[Publication]:
        return with_organization_pages(self.queryset)

    @overload
    def __getitem__(self, index: int) -> Publication: ...

    @overload
    def __getitem__(self, index: slice) -> list[Publication]: ...

    def __getitem__(self, index: int | slice) -> Publication | list[Publication]:
        return self.rows[index]

    def __len__(self) -> int:
        return len(self.rows)


def latest_publications(limit: int = 10) -> LazyPublications:
    return LazyPublications(
        Publication.objects.public()
        .select_related("page")
        .defer("document", "search_text")
        .order_by("-published_at", "-pk")[:limit]
    )


def assessments_of(org_page: OrganizationPage) -> list[Publication]:
    """The latest publication of each public assessment of an organization, by title.

    Each carries ``ended_on``: the day its affair ended (shown as 終了), or None. Its ``document``
    holds what the listing shows (meta, definition and the cover), not the whole document: a body
    lists dozens of assessments, each document tens of kilobytes.
    """
    publications: list[Publication] = list(
        Publication.objects.public()
        .latest_per_assessment()
        .filter(page__path__startswith=org_page.path, page__depth=org_page.depth + 1)
        .select_related("page")
        .defer("document", "search_text")
        .annotate(
            listed_meta=F("document__assessment"),
            listed_definition=F("document__definition"),
            listed_first_section=F("document__sections__0"),
        )
        .order_by("page__title")
    )
    _with_listed_documents(publications)
    ids = [p.page_id for p in publications]
    ended: dict[int, Any] = {}
    for model in set(ASSESSMENT_PAGE_CLASSES.values()):
        ended.update(model.objects.filter(pk__in=ids).values_list("pk", "affair_ended_on"))
    for publication in publications:
        publication.ended_on = ended.get(publication.page_id)  # type: ignore[attr-defined]
        publication.page._cached_parent_obj = org_page  # its parent is known: no query per row
    return publications


def _with_listed_documents(publications: list[Publication]) -> None:
    """Give each publication a document of its meta, definition and cover (the first section, as forms print).

    A form whose first section is not its cover gets its whole document (one more query for all of them).
    """
    whole = []
    for publication in publications:
        definition = publication.listed_definition  # type: ignore[attr-defined]
        first = publication.listed_first_section  # type: ignore[attr-defined]
        document = {"definition": definition, "assessment": publication.listed_meta, "sections": [first]}  # type: ignore[attr-defined]
        if first is None or first.get("key") != cover_key(document):  # type: ignore[arg-type]
            whole.append(publication)
            continue
        publication.document = document
    if whole:
        documents = dict(Publication.objects.filter(pk__in=[p.pk for p in whole]).values_list("pk", "document"))
        for publication in whole:
            publication.document = documents[publication.pk]


def by_affair(publications: list[Publication]) -> list[tuple[str, list[Publication]]]:
    """A body's latest publications grouped by affair (事務), in the order of their first title."""
    from controls.portfolio import affair_key
    from controls.threshold import KIND_REQUIRED

    groups: dict[str, tuple[str, list[Publication]]] = {}
    for publication in publications:
        affair = str(publication.document.get("assessment", {}).get("affair") or publication.page.title)
        groups.setdefault(affair_key(affair), (affair, []))[1].append(publication)
    for _affair, members in groups.values():
        # The 基礎 first, then the 重点 or 全項目 that accompanies it (the order of what the law requires).
        members.sort(key=lambda p: KIND_REQUIRED.get(p.document["definition"]["kind"], max(KIND_REQUIRED.values())))
    return list(groups.values())


def publication_of(page: Page, version: int | None = None) -> Publication:
    publications = Publication.objects.for_page(page)
    found = publications.filter(version=version).first() if version is not None else publications.last()
    if found is None or not page.live:
        raise Http404("公表版がありません")
    return found


@dataclass(frozen=True)
class PublicVersion:
    publication: Publication
    document: ResolvedDocument
    annex: list[AnnexLine]
    files: list[PublicationArtifact]
    versions: list[Publication]

    @property
    def is_latest(self) -> bool:
        return self.publication.version == self.versions[-1].version


def public_version(page: Page, version: int | None = None) -> PublicVersion:
    publication = publication_of(page, version)
    rows = publication.cumulative_annex().select_related("publication").defer("publication__document")
    return PublicVersion(
        publication=publication,
        document=publication.document,
        annex=[row.line for row in rows],
        files=list(publication.artifacts.filter(status=ArtifactStatus.READY).order_by("kind")),
        versions=list(Publication.objects.for_page(page).defer("document", "search_text")),
    )


def public_changes(page: Page, version: int) -> tuple[Publication, Publication, list[ComparedChange]]:
    """The changes a publication made to the one before it (the public rendition of the diff)."""
    new = publication_of(page, version)
    old = Publication.objects.for_page(page).filter(version=version - 1).first()
    if old is None:
        raise Http404("第1版には前の版がありません")
    return old, new, compare(Version(str(old.version), "", old), Version(str(new.version), "", new))


def public_file(page: Page, version: int, kind: str) -> PublicationArtifact:
    publication = publication_of(page, version)
    artifact = publication.artifacts.filter(kind=kind, status=ArtifactStatus.READY).first()
    if artifact is None:
        raise Http404("ファイルがありません")
    return artifact


def file_response(artifact: PublicationArtifact, identifier: str) -> FileResponse:
    """A stored file as a download named after its assessment and version, with its SHA-256."""
    name = f"{identifier.replace('/', '-')}-v{artifact.publication.version}-{artifact.file_name}"
    response = FileResponse(artifact.file.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = artifact.content_type
    response["X-Content-SHA256"] = artifact.sha256
    return response


@dataclass(frozen=True)
class SearchResult:
    publication: Publication
    before: str
    match: str
    after: str


# How many of the newest publications (every version) a search reads before it asks the index.
NEWEST_WINDOW = 1500


def _contains(column: str) -> str:
    """SQL that is true when *column* holds the parameter's text (a plain substring test, no pattern)."""
    function = "strpos" if connection.vendor == "postgresql" else "instr"
    return f"{function}({column}, %s) > 0"


def _newest_matches(terms: list[str]) -> list[int] | None:
    """The ids of the newest RESULTS_LIMIT matches among the NEWEST_WINDOW newest publications, if there are as many.

    The newest publications are read in order (the ``pia_publication_newest`` index) and the scan stops at
    the RESULTS_LIMIT-th latest version that holds every term: a common term ("予防接種", "事務") is
    answered after a few rows, whatever the size of the portal. None when the window holds fewer
    matches: the answer needs the whole index (see search()).
    """
    publication = Publication._meta.db_table
    page = Page._meta.db_table
    matches = " AND ".join(_contains("newest.search_text") for _ in terms)
    sql = f"""
        SELECT newest.id FROM (
            SELECT id, page_id, version, search_text, published_at FROM {publication}
            ORDER BY published_at DESC, id DESC LIMIT %s
        ) newest
        INNER JOIN {page} g ON g.id = newest.page_id
        WHERE g.live
          AND newest.version = (SELECT MAX(u.version) FROM {publication} u WHERE u.page_id = newest.page_id)
          AND {matches}
        ORDER BY newest.published_at DESC, newest.id DESC
        LIMIT %s
    """  # noqa: S608 - table names from the models, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [NEWEST_WINDOW, *terms, RESULTS_LIMIT])
        ids = [row[0] for row in cursor.fetchall()]
    return ids if len(ids) == RESULTS_LIMIT else None


def search(query: str) -> list[SearchResult]:
    """Latest publications whose text contains every term of *query* (substring match, NFKC), newest first.

    Two steps: the newest publications first (enough for any common term); when they hold fewer
    than RESULTS_LIMIT matches, every latest publication, which PostgreSQL reads through the
    trigram index on ``search_text`` (migration 0014) for terms of three characters or more.
    A rarer term of one or two characters is read by a scan (trigrams cannot serve it), as on SQLite.
    """
    terms = query_terms(query)
    if not terms:
        return []
    found = Publication.objects.public().latest_per_assessment().select_related("page").defer("document")
    newest = _newest_matches(terms)
    if newest is not None:
        found = Publication.objects.filter(pk__in=newest).select_related("page").defer("document")
    else:
        for term in terms:
            found = found.filter(search_text__contains=term)
    return [
        SearchResult(publication, *snippet(publication.search_text, terms))
        for publication in with_organization_pages(found.order_by("-published_at", "-pk")[:RESULTS_LIMIT])
    ]
