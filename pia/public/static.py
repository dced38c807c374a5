"""The public site's pages rendered once to files, for a web server to serve without Django.

Publications never change, so the public pages built from them change only when something is
published (or withdrawn, moved, renamed, or its files become ready). This module renders them
through the same public views a request would reach (`wagtail.views.serve` with a request built
by RequestFactory: anonymous, no session, no cookies), so a file holds exactly what Django would
answer to anyone, and only publications. Files mirror URLs under the root::

    index.html                                   /
    nagaoka/index.html                           /nagaoka/
    nagaoka/covid19-vaccination/index.html       /nagaoka/covid19-vaccination/ (latest version)
    nagaoka/covid19-vaccination/v3/index.html    /nagaoka/covid19-vaccination/v3/
    nagaoka/covid19-vaccination/v3/changes/index.html

Search, the JSON index, feeds, the sitemap and file downloads stay dynamic (Django). nginx serves
a file when one exists and passes the request to Django otherwise (deploy/nginx/pia-public.conf).

Each file is written atomically (temporary file, then rename) and only when its bytes changed, with
its gzip beside it (index.html.gz, for nginx's gzip_static). A render holds a lock on the root and
reads the database only while it holds it, so the last render to write has read the newest data.
A root must be empty or hold the marker file of an earlier render: the renderer deletes stale
index.html files under it, and refuses to write into any other directory.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import gzip
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.tasks import task
from django.template.response import SimpleTemplateResponse
from django.utils import translation

from pia.signals import publication_recorded

if TYPE_CHECKING:
    from wagtail.models import Page, Site

    from pia.models import Publication, PublicationArtifact

logger = logging.getLogger(__name__)

MARKER = ".pia-public-site"
LOCK = ".pia-public-site.lock"
INDEX = "index.html"
GZIPPED = "index.html.gz"
TEMP_PREFIX = ".index.html."


class NotAPublicSiteRoot(Exception):
    """The root holds files but no marker of an earlier render: refuse to write or delete there."""


@dataclass
class RenderReport:
    written: list[str] = field(default_factory=list)  # files whose bytes changed (relative to the root)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def rendered(self) -> list[str]:
        return [*self.written, *self.unchanged]


def render_public_site(root: Path | str, *, pages: Iterable[Page] | None = None) -> RenderReport:
    """Render the public pages to files under *root*.

    ``pages=None`` renders every public page and removes the files of every page that is no
    longer public. Otherwise only the given pages are rendered (an assessment page: its latest
    version, every ``v<N>/`` and every ``v<N>/changes/``) and the files of those of them that are
    no longer public (withdrawn, restricted, never published) are removed.
    """
    root = Path(root)
    with _locked(root), translation.override(settings.LANGUAGE_CODE):
        report = RenderReport()
        site = _site()
        if site is None:  # no portal: nothing is public
            targets = []
        elif pages is None:
            targets = list(_public_pages(site.root_page))
        else:
            targets = [page.specific for page in pages]
        kept: set[str] = set()
        for page in targets:
            directory = _directory(page, site)
            if directory is None:
                continue  # not on the public site: nothing of it was ever written
            written = set()
            for url_directory in _url_directories(page, directory) if _is_public(page) else []:
                content = _render(site, url_directory)
                if content is not None:
                    written.add(_write(root, url_directory, content, report))
            kept |= written
            if pages is not None:
                _prune(root, directory, keep=written, report=report, whole_tree=_is_assessment(page))
        if pages is None:
            _prune(root, "", keep=kept, report=report, whole_tree=True)
        return report


# --- which pages, which URLs ------------------------------------------------------------------------


def _is_public_type(page: Page) -> bool:
    """The pages of the public site; any other page type (a form, say) is never written to a file."""
    from pia.models import AssessmentPage, OrganizationPage, PortalHomePage

    return isinstance(page, PortalHomePage | OrganizationPage | AssessmentPage)


def _is_assessment(page: Page) -> bool:
    from pia.models import AssessmentPage

    return isinstance(page, AssessmentPage)


def _site() -> Site | None:
    from wagtail.models import Site

    from pia.models import PortalHomePage

    home = PortalHomePage.objects.first()
    if home is None:
        return None
    site = Site.objects.filter(root_page=home).order_by("-is_default_site", "pk").first()
    if site is None:
        logger.warning("no Wagtail site has the portal home as its root page: no public page is rendered")
    return site


def _public_pages(home: Page) -> Iterator[Page]:
    for page in home.get_descendants(inclusive=True).live().public().specific():
        if _is_public_type(page):
            yield page


def _directory(page: Page, site: Site) -> str | None:
    """The page's directory under the root ('' for the portal's home), or None if it is not on the site."""
    if not _is_public_type(page):
        return None
    site_root = site.root_page.url_path
    if not page.url_path.startswith(site_root):
        return None
    relative = page.url_path[len(site_root) :].strip("/")
    if relative and any(part in {"", ".", ".."} or part.startswith(".") for part in relative.split("/")):
        return None
    return relative


def _is_public(page: Page) -> bool:
    from wagtail.models import PageViewRestriction

    if not page.live:
        return False
    return not PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()


def _url_directories(page: Page, directory: str) -> list[str]:
    """Directories (relative to the root) of the page's public URLs; an assessment has one per view."""
    from pia.models import Publication

    if not _is_assessment(page):
        return [directory]
    versions = list(Publication.objects.for_page(page).values_list("version", flat=True))
    if not versions:
        return []
    found = [directory]
    for version in versions:
        found.append(f"{directory}/v{version}")
        if version > 1:
            found.append(f"{directory}/v{version}/changes")
    return found


