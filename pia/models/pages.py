"""What is claimed: assessments as Wagtail pages whose sections are StreamFields.

The page tree is: PortalHomePage → OrganizationPage (one per 評価実施機関) →
assessment pages. Page permissions granted on an OrganizationPage keep each
organization's staff inside their own assessments.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageBase
from wagtail.search import index

from pia.formdef.affair_end import mark_affair_ended
from pia.formdef.blocks import section_field_name, stream_fields
from pia.formdef.document import build_document
from pia.formdef.links import resolve_link
from pia.formdef.loader import DefinitionError, get_definition
from pia.formdef.schema import FormDefinition, Role
from pia.formdef.values import Values, section_stream_from_values, section_values_from_stream
from pia.models.deletion import AssessmentPermissionTester
from pia.models.page_forms import GuardedPageForm
from pia.models.site import public_site

if TYPE_CHECKING:
    from pia.admin.permissions import RequestUser
    from pia.formdef.types import AssessmentMeta, ResolvedDocument
    from pia.models.publications import Publication


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

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(public_site().home_context(self))
        return context

    @path("search/", name="search")
    def search(self, request: HttpRequest) -> HttpResponse:
        return public_site().search(self, request)


class OrganizationPage(Page):
    """The home of one 評価実施機関's assessments; permissions are granted here."""

    organization = models.OneToOneField(
        "registry.Organization", on_delete=models.PROTECT, related_name="page", verbose_name="評価実施機関"
    )

    content_panels = [*Page.content_panels, FieldPanel("organization")]
    base_form_class = GuardedPageForm
    parent_page_types = ["pia.PortalHomePage"]
    template = "pia/public/organization.html"

    class Meta:
        verbose_name = "評価実施機関ページ"

    @classmethod
    def allowed_subpage_models(cls) -> list[type[Page]]:
        # Every registered form kind and edition may be created here (see AssessmentPageBase).
        return list(ASSESSMENT_PAGE_CLASSES.values())

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(public_site().organization_context(self))
        return context


# Form definition id → its page class: one class per kind and edition (see AssessmentPageBase).
ASSESSMENT_PAGE_CLASSES: dict[str, type[AssessmentPage]] = {}


class AssessmentPageBase(PageBase):
    """Builds an assessment page class from the form definition it is declared with.

    ``class JutenAssessmentPage(AssessmentPage, definition="juten-r06-10")`` gets one
    StreamField per editable section of that definition and is registered as the page
    class of the definition. Only the sections' keys and labels are read here; the definition
    is loaded, and the fields' blocks built, on first use. The blocks never reach a migration
    (:class:`pia.formdef.fields.DefinitionStreamField`).
    """

    def __new__(
        mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any], definition: str = "", **kwargs: Any
    ) -> AssessmentPageBase:
        if definition:
            attrs.update(stream_fields(definition))
            attrs["FORM_DEFINITION_ID"] = definition
            attrs.setdefault("template", "pia/assessment_page.html")  # else Wagtail names one per class
        cls = super().__new__(mcs, name, bases, attrs, **kwargs)
        if definition:
            if definition in ASSESSMENT_PAGE_CLASSES:
                raise TypeError(f"form definition {definition} already has a page class")
            ASSESSMENT_PAGE_CLASSES[definition] = cls
        return cls

    def __init__(
        cls, name: str, bases: tuple[type, ...], attrs: dict[str, Any], definition: str = "", **kwargs: Any
    ) -> None:
        super().__init__(name, bases, attrs, **kwargs)


def page_class_for(definition_id: str) -> type[AssessmentPage]:
    """The page class whose values are read against *definition_id*."""
    from pia.formdef.editions import structure_of

    try:
        # An older edition shares its sections with a newer one, whose page class holds it.
        return ASSESSMENT_PAGE_CLASSES[structure_of(definition_id)]
    except (KeyError, DefinitionError):
        raise LookupError(f"様式 {definition_id} の評価書ページがありません") from None


