"""What is claimed: assessments as Wagtail pages whose sections are StreamFields.

The page tree is: PortalHomePage → OrganizationPage (one per 評価実施機関) →
assessment pages. Page permissions granted on an OrganizationPage keep each
organization's staff inside their own assessments.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from pia.forms.blocks import section_field_name, stream_fields
from pia.forms.document import build_document
from pia.forms.loader import get_definition
from pia.forms.schema import FormDefinition
from pia.forms.validation import Finding, consistency_warnings
from pia.forms.values import Values, section_stream_from_values, section_values_from_stream
from pia.page_forms import GuardedPageForm
from pia.panels import DriftPanel, FindingsPanel, VersionLinksPanel, WorkflowNoticePanel


class PortalHomePage(RoutablePageMixin, Page):
    """The public entry point of the disclosure site: latest publications, organizations, search."""

    intro = models.TextField("紹介文", blank=True)
    template = "pia/public/home.html"

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    base_form_class = GuardedPageForm
    subpage_types = ["pia.OrganizationPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "ポータルトップ"

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from pia.public import latest_publications

        context = super().get_context(request, *args, **kwargs)
        organizations = OrganizationPage.objects.live().child_of(self).select_related("organization")
        context.update(latest=latest_publications(), organizations=organizations.order_by("title"))
        return context

    @path("search/", name="search")
    def search(self, request):
        from pia.public import search

        query = request.GET.get("q", "")[:200]
        return self.render(
            request,
            context_overrides={"query": query, "results": search(query) if query.strip() else None},
            template="pia/public/search.html",
        )


class OrganizationPage(Page):
    """The home of one 評価実施機関's assessments; permissions are granted here."""

    organization = models.OneToOneField(
        "registry.Organization", on_delete=models.PROTECT, related_name="page", verbose_name="評価実施機関"
    )

    content_panels = [*Page.content_panels, FieldPanel("organization")]
    base_form_class = GuardedPageForm
    parent_page_types = ["pia.PortalHomePage"]
    subpage_types = ["pia.JutenAssessmentPage"]
    template = "pia/public/organization.html"

    class Meta:
        verbose_name = "評価実施機関ページ"

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from pia.public import assessments_of

        context = super().get_context(request, *args, **kwargs)
        context["publications"] = assessments_of(self)
        return context