def _file_of(url_directory: str) -> str:
    return f"{url_directory}/{INDEX}" if url_directory else INDEX


# --- rendering and writing ---------------------------------------------------------------------------


def _render(site: Site, url_directory: str) -> bytes | None:
    """What an anonymous visitor gets at the URL, through Wagtail's own serve view; None unless a page (200)."""
    from django.test.client import RequestFactory  # builds a request; nothing of the test runner
    from wagtail.views import serve

    path = f"/{url_directory}/" if url_directory else "/"
    request = RequestFactory().get(path, HTTP_HOST=site.hostname, SERVER_PORT=str(site.port))
    request.user = AnonymousUser()
    request.session = {}  # type: ignore[assignment]  # only read, by view restriction checks
    try:
        response = serve(request, path.lstrip("/"))
        if isinstance(response, SimpleTemplateResponse):
            response.render()
    except Http404:
        return None
    if response.status_code != 200 or response.streaming:
        return None
    content = response.content
    if b"csrfmiddlewaretoken" in content:  # a form for one visitor: never a shared file
        logger.warning("%s holds a CSRF token: not written as a public file", path)
        return None
    return content


def _write(root: Path, url_directory: str, content: bytes, report: RenderReport) -> str:
    """Write the page and its gzip beside it (nginx's gzip_static sends that to browsers that take it)."""
    relative = _file_of(url_directory)
    target = root / relative
    compressed = target.with_name(GZIPPED)
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        if target.read_bytes() == content and compressed.is_file():
            report.unchanged.append(relative)  # keep its date and ETag: caches revalidate for nothing
            return relative
    target.parent.mkdir(parents=True, exist_ok=True)
    _replace(compressed, gzip.compress(content, compresslevel=9, mtime=0))
    _replace(target, content)
    report.written.append(relative)
    return relative