class AssessmentPage(RoutablePageMixin, Page, metaclass=AssessmentPageBase):
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
    template = "pia/assessment_page.html"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.definition_id:
            self.definition_id = self.FORM_DEFINITION_ID
        if self.definition_id != self.FORM_DEFINITION_ID:
            from pia.formdef.editions import structure_of

            # An assessment kept on an older edition of its kind, until moved to this one (様式の改版に移行).
            if structure_of(self.definition_id) != self.FORM_DEFINITION_ID:
                raise ValueError(f"{type(self).__name__} holds {self.FORM_DEFINITION_ID}, not {self.definition_id}")
        super().save(*args, **kwargs)

    def permissions_for_user(self, user: RequestUser) -> AssessmentPermissionTester:
        # Deleting an assessment is for approvers and administrators only (see pia.models.deletion).
        return AssessmentPermissionTester(user, self)

    @classmethod
    def definition_of_class(cls) -> FormDefinition:
        """The definition this page class was declared with."""
        return get_definition(cls.FORM_DEFINITION_ID)

    @property
    def definition(self) -> FormDefinition:
        """The definition the stored values are read against (the page's own, stored per page)."""
        return get_definition(self.definition_id or self.FORM_DEFINITION_ID)

    @property
    def organization_page(self) -> OrganizationPage | None:
        parent = self.get_parent()
        return parent.specific if parent is not None and isinstance(parent.specific, OrganizationPage) else None

    @property
    def identifier(self) -> str:
        org_page = self.organization_page
        return f"{org_page.organization.slug}/{self.slug}" if org_page else self.slug

    def latest_draft(self) -> AssessmentPage:
        """The page as of its latest revision (the draft an officer is working on)."""
        revision = self.latest_revision
        return revision.as_object() if revision is not None else self

    def get_values(self) -> Values:
        """The form values held by this page instance (saved or not)."""
        values: Values = {}
        for section in self.definition.editable_sections:
            field = self._meta.get_field(section_field_name(section))
            raw = field.get_prep_value(getattr(self, field.attname))
            values[section.key] = section_values_from_stream(section, raw if isinstance(raw, list) else [])
        return values

    def role_value(self, role: Role) -> Any:
        """The stored value of the cover item with *role* (None when the form has no such item)."""
        try:
            section, item = self.definition.item_with_role(role)
        except KeyError:
            return None
        return (self.get_values().get(section.key) or {}).get(item.key)

    def set_role_value(self, role: Role, value: Any) -> None:
        """Set the cover item with *role* on this instance (nothing when the form has no such item)."""
        try:
            section, item = self.definition.item_with_role(role)
        except KeyError:
            return
        values = self.get_values()
        entries = section.entries(values.get(section.key))
        entries[0] = {**entries[0], item.key: value}
        self.set_values({section.key: section.stored(entries)})

    def set_values(self, values: Values) -> None:
        for cached in [key for key in self.__dict__ if key.startswith("_editor_")]:
            self.__dict__.pop(cached, None)
        for section in self.definition.editable_sections:
            if section.key in values:
                setattr(self, section_field_name(section), section_stream_from_values(section, values[section.key]))
        # A section of the current form that the page's older edition lacks holds one empty entry, as a blank
        # section does, so that the editor's form stays valid (it is neither printed nor read).
        own = {section.key for section in self.definition.editable_sections}
        for section in self.definition_of_class().editable_sections:
            name = section_field_name(section)
            if section.key not in own and not getattr(self, name):
                setattr(self, name, section_stream_from_values(section, section.stored([{}])))

    def resolved_document(
        self, *, as_of: dt.datetime | None = None, revision_id: int | None = None
    ) -> ResolvedDocument:
        """The resolved document of this instance's values, registry links read as of *as_of* (now: None)."""
        moment = as_of or timezone.now()
        org_page = self.organization_page
        meta: AssessmentMeta = {
            "identifier": self.identifier,
            "title": self.title,
            "affair": self.affair,
            "organization": org_page.organization.name if org_page else "",
            "page_id": self.pk,
            "revision_id": revision_id if revision_id is not None else self.latest_revision_id,
            "as_of": timezone.localtime(moment).isoformat(),
        }
        document = build_document(self.definition, self.get_values(), meta, resolver=resolve_link, as_of=as_of)
        return mark_affair_ended(document, self.affair_ended_on)

    def editor_document(self) -> ResolvedDocument:
        """The document as the editor's panels show it, resolved once per instance (set_values forgets it)."""
        if "_editor_document" not in self.__dict__:
            self.__dict__["_editor_document"] = self.resolved_document()
        return self.__dict__["_editor_document"]

    def latest_publication(self) -> Publication | None:
        return self.publications.order_by("-version").first()

    def published_document(self) -> ResolvedDocument:
        """The live version exactly as published: its frozen document (DESIGN §2)."""
        publication = self.latest_publication()
        if publication is not None:
            return publication.document
        live = self.live_revision.as_object() if self.live_revision else self
        return live.resolved_document(as_of=self.last_published_at, revision_id=self.live_revision_id)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # A preview shows the draft as it would print now; the live page never changes after publication.
        is_preview = getattr(request, "is_preview", False)
        context["document"] = self.resolved_document() if is_preview else self.published_document()
        return context

    # The public URLs are routes of the page (Wagtail's RoutablePageMixin); their views live in
    # pia.public, which sits above the models and installs itself at start-up (pia.models.site).

    @path("", name="latest")
    def latest_version(self, request: HttpRequest) -> HttpResponse:
        if getattr(request, "is_preview", False):
            return self.render(request, template=self.template)  # the editor's preview of a draft
        return public_site().version(self, request, None)

    @path("v<int:version>/", name="version")
    def archived_version(self, request: HttpRequest, version: int) -> HttpResponse:
        return public_site().version(self, request, version)

    @path("v<int:version>/changes/", name="changes")
    def version_changes(self, request: HttpRequest, version: int) -> HttpResponse:
        return public_site().changes(self, request, version)

    @path("v<int:version>/files/<slug:kind>/", name="file")
    def download(self, request: HttpRequest, version: int, kind: str) -> HttpResponseBase:
        return public_site().file(self, request, version, kind)


class JutenAssessmentPage(AssessmentPage, definition="juten-r06-10"):
    """特定個人情報保護評価書（重点項目評価書）[令和６年10月　様式３]."""

    class Meta:
        verbose_name = "重点項目評価書"
        verbose_name_plural = "重点項目評価書"


class KisoAssessmentPage(AssessmentPage, definition="kiso-r06-10"):
    """特定個人情報保護評価書（基礎項目評価書）[令和６年10月　様式２]."""

    class Meta:
        verbose_name = "基礎項目評価書"
        verbose_name_plural = "基礎項目評価書"


class ZenkomokuAssessmentPage(AssessmentPage, definition="zenkomoku-r06-10"):
    """特定個人情報保護評価書（全項目評価書）[令和６年10月　様式４]."""

    class Meta:
        verbose_name = "全項目評価書"
        verbose_name_plural = "全項目評価書"
