"""Wagtail admin for the registry, in Japanese, each organization seeing only its own records."""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.urls import path, reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList, extract_panel_definitions_from_model_class
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from registry.display import EMPTY, BooleanTextColumn, display_value
from registry.forms import (
    DelegationContractForm,
    DestinationForm,
    OrganizationScopedForm,
    PersonalInformationFileForm,
    SystemForm,
)
from registry.models import (
    Contractor,
    DelegationContract,
    Department,
    Destination,
    IncidentRecord,
    InspectionRecord,
    PersonalInformationFile,
    StaffAccount,
    Subcontract,
    System,
    TrainingRecord,
)
from registry.spreadsheet import NeutralizedSpreadsheetMixin
from registry.views import RecordChangesView


def _scoped(queryset, user):
    return queryset.for_user(user)


class ScopedObjectMixin:
    """Hide records of other organizations: they are not found, so their existence is not disclosed."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not _scoped(type(obj)._default_manager.filter(pk=obj.pk), self.request.user).exists():
            raise Http404
        return obj


class OrganizationScopedFilterSet(WagtailFilterSet):
    """Filter choices (organizations, systems…) only name records the user may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        for item in self.filters.values():
            # django-filter reads a model choice filter's choices from its `queryset` attribute.
            queryset = getattr(item, "queryset", None)
            if user is not None and queryset is not None and hasattr(queryset, "for_user"):
                item.queryset = queryset.for_user(user)


class ScopedIndexView(NeutralizedSpreadsheetMixin, snippet_views.IndexView):
    base_filterset_class = OrganizationScopedFilterSet


class ScopedEditView(ScopedObjectMixin, snippet_views.EditView):
    def get_header_more_buttons(self):
        buttons = list(super().get_header_more_buttons())
        namespace = self.index_url_name.rsplit(":", 1)[0]
        url = reverse(f"{namespace}:changes", args=[self.object.pk])
        buttons.append(HeaderButton("変更履歴（項目ごと）", url=url, icon_name="history", priority=5))
        return buttons


class ScopedDeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    pass


class ScopedHistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    # Auditors hold "view" only: they read a record's history too (Wagtail asks for add/change/delete).
    any_permission_required = ["add", "change", "delete", "view"]

    @property
    def header_buttons(self):
        return super().header_buttons if self.user_has_permission("change") else []


class ScopedInspectView(ScopedObjectMixin, snippet_views.InspectView):
    def get_field_display_value(self, field_name, field):
        """Stored values in words (はい/いいえ, labels, 和暦), never Python's True, None or lists."""
        plain = field is not None and not field.is_relation and not field.choices
        if plain and not isinstance(field, models.FileField):
            return display_value(self.object, field_name, getattr(self.object, field_name))
        value = super().get_field_display_value(field_name, field)
        return EMPTY if value is None or value == "" else value


class ScopedUsageView(ScopedObjectMixin, snippet_views.UsageView):
    # Where a record is used (which assessment prints it) is for auditors to read too.
    permission_required = None
    any_permission_required = ["add", "change", "delete", "view"]


class ScopedCopyView(ScopedObjectMixin, snippet_views.CopyView):
    pass


class ScopedChooseListMixin:
    def get_object_list(self):
        return _scoped(super().get_object_list(), self.request.user)


class ScopedChooseView(ScopedChooseListMixin, snippet_chooser.ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooseListMixin, snippet_chooser.ChooseResultsView):
    pass


class ScopedChosenView(snippet_chooser.SnippetChosenView):
    def get_object(self, pk):
        obj = super().get_object(pk)
        if not _scoped(type(obj)._default_manager.filter(pk=obj.pk), self.request.user).exists():
            raise Http404
        return obj


class ScopedChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView


class RegistryViewSet(SnippetViewSet):
    """Common behaviour: organization scoping, CSV/XLSX export, a field-by-field change history."""

    base_form_class = OrganizationScopedForm
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    inspect_view_class = ScopedInspectView
    usage_view_class = ScopedUsageView
    copy_view_class = ScopedCopyView
    chooser_viewset_class = ScopedChooserViewSet
    inspect_view_enabled = True
    add_to_admin_menu = False
    list_per_page = 50

    def get_edit_handler(self):
        # Every field of the model, then why the change is made (kept in the record's history).
        panels = extract_panel_definitions_from_model_class(self.model, exclude=self.get_exclude_form_fields())
        reason = FieldPanel("change_reason", heading="変更理由（履歴に残ります）")
        return ObjectList([*panels, reason], base_form_class=self.base_form_class).bind_to_model(self.model)

    def get_queryset(self, request):
        return _scoped(self.model._default_manager.all(), request.user)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/changes/",
                RecordChangesView.as_view(model=self.model),
                name="changes",
            ),
        ]


class DepartmentViewSet(RegistryViewSet):
    model = Department
    icon = "group"
    list_display = ["name", "head_title", "phone", "organization"]
    list_filter = ["organization"]
    search_fields = ["name", "address"]
    list_export = ["name", "head_title", "postal_code", "address", "phone", "organization"]
    export_filename = "departments"