class AssessmentPage(RoutablePageMixin, Page):
    """An assessment of one affair (事務) in one form kind and edition.

    Its public URLs show publications only: the latest at the page's URL, every earlier
    one at ``v<N>/``, what each changed at ``v<N>/changes/``, its files at ``v<N>/files/<kind>/``.
    """

    FORM_DEFINITION_ID = ""

    definition_id = models.CharField("様式", max_length=50, editable=False)
    affair = models.CharField("事務の名称", max_length=200, help_text="一覧・検索に用いる事務の名称")
    affair_ended_on = models.DateField(
        "事務の終了日",
        null=True,
        blank=True,
        help_text="事務を終了した日。公表サイトの一覧に「終了」と表示します（評価書の公表は終了後も続けます）。",
    )

    search_fields = [*Page.search_fields, index.SearchField("affair")]
    base_form_class = GuardedPageForm
    parent_page_types = ["pia.OrganizationPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.definition_id:
            self.definition_id = self.FORM_DEFINITION_ID
        super().save(*args, **kwargs)

    def permissions_for_user(self, user):
        # Deleting an assessment is for approvers and administrators only (see pia.deletion).
        from pia.deletion import AssessmentPermissionTester

        return AssessmentPermissionTester(user, self)

    @property
    def definition(self) -> FormDefinition:
        return get_definition(self.definition_id or self.FORM_DEFINITION_ID)

    @property
    def organization_page(self) -> OrganizationPage | None:
        parent = self.get_parent()
        return parent.specific if parent is not None and isinstance(parent.specific, OrganizationPage) else None

    @property
    def identifier(self) -> str:
        org_page = self.organization_page
        return f"{org_page.organization.slug}/{self.slug}" if org_page else self.slug

    def get_values(self) -> Values:
        """The form values held by this page instance (saved or not)."""
        values: Values = {}
        for section in self.definition.editable_sections:
            field = self._meta.get_field(section_field_name(section))
            raw = field.get_prep_value(getattr(self, field.attname))
            values[section.key] = section_values_from_stream(section, raw if isinstance(raw, list) else [])
        return values

    def set_values(self, values: Values) -> None:
        for cached in ("_document", "_findings", "_evidence"):
            self.__dict__.pop(cached, None)
        for section in self.definition.editable_sections:
            if section.key in values:
                setattr(self, section_field_name(section), section_stream_from_values(section, values[section.key]))

    def resolved_document(self, *, as_of=None, revision_id: int | None = None) -> dict[str, Any]:
        """The resolved document of this instance's values, registry links read as of *as_of* (now: None)."""
        from pia.links import resolve_link

        moment = as_of or timezone.now()
        org_page = self.organization_page
        meta = {
            "identifier": self.identifier,
            "title": self.title,
            "affair": self.affair,
            "organization": org_page.organization.name if org_page else "",
            "page_id": self.pk,
            "revision_id": revision_id if revision_id is not None else self.latest_revision_id,
            "as_of": timezone.localtime(moment).isoformat(),
        }
        return build_document(self.definition, self.get_values(), meta, resolver=resolve_link, as_of=as_of)

    def _editor_document(self) -> dict[str, Any]:
        # Every tab of the editor asks; resolve the document once per instance (set_values forgets it).
        if "_document" not in self.__dict__:
            self.__dict__["_document"] = self.resolved_document()
        return self.__dict__["_document"]

    def consistency_findings(self) -> list[Finding]:
        if "_findings" not in self.__dict__:
            from pia.evidence import evidence_warnings

            self.__dict__["_findings"] = [
                *consistency_warnings(self._editor_document(), self.definition.count_rules),
                *evidence_warnings(self.evidence_verdicts()),
            ]
        return self.__dict__["_findings"]

    def evidence_verdicts(self):
        """The latest verdict of every evidence check beside the items it supports (for the editor)."""
        if "_evidence" not in self.__dict__:
            from pia.evidence import supporting_verdicts

            self.__dict__["_evidence"] = supporting_verdicts(self, self._editor_document())
        return self.__dict__["_evidence"]

    def latest_publication(self):
        return self.publications.order_by("-version").first()

    def published_document(self) -> dict[str, Any]:
        """The live version exactly as published: its frozen document (DESIGN §2)."""
        publication = self.latest_publication()
        if publication is not None:
            return publication.document
        live = self.live_revision.as_object() if self.live_revision else self
        return live.resolved_document(as_of=self.last_published_at, revision_id=self.live_revision_id)

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # A preview shows the draft as it would print now; the live page never changes after publication.
        is_preview = getattr(request, "is_preview", False)
        context["document"] = self.resolved_document() if is_preview else self.published_document()
        return context

    @path("", name="latest")
    def latest_version(self, request):
        if getattr(request, "is_preview", False):
            return self.render(request, template="pia/assessment_page.html")  # the editor's preview of a draft
        from pia.public import public_version

        return self.render(request, context_overrides={"view": public_version(self)}, template=PUBLIC_TEMPLATE)

    @path("v<int:version>/", name="version")
    def archived_version(self, request, version: int):
        from pia.public import public_version

        view = public_version(self, version)
        return self.render(request, context_overrides={"view": view}, template=PUBLIC_TEMPLATE)

    @path("v<int:version>/changes/", name="changes")
    def version_changes(self, request, version: int):
        from pia.public import public_changes

        old, new, changes = public_changes(self, version)
        return self.render(
            request,
            context_overrides={"old": old, "new": new, "changes": changes},
            template="pia/public/changes.html",
        )

    @path("v<int:version>/files/<slug:kind>/", name="file")
    def download(self, request, version: int, kind: str):
        from pia.public import file_response, public_file

        response = file_response(public_file(self, version, kind), self.identifier)
        response["Cache-Control"] = "public, max-age=31536000, immutable"  # a publication's file never changes
        return response


PUBLIC_TEMPLATE = "pia/public/assessment.html"


def assessment_edit_handler(definition: FormDefinition) -> TabbedInterface:
    tabs = []
    for section in definition.editable_sections:
        # A section printed once has exactly one block: hide the stream's add/move/delete controls.
        classname = "" if section.per_file else "pia-singleton"
        panels = [FindingsPanel(section=section.key), FieldPanel(section_field_name(section), classname=classname)]
        if section.key == "cover":
            title = FieldPanel("title", heading="評価書名（管理用）", help_text="一覧に表示する名称")
            notices = [WorkflowNoticePanel(), VersionLinksPanel(), DriftPanel()]
            panels = [*notices, title, FieldPanel("affair"), FieldPanel("affair_ended_on"), *panels]
        tabs.append(ObjectList(panels, heading=section.tab))
    tabs.append(ObjectList(Page.promote_panels, heading="公開設定"))
    tabs.append(ObjectList(Page.settings_panels, heading="設定"))
    return TabbedInterface(tabs)


_JUTEN = get_definition("juten-r06-10")


class JutenAssessmentPage(AssessmentPage):
    """特定個人情報保護評価書（重点項目評価書）[令和６年10月　様式３]."""

    FORM_DEFINITION_ID = _JUTEN.id
    vars().update(stream_fields(_JUTEN))
    edit_handler = assessment_edit_handler(_JUTEN)
    template = "pia/assessment_page.html"

    class Meta:
        verbose_name = "重点項目評価書"
        verbose_name_plural = "重点項目評価書"
