"""Admin views for reading assessments: the list and the resolved document.

These serve every role of the organization, including auditors, who may read
but not edit. Editing stays in Wagtail's page editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from controls.rules import NOT_SIGNIFICANT, SIGNIFICANT
from pia.admin.permissions import (
    get_visible_assessment_or_404,
    signed_in,
    visible_assessment_pages,
    with_organization_parents,
)
from pia.admin.printed_paths import combined_paths, humanize
from pia.formdef.annex_line import AnnexLine
from pia.formdef.validation import consistency_warnings
from pia.models import AnnexDecision, ArtifactStatus, AssessmentPage, Publication, PublicationArtifact
from registry.mynumber_guard import refuse_my_numbers_in_form

Breadcrumbs = list[dict[str, str]]


class AssessmentIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The assessments of the user's organizations, 50 per page (a national administrator sees tens of thousands)."""

    template_name = "pia/admin/assessment_index.html"
    page_title = "評価書一覧"
    header_icon = "doc-full"
    paginate_by = 50

    def get_breadcrumbs_items(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        paginator = Paginator(visible_assessment_pages(user), self.paginate_by)
        page_obj = paginator.get_page(self.request.GET.get("p"))
        pages = with_organization_parents(list(page_obj.object_list.specific()))  # type: ignore[attr-defined]
        context["rows"] = [{"page": page, "can_edit": page.permissions_for_user(user).can_edit()} for page in pages]
        context["page_obj"] = page_obj
        context["elided_page_range"] = paginator.get_elided_page_range(page_obj.number)
        return context


class AssessmentDocumentView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "pia/admin/assessment_document.html"
    header_icon = "doc-full"
    page: AssessmentPage

    def get_page_title(self) -> str:
        return self.page.title

    def get_breadcrumbs_items(self) -> Breadcrumbs:
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("pia_assessments"), "label": "評価書一覧"},
            {"url": "", "label": self.page.title},
        ]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.page = get_visible_assessment_or_404(request.user, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        show_live = self.request.GET.get("version") == "live" and self.page.live
        source = self.page if show_live else self.page.latest_draft()
        document = source.resolved_document()
        context.update(
            page=self.page,
            document=document,
            show_live=show_live,
            findings=consistency_warnings(document, self.page.definition.count_rules),
            revisions=self.page.revisions.select_related("user").order_by("-created_at")[:50],
            can_edit=self.page.permissions_for_user(self.request.user).can_edit(),
            publication=self.page.latest_publication(),
        )
        return context


class AssessmentCompareView(AssessmentDocumentView):
    """Two versions side by side, changed items only, with character-level changes and annex rows."""

    template_name = "pia/admin/assessment_compare.html"

    def get_breadcrumbs_items(self) -> Breadcrumbs:
        items = super().get_breadcrumbs_items()
        items[-1] = {"url": reverse("pia_assessment_document", args=[self.page.pk]), "label": self.page.title}
        return [*items, {"url": "", "label": "版の比較"}]

    def get_page_title(self) -> str:
        return f"版の比較：{self.page.title}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from pia.versions.compare import compare, pick, versions

        context = WagtailAdminTemplateMixin.get_context_data(self, **kwargs)
        all_versions = versions(self.page)
        old = pick(all_versions, self.request.GET.get("a"), max(len(all_versions) - 2, 0))
        new = pick(all_versions, self.request.GET.get("b"), len(all_versions) - 1)
        context.update(page=self.page, versions=all_versions, old=old, new=new, changes=compare(old, new))
        return context


class AssessmentTimelineView(AssessmentDocumentView):
    """Every publication and revision with who, when and the workflow's actions."""

    template_name = "pia/admin/assessment_timeline.html"

    def get_breadcrumbs_items(self) -> Breadcrumbs:
        items = super().get_breadcrumbs_items()
        items[-1] = {"url": reverse("pia_assessment_document", args=[self.page.pk]), "label": self.page.title}
        return [*items, {"url": "", "label": "経過"}]

    def get_page_title(self) -> str:
        return f"経過：{self.page.title}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from wagtail.models import PageLogEntry

        from pia.versions.diff import content_changes

        context = WagtailAdminTemplateMixin.get_context_data(self, **kwargs)
        publications = list(
            Publication.objects.for_page(self.page)
            .select_related("approved_by")
            .prefetch_related("artifacts", "annex_rows")
        )
        entries: list[dict[str, Any]] = []
        previous: Publication | None = None
        newest_first = [publication.document for publication in reversed(publications)]
        for publication in publications:
            changed = len(content_changes(previous.document, publication.document)) if previous else None
            # Stored notes name items by internal path: shown by the printed path of this version's
            # document first, then of the other versions (an item removed or added since).
            known = combined_paths([publication.document, *newest_first]) if publication.notes else {}
            notes = [humanize(str(note), known) for note in publication.notes or []]
            # The officer's reasons for departing from the defaults: kept here, never printed in the annex.
            judged = [row for row in publication.annex_rows.all() if row.justification]
            entries.append(
                {"publication": publication, "changed": changed, "previous": previous, "notes": notes, "judged": judged}
            )
            previous = publication
        logs = PageLogEntry.objects.filter(page=self.page).select_related("user").order_by("-timestamp", "-pk")[:200]
        context.update(
            page=self.page,
            publications=list(reversed(entries)),
            logs=logs,
            can_edit=self.page.permissions_for_user(self.request.user).can_edit(),
        )
        return context


class AnnexDecisionForm(forms.Form):
    item_path = forms.CharField(widget=forms.HiddenInput, max_length=300)
    is_significant = forms.TypedChoiceField(
        label="重要な変更", choices=[("1", "あたる"), ("0", "あたらない")], coerce=lambda v: v == "1"
    )
    teishutsu_jiki = forms.ChoiceField(label="提出時期", choices=[("事前", "事前"), ("事後", "事後")])
    setsumei = forms.CharField(
        label="提出時期に係る説明",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="別添２に印字される説明です。空欄なら重要な変更の該当に応じた定型の文言が入ります。",
    )
    justification = forms.CharField(
        label="既定と異なる判断の理由（印字されません）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    henko_mae = forms.CharField(
        label="変更前の記載（書き換える場合）",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    henko_go = forms.CharField(
        label="変更後の記載（書き換える場合）",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        refuse_my_numbers_in_form(self)
        return cleaned


def _written_setsumei(text: str, is_significant: bool) -> str:
    """The 説明 a decision keeps: empty while it is the standard wording, so it follows the significance."""
    text = text.strip()
    return "" if text in (SIGNIFICANT, NOT_SIGNIFICANT) else text


@dataclass(frozen=True)
class DraftAnnexRow:
    """A row the next publication would carry: the engine's proposal, and the row with the pending decision."""

    proposal: AnnexLine
    row: AnnexLine
    decision: AnnexDecision | None

    @cached_property
    def form(self) -> AnnexDecisionForm:
        decision = self.decision
        return AnnexDecisionForm(
            initial={
                "item_path": self.row.item_path,
                "is_significant": "1" if self.row.is_significant else "0",
                "teishutsu_jiki": self.row.teishutsu_jiki,
                "justification": self.row.justification,
                "setsumei": self.row.explanation,
                "henko_mae": decision.henko_mae if decision else "",
                "henko_go": decision.henko_go if decision else "",
            },
            prefix=None,
        )


class AssessmentAnnexView(AssessmentDocumentView):
    """The change annex the next publication will carry: proposals from the diff, and the officer's judgement."""

    template_name = "pia/admin/assessment_annex.html"

    def get_breadcrumbs_items(self) -> Breadcrumbs:
        items = super().get_breadcrumbs_items()
        items[-1] = {"url": reverse("pia_assessment_document", args=[self.page.pk]), "label": self.page.title}
        return [*items, {"url": "", "label": "変更箇所（案）"}]

    def get_page_title(self) -> str:
        return f"変更箇所（案）：{self.page.title}"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.page = get_visible_assessment_or_404(request.user, kwargs["page_id"])
        if request.method == "POST" and not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def rows(self) -> list[DraftAnnexRow]:
        from pia.versions.annex import apply_decisions, draft_proposals

        proposals = draft_proposals(self.page)
        decisions = {d.item_path: d for d in AnnexDecision.objects.pending_for(self.page)}
        applied = apply_decisions(proposals, decisions.values())
        return [
            DraftAnnexRow(proposal, row, decisions.get(proposal.item_path))
            for proposal, row in zip(proposals, applied, strict=True)
        ]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from django.core.exceptions import ValidationError

        from pia.versions.annex import override

        form = AnnexDecisionForm(request.POST)
        proposals = {entry.proposal.item_path: entry.proposal for entry in self.rows()}
        if not form.is_valid() or form.cleaned_data["item_path"] not in proposals:
            # The errors name the field, never what was typed (a refused 個人番号 is not echoed).
            reasons = " ".join(str(error) for errors in form.errors.values() for error in errors)
            messages.error(request, f"変更箇所の判断を保存できませんでした。入力を確認してください。{reasons}")
            return redirect(request.path)
        data = form.cleaned_data
        proposal = proposals[data["item_path"]]
        try:
            override(
                proposal,
                is_significant=data["is_significant"],
                teishutsu_jiki=data["teishutsu_jiki"],
                justification=data["justification"],
                setsumei=data["setsumei"],
            )
        except ValidationError as exc:
            messages.error(request, f"{proposal.komoku}：{' '.join(exc.messages)}")
            return redirect(request.path)
        AnnexDecision.objects.update_or_create(
            page=self.page,
            item_path=proposal.item_path,
            applied_to=None,
            defaults={
                "komoku": proposal.komoku,
                "is_significant": data["is_significant"],
                "teishutsu_jiki": data["teishutsu_jiki"],
                "justification": data["justification"].strip(),
                "setsumei": _written_setsumei(data["setsumei"], data["is_significant"]),
                "henko_mae": data["henko_mae"],
                "henko_go": data["henko_go"],
                "decided_by": signed_in(request.user),
            },
        )
        messages.success(request, f"{proposal.komoku}：判断を保存しました。公表時に変更箇所へ反映されます。")
        return redirect(request.path)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = WagtailAdminTemplateMixin.get_context_data(self, **kwargs)
        context.update(
            page=self.page,
            rows=self.rows(),
            latest=self.page.latest_publication(),
            can_edit=self.page.permissions_for_user(self.request.user).can_edit(),
        )
        return context


class PublicationFileView(View):
    """Download a stored file of a publication (PDF, Excel, XML) for a member of its organization."""

    def get(self, request: HttpRequest, page_id: int, version: int, kind: str) -> FileResponse:
        page = get_visible_assessment_or_404(request.user, page_id)
        artifact = (
            PublicationArtifact.objects.filter(
                publication__page=page, publication__version=version, kind=kind, status=ArtifactStatus.READY
            )
            .select_related("publication")
            .first()
        )
        if artifact is None:
            raise Http404("ファイルがありません")
        from pia.public.views import file_response

        return file_response(artifact, page.identifier)


class PublicationFilesRequestView(View):
    """Ask again for a publication's files (after a failure, or for a version published before files existed)."""

    def post(self, request: HttpRequest, page_id: int, version: int) -> HttpResponse:
        from pia.signals import artifacts_requested

        page = get_visible_assessment_or_404(request.user, page_id)
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        publication = get_object_or_404(Publication, page=page, version=version)
        artifacts_requested.send(sender=Publication, publication=publication, retry_failed=True)
        messages.success(request, f"第{version}版のファイルの生成を依頼しました。")
        return redirect("pia_assessment_timeline", page.pk)
