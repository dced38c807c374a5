"""The auditor's search: criteria → entries of the auditor's organizations; each search recorded."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from django import forms

from registry.access_logs.calendar import local_midnight
from registry.access_logs.pseudonyms import subject_pseudonym
from registry.access_logs.validation import JAPAN
from registry.enums import LogAction
from registry.models import AccessLogEntry, AccessLogSearch, Organization, System
from registry.spreadsheet import neutralize_cell

SEARCH_PARAMETERS = ("system", "login_id", "action", "start", "end", "subject_pseudonym")
CSV_COLUMNS = ("日時", "システム", "ログインID", "利用者", "操作", "対象者（仮名）", "端末", "結果", "受信バッチ", "行")


class AccessLogSearchForm(forms.Form):
    system = forms.ModelChoiceField(
        label="システム", queryset=System.objects.none(), required=False, empty_label="すべてのシステム"
    )
    login_id = forms.CharField(label="ログインID", max_length=100, required=False)
    action = forms.ChoiceField(label="操作", choices=[("", "すべて"), *LogAction.choices], required=False)
    start = forms.DateField(label="期間（から）", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="期間（まで）", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    subject = forms.CharField(
        label="対象者の識別子",
        max_length=200,
        required=False,
        help_text="入力した識別子はハッシュ化して検索し、保存も記録もしません。",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    subject_pseudonym = forms.RegexField(regex=r"^[0-9a-f]{32}$", required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user=None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        systems = cast(forms.ModelChoiceField, self.fields["system"])
        systems.queryset = System.objects.for_user(user).order_by("organization__name", "name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "期間の終わりは始まり以降の日にしてください。")
        identifier = cleaned.pop("subject", "")
        if identifier:
            # From here on only the pseudonym exists; the identifier is not kept in the form's data either.
            cleaned["subject_pseudonym"] = subject_pseudonym(identifier)
        return cleaned


@dataclass(frozen=True)
class Criteria:
    system: System | None = None
    login_id: str = ""
    action: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    subject_pseudonym: str = ""

    @classmethod
    def from_cleaned(cls, cleaned: dict[str, Any]) -> Criteria:
        return cls(
            system=cleaned.get("system"),
            login_id=cleaned.get("login_id") or "",
            action=cleaned.get("action") or "",
            start=cleaned.get("start"),
            end=cleaned.get("end"),
            subject_pseudonym=cleaned.get("subject_pseudonym") or "",
        )

    def query_parameters(self) -> dict[str, str]:
        values = {
            "system": str(self.system.pk) if self.system else "",
            "login_id": self.login_id,
            "action": self.action,
            "start": self.start.isoformat() if self.start else "",
            "end": self.end.isoformat() if self.end else "",
            "subject_pseudonym": self.subject_pseudonym,
        }
        return {key: value for key, value in values.items() if value}

    def as_record(self) -> dict[str, str]:
        """What the audit record keeps: the criteria, with the subject only as its pseudonym."""
        record = self.query_parameters()
        if self.system:
            record["system"] = f"{self.system.organization.slug}/{self.system.code}"
        return record


def matching_entries(criteria: Criteria, user):
    entries = AccessLogEntry.objects.for_user(user)
    if criteria.system:
        entries = entries.for_system(criteria.system)
    if criteria.login_id:
        entries = entries.filter(login_id=criteria.login_id)
    if criteria.action:
        entries = entries.filter(action=criteria.action)
    if criteria.subject_pseudonym:
        entries = entries.of_subject(criteria.subject_pseudonym)
    start = local_midnight(criteria.start) if criteria.start else None
    end = local_midnight(criteria.end + dt.timedelta(days=1)) if criteria.end else None
    return entries.between(start, end).select_related("system", "account").order_by("-occurred_at", "-line")


def record_search(user, criteria: Criteria, *, count: int, exported: bool) -> list[AccessLogSearch]:
    """One record per organization searched (the auditor's own ones), kept as evidence."""
    organizations = (
        [criteria.system.organization] if criteria.system else list(Organization.objects.for_user(user).order_by("pk"))
    )
    return [
        AccessLogSearch.objects.create(
            user=user, organization=organization, criteria=criteria.as_record(), result_count=count, exported=exported
        )
        for organization in organizations
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _japan_time(moment: dt.datetime) -> str:
    """ISO 8601 in Japan time; UTC for a row stored out of range at the edge of the calendar."""
    try:
        return moment.astimezone(JAPAN).isoformat()
    except OverflowError:
        return moment.isoformat()


def csv_lines(entries, archived: Iterable = ()) -> Iterator[str]:
    """The entries, then the *archived* ones (archive_search.ArchivedEntry), as CSV lines.

    UTF-8 with BOM first, so that Excel opens Japanese text correctly. Login ids and terminals
    come from the logged systems: every cell is neutralized, so that none is read as a formula
    (spreadsheet.neutralize_cell).
    """
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)
    for entry in entries.iterator(chunk_size=2000):
        holder = entry.account.holder if entry.account else "（未登録）"
        yield _neutralized_row(writer, _cells(entry, holder))
    for entry in archived:
        yield _neutralized_row(writer, _cells(entry, entry.holder))


def _cells(entry, holder: str) -> tuple:
    return (
        _japan_time(entry.occurred_at),
        entry.system.name,
        entry.login_id,
        holder,
        entry.get_action_display(),
        entry.subject,
        entry.terminal,
        entry.get_result_display(),
        entry.batch_id,
        entry.line,
    )


def _neutralized_row(writer, cells: tuple) -> str:
    return writer.writerow([neutralize_cell(cell) for cell in cells])
