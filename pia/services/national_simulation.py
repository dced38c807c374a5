"""Synthetic national-scale data: many bodies, assessments and publications, for measuring the portal.

Bodies are named 模擬市0001長 … (slug ``sim-0001`` …) and hold assessments whose publications
carry documents derived from publications already in the database (the demo's): the document is
the template's, with the assessment's own identity (organization, title, affair, identifier, page
and revision) in its meta block, so its content hash is the template's (the hash leaves the meta
block out) and its search text is what :func:`document_text` gives for it.

Rows are bulk-created: Wagtail's tree is respected by computing materialized paths (treebeard's
``_get_path``) under the portal home and updating ``numchild``, as ``add_child`` would. Nothing is
rendered (no PDF, no static page) and no signal is sent: the data is for measurement only. On
PostgreSQL the publications are written by one INSERT … SELECT per batch that derives each document
from its template on the server; elsewhere they go through ``bulk_create``.

Real bodies' data is never touched: the run is refused when the database holds a body that is
neither synthetic nor the demo's (unless forced). A second run adds bodies after the last synthetic one.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from wagtail.models import Locale, Page, Revision

from controls.threshold import KIND_REQUIRED, Required
from pia.formdef.search_text import document_text, normalize
from pia.models import AssessmentPage, OrganizationPage, PortalHomePage, Publication
from pia.models.lookup import assessment_pages
from registry.models import Organization

SYNTHETIC_SLUG_PREFIX = "sim-"
DEMO_SLUGS = frozenset({"nagaoka", "midorino"})
BODIES_PER_BATCH = 50
JST = dt.timezone(dt.timedelta(hours=9))

# How often each kind appears among a body's assessments, by what the law requires of it: most
# affairs need a 基礎 only, fewer a 重点 too, few a 全項目.
WEIGHTS_BY_REQUIREMENT = {Required.KISO: 16, Required.JUTEN: 7, Required.ZENKOMOKU: 2}
KIND_WEIGHTS = {
    kind: WEIGHTS_BY_REQUIREMENT[need] for kind, need in KIND_REQUIRED.items() if need in WEIGHTS_BY_REQUIREMENT
}

AFFAIRS = (
    "住民基本台帳に関する事務",
    "個人住民税の賦課に関する事務",
    "固定資産税の賦課に関する事務",
    "国民健康保険に関する事務",
    "後期高齢者医療に関する事務",
    "介護保険に関する事務",
    "国民年金に関する事務",
    "児童手当に関する事務",
    "児童扶養手当に関する事務",
    "生活保護に関する事務",
    "障害者福祉サービスに関する事務",
    "予防接種に関する事務",
    "母子保健に関する事務",
    "健康増進事業に関する事務",
    "特別児童扶養手当に関する事務",
    "就学援助に関する事務",
    "公営住宅の管理に関する事務",
    "軽自動車税の賦課に関する事務",
    "法人住民税の賦課に関する事務",
    "収納管理に関する事務",
    "子ども・子育て支援に関する事務",
    "難病患者への医療費助成に関する事務",
    "ひとり親家庭等医療費助成に関する事務",
    "被災者生活再建支援に関する事務",
    "戸籍に関する事務",
)


class SimulationRefused(Exception):
    """The database is not one to fill with synthetic data."""


@dataclass(frozen=True)
class Template:
    """The documents of one existing assessment, oldest first, and the page class they belong to."""

    model: type[AssessmentPage]
    definition_id: str
    kind: str
    kind_label: str
    documents: list[dict[str, Any]]
    hashes: list[str]
    bodies: list[str]  # document_text of each document without its meta block (the meta is the copy's own)


@dataclass
class SimulationReport:
    bodies: int = 0
    assessments: int = 0
    publications: int = 0
    seconds: float = 0.0
    lines: list[str] = field(default_factory=list)


def synthetic_organizations() -> models.QuerySet[Organization]:
    return Organization.objects.filter(slug__startswith=SYNTHETIC_SLUG_PREFIX)


def check_database(*, force: bool) -> None:
    """Refuse a database that holds bodies other than synthetic ones and the demo's, unless *force*."""
    real = Organization.objects.exclude(slug__startswith=SYNTHETIC_SLUG_PREFIX).exclude(slug__in=DEMO_SLUGS)
    if real.exists() and not force:
        names = "、".join(real.order_by("name").values_list("name", flat=True)[:5])
        raise SimulationRefused(
            f"このデータベースにはデモ以外の評価実施機関（{names} など）があります。"
            "模擬データは測定用のデータベースにだけ作成します（それでも作成する場合は --force）。"
        )


