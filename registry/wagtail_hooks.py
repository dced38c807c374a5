from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from registry.access_log_views import PERMISSION, AccessLogSearchView
from registry.search_records import SearchRecordListView
from registry.viewsets import RegistryGroup

register_snippet(RegistryGroup)


@hooks.register("register_admin_urls")
def register_access_log_urls():
    return [
        path("registry/access-logs/", AccessLogSearchView.as_view(), name="registry_access_logs"),
        path(
            "registry/access-logs/searches/",
            SearchRecordListView.as_view(),
            name="registry_access_log_searches",
        ),
    ]


class _AccessLogMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_access_log_menu_item():
    return _AccessLogMenuItem("アクセスログ", reverse("registry_access_logs"), icon_name="search", order=210)


@hooks.register("register_admin_menu_item")
def register_search_records_menu_item():
    return _AccessLogMenuItem(
        "アクセスログの検索記録", reverse("registry_access_log_searches"), icon_name="list-ul", order=211
    )


@hooks.register("register_log_actions")
def register_access_log_actions(actions):
    actions.register_action("registry.access_logs.search", "アクセスログの検索", "アクセスログを検索")
    actions.register_action("registry.access_logs.export", "アクセスログのCSV出力", "アクセスログをCSVで出力")
