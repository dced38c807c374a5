"""The record of every access-log search and export of the auditor's organization (検索・出力の記録)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.paginator import Paginator

from registry.access_log_views import AccessLogAdminView
from registry.enums import LogAction
from registry.jp import wareki
from registry.models import AccessLogSearch, System

JAPAN = ZoneInfo("Asia/Tokyo")
CRITERIA_LABELS = {
    "system": "システム",
    "login_id": "ログインID",
    "action": "操作",
    "start": "期間（から）",
    "end": "期間（まで）",
    "subject_pseudonym": "対象者（仮名）",
}


def japan_time(moment: dt.datetime) -> str:
    """和暦 and Japan time: 令和7年6月30日 09:15:00."""
    local = moment.astimezone(JAPAN)
    return f"{wareki.format_date(local.date())} {local:%H:%M:%S}"


def person_name(user) -> str:
    """Family name first, as Japanese names are written; the login name when none is recorded."""
    full = f"{user.last_name} {user.first_name}".strip()
    return f"{full}（{user.get_username()}）" if full else user.get_username()


def _date_text(value: str) -> str:
    try:
        return wareki.format_date(dt.date.fromisoformat(value))
    except ValueError:
        return value


def criteria_text(criteria: dict, systems: dict[str, str]) -> list[tuple[str, str]]:
    """The stored criteria as (label, value) pairs in Japanese, in the form's order."""
    actions = dict(LogAction.choices)
    shown = []
    for key, label in CRITERIA_LABELS.items():
        value = str(criteria.get(key) or "")
        if not value:
            continue
        if key == "system":
            value = systems.get(value, value)
        elif key == "action":
            value = actions.get(value, value)
        elif key in ("start", "end"):
            value = _date_text(value)
        shown.append((label, value))
    return shown


@dataclass(frozen=True)
class SearchRow:
    when: str
    who: str
    organization: str
    exported: bool
    result_count: int
    criteria: list[tuple[str, str]]


class SearchRecordListView(AccessLogAdminView):
    template_name = "registry/access_log_search_records.html"
    page_title = "アクセスログの検索・出力の記録"
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        records = (
            AccessLogSearch.objects.for_user(self.request.user)
            .select_related("user", "organization")
            .order_by("-searched_at", "-pk")
        )
        page = Paginator(records, self.per_page).get_page(self.request.GET.get("p"))
        # Systems by "<organization slug>/<code>", as the records name them (one query per page).
        systems = {
            f"{system.organization.slug}/{system.code}": system.name
            for system in System.objects.for_user(self.request.user).select_related("organization")
        }
        context["page"] = page
        context["rows"] = [
            SearchRow(
                when=japan_time(record.searched_at),
                who=person_name(record.user),
                organization=record.organization.name,
                exported=record.exported,
                result_count=record.result_count,
                criteria=criteria_text(record.criteria or {}, systems),
            )
            for record in page
        ]
        return context