def load_templates() -> list[Template]:
    """The assessments already published by bodies that are not synthetic (the demo's), documents in version order."""
    templates = []
    sources = OrganizationPage.objects.exclude(organization__slug__startswith=SYNTHETIC_SLUG_PREFIX)
    paths = [Q(path__startswith=path) for path in sources.values_list("path", flat=True)]
    if not paths:
        paths = [Q(pk__in=[])]
    pages = assessment_pages().filter(reduce(operator.or_, paths), publications__isnull=False).distinct()
    for page in pages.specific():
        publications = list(Publication.objects.for_page(page).only("document", "content_hash"))
        documents = [publication.document for publication in publications]
        definition = documents[-1].get("definition", {})
        templates.append(
            Template(
                model=type(page),
                definition_id=page.definition_id,
                kind=str(definition.get("kind") or ""),
                kind_label=str(definition.get("kind_label") or ""),
                documents=documents,
                hashes=[publication.content_hash for publication in publications],
                bodies=[document_text({**document, "assessment": {}}) for document in documents],  # type: ignore[typeddict-item]
            )
        )
    if not templates:
        raise SimulationRefused(
            "元にする公表版がありません。先にデモを作成してください（python manage.py load_demo）。"
        )
    return templates


def _kind_plan(templates: Sequence[Template], assessments: int) -> list[Template]:
    """The templates of one body's assessments, kinds in proportion to KIND_WEIGHTS."""
    by_kind: dict[str, list[Template]] = {}
    for template in templates:
        by_kind.setdefault(template.kind, []).append(template)
    cycle: list[Template] = []
    counters: dict[str, int] = {}
    for kind, weight in KIND_WEIGHTS.items():
        for _ in range(weight):
            if kind in by_kind:
                n = counters.get(kind, 0)
                counters[kind] = n + 1
                cycle.append(by_kind[kind][n % len(by_kind[kind])])
    if not cycle:
        cycle = list(templates)
    rng = random.Random(25)  # noqa: S311 - synthetic data, the same every run
    rng.shuffle(cycle)
    return [cycle[n % len(cycle)] for n in range(assessments)]