class SystemViewSet(RegistryViewSet):
    model = System
    icon = "cogs"
    base_form_class = SystemForm
    list_display = ["name", "code", "log_online_months", "log_archive_years", "organization"]
    list_filter = ["organization"]
    search_fields = ["name", "other_connections"]
    list_export = ["name", "functions_text", "networks", "other_connections", "organization"]
    export_filename = "systems"


class FileViewSet(RegistryViewSet):
    model = PersonalInformationFile
    icon = "doc-full"
    base_form_class = PersonalInformationFileForm
    list_display = ["name", "file_type", "subject_band", "department", "organization"]
    list_filter = ["organization", "file_type", "subject_band"]
    search_fields = ["name", "subject_range"]
    list_export = [
        "name",
        "file_type",
        "subject_band",
        "subject_count",
        "subject_range",
        "retention_start",
        "department",
    ]
    export_filename = "personal-information-files"


class ContractorViewSet(RegistryViewSet):
    model = Contractor
    icon = "user"
    list_display = ["name", "address", "organization"]
    list_filter = ["organization"]
    search_fields = ["name", "address"]
    list_export = ["name", "address", "organization"]
    export_filename = "contractors"


class ContractViewSet(RegistryViewSet):
    model = DelegationContract
    icon = "doc-full-inverse"
    base_form_class = DelegationContractForm
    list_display = [
        "title",
        "contractor",
        "handler_band",
        BooleanTextColumn.for_field(DelegationContract, "subcontracted", true_text="する", false_text="しない"),
        "period_end",
    ]
    list_filter = ["organization", "subcontracted", "handler_band"]
    search_fields = ["title", "content"]
    list_export = [
        "title",
        "contractor",
        "handler_count",
        "handler_band",
        "subcontracted",
        "period_start",
        "period_end",
    ]
    export_filename = "delegation-contracts"


class SubcontractViewSet(RegistryViewSet):
    model = Subcontract
    icon = "arrow-right"
    list_display = ["contract", "contractor", "parent", Column("depth", label="再委託の段階")]
    list_filter = ["contract"]
    search_fields = ["matters"]
    list_export = ["contract", "parent", "contractor", "matters"]
    export_filename = "subcontracts"


class DestinationViewSet(RegistryViewSet):
    model = Destination
    icon = "arrow-right-full"
    base_form_class = DestinationForm
    list_display = ["name", "kind", "subject_band", "organization"]
    list_filter = ["organization", "kind"]
    search_fields = ["name", "legal_basis", "purpose"]
    list_export = ["kind", "name", "legal_basis", "purpose", "subject_band", "timing"]
    export_filename = "destinations"


class StaffAccountViewSet(RegistryViewSet):
    model = StaffAccount
    icon = "user"
    list_display = [
        "login_id",
        "holder",
        "system",
        BooleanTextColumn.for_field(StaffAccount, "active", true_text="有効", false_text="無効"),
        "disabled_on",
        "holder_left_on",
    ]
    list_filter = ["organization", "system", "active"]
    search_fields = ["login_id", "holder"]
    list_export = ["system", "login_id", "holder", "role", "active", "created_on", "disabled_on", "holder_left_on"]
    export_filename = "staff-accounts"


class TrainingViewSet(RegistryViewSet):
    model = TrainingRecord
    icon = "user"
    list_display = ["held_on", "title", "kind", "attendees"]
    list_filter = ["organization", "kind"]
    search_fields = ["title"]
    list_export = ["held_on", "kind", "title", "attendees"]
    export_filename = "training"


class InspectionViewSet(RegistryViewSet):
    model = InspectionRecord
    icon = "tasks"
    list_display = ["held_on", "kind", "scope"]
    list_filter = ["organization", "kind"]
    search_fields = ["scope", "findings"]
    list_export = ["held_on", "kind", "scope", "findings"]
    export_filename = "inspections"


class IncidentViewSet(RegistryViewSet):
    model = IncidentRecord
    icon = "warning"
    list_display = [
        "occurred_on",
        "summary",
        BooleanTextColumn.for_field(IncidentRecord, "serious_for_my_number", true_text="該当", false_text="非該当"),
    ]
    list_filter = ["organization", "serious_for_my_number"]
    search_fields = ["summary", "prevention"]
    list_export = ["occurred_on", "summary", "serious_for_my_number", "serious_for_personal_information", "prevention"]
    export_filename = "incidents"


class RegistryGroup(SnippetViewSetGroup):
    menu_label = "台帳"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        SystemViewSet,
        FileViewSet,
        ContractViewSet,
        SubcontractViewSet,
        ContractorViewSet,
        DestinationViewSet,
        DepartmentViewSet,
        StaffAccountViewSet,
        TrainingViewSet,
        InspectionViewSet,
        IncidentViewSet,
    )