def _replace(target: Path, content: bytes) -> None:
    """Write through a temporary file renamed over *target*: a reader sees the old file or the new one."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)  # the web server reads what the renderer writes
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _prune(root: Path, directory: str, *, keep: set[str], report: RenderReport, whole_tree: bool) -> None:
    """Delete the pages under *directory* that were not just rendered: in its whole tree (an assessment's
    own views, or the whole root), else only the page's own (its children are pages of their own)."""
    folder = root / directory if directory else root
    if not folder.is_dir():
        return
    candidates = sorted(folder.rglob(INDEX)) if whole_tree else [folder / INDEX]
    for file in candidates:
        relative = file.relative_to(root).as_posix()
        if relative not in keep and file.is_file():
            file.unlink()
            file.with_name(GZIPPED).unlink(missing_ok=True)
            report.removed.append(relative)
    if whole_tree:
        for orphan in folder.rglob(GZIPPED):
            if not orphan.with_name(INDEX).exists():
                orphan.unlink()
        for stale in folder.rglob(f"{TEMP_PREFIX}*"):  # left by a render that was killed
            stale.unlink(missing_ok=True)
        for sub in sorted((d for d in folder.rglob("*") if d.is_dir()), key=lambda d: len(d.parts), reverse=True):
            with contextlib.suppress(OSError):
                sub.rmdir()  # only when empty
    current = folder
    while current != root:
        try:
            current.rmdir()  # only when empty
        except OSError:
            break
        current = current.parent


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    marker = root / MARKER
    if not marker.exists():
        if any(child.name != LOCK for child in root.iterdir()):
            raise NotAPublicSiteRoot(f"{root} holds files but no {MARKER}: not a public site root, not written")
        marker.write_text(
            "Rendered by pia.public.static: index.html files under this directory are replaced and deleted.\n"
        )
    with open(root / LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# --- keeping the files up to date -----------------------------------------------------------------


def configured_root() -> Path | None:
    root = settings.PIA_PUBLIC_SITE_ROOT
    return Path(root) if root else None


@task()
def render_public_pages(page_ids: list[int] | None) -> dict[str, int]:
    """Re-render the given pages (None: the whole site) under PIA_PUBLIC_SITE_ROOT."""
    from wagtail.models import Page

    root = configured_root()
    if root is None:
        return {}
    pages = None if page_ids is None else Page.objects.filter(pk__in=page_ids).specific()
    report = render_public_site(root, pages=pages)
    return {"written": len(report.written), "unchanged": len(report.unchanged), "removed": len(report.removed)}


def schedule(page_ids: Iterable[int] | None) -> None:
    """Re-render these pages (None: everything) once the current transaction commits."""
    ids = None if page_ids is None else sorted(set(page_ids))
    transaction.on_commit(lambda: render_public_pages.enqueue(ids))


def _when_configured(receiver: Callable[..., None]) -> Callable[..., None]:
    """Receivers do nothing (not even a query) unless PIA_PUBLIC_SITE_ROOT is set."""

    @functools.wraps(receiver)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        if configured_root() is not None:
            receiver(*args, **kwargs)

    return wrapper


def _with_ancestors(page: Page) -> list[int]:
    return list(page.get_ancestors(inclusive=True).values_list("pk", flat=True))


def _with_ancestors_and_descendants(page: Page) -> list[int]:
    return [*_with_ancestors(page), *page.get_descendants().values_list("pk", flat=True)]


@_when_configured
def on_publication_recorded(sender: Any, publication: Publication, **kwargs: Any) -> None:
    # Every view of the assessment lists every version; its organization and the home list the latest.
    schedule(_with_ancestors(publication.page))


@_when_configured
def on_artifact_saved(sender: Any, instance: PublicationArtifact, **kwargs: Any) -> None:
    from pia.models import ArtifactStatus

    if instance.status == ArtifactStatus.READY:  # the version's page lists its files that are ready
        schedule([instance.publication.page_id])


@_when_configured
def on_page_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    # An assessment's publication is rendered when its Publication is recorded; the title of the home
    # or of an organization shows on the pages below it too.
    if _is_public_type(instance) and not _is_assessment(instance):
        schedule(_with_ancestors_and_descendants(instance))


@_when_configured
def on_page_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    schedule(_with_ancestors_and_descendants(instance))


@_when_configured
def on_structure_changed(sender: Any, **kwargs: Any) -> None:
    """A page moved, a slug or a view restriction changed: render all and remove what is no longer public."""
    schedule(None)


def connect() -> None:
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    from pia.models import PublicationArtifact

    publication_recorded.connect(on_publication_recorded, dispatch_uid="pia.public.static.publication")
    post_save.connect(on_artifact_saved, sender=PublicationArtifact, dispatch_uid="pia.public.static.artifact")
    page_published.connect(on_page_published, dispatch_uid="pia.public.static.published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="pia.public.static.unpublished")
    page_slug_changed.connect(on_structure_changed, dispatch_uid="pia.public.static.slug")
    post_page_move.connect(on_structure_changed, dispatch_uid="pia.public.static.move")
    for signal in (post_save, post_delete):
        signal.connect(on_structure_changed, sender=PageViewRestriction, dispatch_uid="pia.public.static.restriction")