class Simulation:
    def __init__(
        self,
        *,
        bodies: int,
        assessments: int,
        versions: int,
        progress: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.bodies = bodies
        self.assessments = assessments
        self.versions = versions
        self.progress = progress
        self.templates = load_templates()
        self.plan = _kind_plan(self.templates, assessments)
        home = PortalHomePage.objects.first()
        if home is None:
            raise SimulationRefused("公表サイトのトップページがありません。先にデモを作成してください。")
        self.home: PortalHomePage = home
        self.locale_id = Locale.get_default().pk
        self.org_type = ContentType.objects.get_for_model(OrganizationPage)
        self.page_type = ContentType.objects.get_for_model(Page)
        self.types = {t.model: ContentType.objects.get_for_model(t.model) for t in self.templates}
        self.template_ids = {id(t): n for n, t in enumerate(self.templates)}
        self.rng = random.Random(1800)  # noqa: S311 - synthetic data
        self.postgres = connection.vendor == "postgresql"

    def run(self) -> SimulationReport:
        report = SimulationReport()
        started = time.perf_counter()
        if self.postgres:
            self._postgres_templates()
        next_step = self._next_child_step(self.home)
        existing = synthetic_organizations().count()
        for first in range(existing, existing + self.bodies, BODIES_PER_BATCH):
            numbers = range(first + 1, min(first + BODIES_PER_BATCH, existing + self.bodies) + 1)
            with transaction.atomic():
                made = self._batch(numbers, next_step)
            next_step += len(numbers)
            report.bodies += len(numbers)
            report.assessments += made[0]
            report.publications += made[1]
            line = (
                f"評価実施機関 {report.bodies:,}/{self.bodies:,}　評価書 {report.assessments:,}　"
                f"公表版 {report.publications:,}（{time.perf_counter() - started:.1f} 秒）"
            )
            self.progress(line)
        if self.postgres:
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE IF EXISTS pg_temp.sim_template")
                cursor.execute("RESET default_toast_compression")
                for table in ("wagtailcore_page", "wagtailcore_revision", "pia_publication", "registry_organization"):
                    cursor.execute(f"ANALYZE {table}")  # noqa: S608 - fixed table names
        report.seconds = time.perf_counter() - started
        return report

    # --- the tree -------------------------------------------------------------------------------

    @staticmethod
    def _next_child_step(parent: Page) -> int:
        last = parent.get_last_child()
        if last is None:
            return 1
        return Page._str2int(last.path[-Page.steplen :]) + 1

    def _page(
        self, *, path: str, depth: int, numchild: int, title: str, slug: str, url_path: str, **extra: Any
    ) -> Page:
        return Page(
            path=path,
            depth=depth,
            numchild=numchild,
            title=title,
            draft_title=title,
            slug=slug,
            url_path=url_path,
            live=True,
            has_unpublished_changes=False,
            locale_id=self.locale_id,
            translation_key=uuid.uuid4(),
            **extra,
        )

    def _batch(self, numbers: range, first_step: int) -> tuple[int, int]:
        organizations = Organization.objects.bulk_create(
            Organization(
                name=f"模擬市{n:04d}長",
                slug=f"{SYNTHETIC_SLUG_PREFIX}{n:04d}",
                municipality=f"模擬市{n:04d}",
            )
            for n in numbers
        )
        first_published = dt.datetime(2019, 4, 1, 9, tzinfo=JST)
        org_pages = Page.objects.bulk_create(
            self._page(
                path=Page._get_path(self.home.path, self.home.depth + 1, first_step + i),
                depth=self.home.depth + 1,
                numchild=self.assessments,
                title=organization.name,
                slug=organization.slug,
                url_path=f"{self.home.url_path}{organization.slug}/",
                content_type=self.org_type,
                first_published_at=first_published,
                last_published_at=first_published,
            )
            for i, organization in enumerate(organizations)
        )
        _insert_children(
            OrganizationPage,
            [
                OrganizationPage(page_ptr_id=page.pk, organization_id=organization.pk)
                for page, organization in zip(org_pages, organizations, strict=True)
            ],
        )
        Page.objects.filter(pk=self.home.pk).update(numchild=F("numchild") + len(org_pages))

        # Assessment pages: their dates first (versions about a year apart, from 2019 on).
        specs = []
        for org_page, organization in zip(org_pages, organizations, strict=True):
            for index, template in enumerate(self.plan):
                start = dt.date(2019, 4, 1) + dt.timedelta(days=self.rng.randrange(0, 1500))
                days = [start + dt.timedelta(days=365 * v + self.rng.randrange(0, 60)) for v in range(self.versions)]
                affair = AFFAIRS[index % len(AFFAIRS)]
                specs.append((org_page, organization, index, template, affair, days))
        pages = Page.objects.bulk_create(
            self._page(
                path=Page._get_path(org_page.path, org_page.depth + 1, index + 1),
                depth=org_page.depth + 1,
                numchild=0,
                title=f"{affair} {template.kind_label}",
                slug=f"hyokasho-{index + 1:02d}",
                url_path=f"{org_page.url_path}hyokasho-{index + 1:02d}/",
                content_type=self.types[template.model],
                first_published_at=_moment(days[0], 0),
                last_published_at=_moment(days[-1], 0),
                latest_revision_created_at=_moment(days[-1], 0),
            )
            for org_page, _organization, index, template, affair, days in specs
        )
        by_model: dict[type[AssessmentPage], list[AssessmentPage]] = {}
        for page, (_org_page, _organization, _index, template, affair, _days) in zip(pages, specs, strict=True):
            by_model.setdefault(template.model, []).append(
                template.model(page_ptr_id=page.pk, definition_id=template.definition_id, affair=affair)
            )
        for model, children in by_model.items():
            _insert_children(model, children)

        # One revision per publication (a publication names the revision it froze).
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=self.types[template.model],
                base_content_type=self.page_type,
                object_id=str(page.pk),
                created_at=_moment(day, page.pk),
                object_str=page.title,
                content={
                    "pk": page.pk,
                    "title": page.title,
                    "slug": page.slug,
                    "affair": affair,
                    "definition_id": template.definition_id,
                },
            )
            for page, (_org_page, _organization, _index, template, affair, days) in zip(pages, specs, strict=True)
            for day in days
        )
        rows = []
        revision_iter = iter(revisions)
        for page, (_org_page, organization, _index, template, affair, days) in zip(pages, specs, strict=True):
            count = len(template.documents)
            for version, day in enumerate(days, start=1):
                revision = next(revision_iter)
                # The template's last versions, oldest first (its one version repeated when it has fewer).
                source = max(0, count - self.versions + version - 1)
                meta = {
                    "identifier": f"{organization.slug}/{page.slug}",
                    "title": page.title,
                    "affair": affair,
                    "organization": organization.name,
                    "page_id": page.pk,
                    "revision_id": revision.pk,
                    "as_of": _moment(day, page.pk).isoformat(),
                }
                rows.append((page, version, revision, day, template, source, meta))
        self._publications(rows)
        latest = {page.pk: revision.pk for page, _v, revision, _d, _t, _s, _m in rows}
        _set_revisions(latest)
        return len(pages), len(rows)

    # --- publications ---------------------------------------------------------------------------

    def _search_text(self, template: Template, source: int, meta: dict[str, Any]) -> str:
        identity = normalize("\n".join(str(meta[key]) for key in ("organization", "title", "affair", "identifier")))
        return f"{identity}\n{template.bodies[source]}" if template.bodies[source] else identity

    def _publications(self, rows: list[tuple[Any, ...]]) -> None:
        if self.postgres:
            self._postgres_publications(rows)
            return
        Publication.objects.bulk_create(
            (
                Publication(
                    page_id=page.pk,
                    version=version,
                    revision_id=revision.pk,
                    published_at=_moment(day, page.pk),
                    kohyo_bi=day,
                    document={**template.documents[source], "assessment": meta},
                    content_hash=template.hashes[source],
                    notes=[],
                    search_text=self._search_text(template, source, meta),
                )
                for page, version, revision, day, template, source, meta in rows
            ),
            batch_size=500,
        )

    def _postgres_templates(self) -> None:
        """The template documents in a temporary table, so that each copy is derived on the server."""
        with connection.cursor() as cursor:
            cursor.execute("SET default_toast_compression = 'lz4'")  # this session only (reset after): faster
            cursor.execute("DROP TABLE IF EXISTS pg_temp.sim_template")
            cursor.execute(
                "CREATE TEMPORARY TABLE sim_template (template int, source int, document jsonb, content_hash text,"
                " PRIMARY KEY (template, source))"
            )
            for n, template in enumerate(self.templates):
                for source, (document, digest) in enumerate(zip(template.documents, template.hashes, strict=True)):
                    cursor.execute(
                        "INSERT INTO sim_template VALUES (%s, %s, %s::jsonb, %s)",
                        [n, source, json.dumps(document, ensure_ascii=False), digest],
                    )

    def _postgres_publications(self, rows: list[tuple[Any, ...]]) -> None:
        columns: list[list[Any]] = [[] for _ in range(9)]
        for page, version, revision, day, template, source, meta in rows:
            for column, value in zip(
                columns,
                (
                    page.pk,
                    version,
                    revision.pk,
                    _moment(day, page.pk),
                    day,
                    self.template_ids[id(template)],
                    source,
                    json.dumps(meta, ensure_ascii=False),
                    self._search_text(template, source, meta),
                ),
                strict=True,
            ):
                column.append(value)
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO pia_publication
                  (page_id, version, revision_id, published_at, kohyo_bi, document, content_hash, notes, search_text)
                SELECT r.page_id, r.version, r.revision_id, r.published_at, r.kohyo_bi,
                       jsonb_set(t.document, '{assessment}', r.meta::jsonb), t.content_hash, '[]'::jsonb, r.search_text
                FROM unnest(%s::int[], %s::int[], %s::int[], %s::timestamptz[], %s::date[], %s::int[], %s::int[],
                            %s::text[], %s::text[])
                     AS r(page_id, version, revision_id, published_at, kohyo_bi, template, source, meta, search_text)
                JOIN sim_template t ON t.template = r.template AND t.source = r.source
                """,
                columns,
            )


def _moment(day: dt.date, salt: int) -> dt.datetime:
    """9:00 Japan time on *day*, plus a few minutes so that no two publications share a moment."""
    return dt.datetime.combine(day, dt.time(9), tzinfo=JST) + dt.timedelta(seconds=salt % 3600)


def _insert_children(model: type[Page], children: list[Any]) -> None:
    """Insert the rows of a page subclass's own table (``bulk_create`` refuses multi-table inheritance)."""
    fields = list(model._meta.local_concrete_fields)
    for start in range(0, len(children), 500):
        model._base_manager._insert(children[start : start + 500], fields=fields, raw=True)


def _set_revisions(latest: dict[int, int]) -> None:
    """Point each page at its last revision, as publishing it would have."""
    with connection.cursor() as cursor:
        ids = sorted(latest)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cases = " ".join("WHEN %s THEN %s" for _ in chunk)
            params: list[int] = []
            for page_id in chunk:
                params += [page_id, latest[page_id]]
            placeholders = ", ".join("%s" for _ in chunk)
            cursor.execute(
                f"UPDATE wagtailcore_page SET latest_revision_id = CASE id {cases} END, "  # noqa: S608 - placeholders only
                f"live_revision_id = CASE id {cases} END WHERE id IN ({placeholders})",
                [*params, *params, *chunk],
            )


def simulate_national(
    *,
    bodies: int,
    assessments: int,
    versions: int,
    force: bool = False,
    progress: Callable[[str], None] = lambda line: None,
) -> SimulationReport:
    """Fill the database with synthetic bodies, assessments and publications (see the module's docstring)."""
    if bodies < 1 or assessments < 1 or versions < 1:
        raise SimulationRefused("機関数・評価書数・版数は 1 以上で指定してください。")
    if assessments > 999:
        raise SimulationRefused("1機関あたりの評価書は 999 件までです。")
    check_database(force=force)
    report = Simulation(bodies=bodies, assessments=assessments, versions=versions, progress=progress).run()
    report.lines.append(
        f"作成: 模擬の評価実施機関 {report.bodies:,}、評価書 {report.assessments:,}、公表版 {report.publications:,}"
        f"（{report.seconds:.1f} 秒、{timezone.now():%Y-%m-%d %H:%M}）"
    )
    return report
