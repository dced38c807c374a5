from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.views import admin as admin_views
from accounts.views import mfa as mfa_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("mfa/verify/", mfa_views.verify, name="accounts_mfa_verify"),
        path("mfa/setup/", mfa_views.setup, name="accounts_mfa_setup"),
        path("security/lockouts/", admin_views.LockoutListView.as_view(), name="accounts_lockouts"),
        path("security/mfa/", admin_views.MultiFactorListView.as_view(), name="accounts_mfa_users"),
    ]


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return AdministratorMenuItem("ログインのロック", reverse("accounts_lockouts"), icon_name="lock", order=900)


@hooks.register("register_settings_menu_item")
def register_mfa_menu_item():
    return AdministratorMenuItem("多要素認証", reverse("accounts_mfa_users"), icon_name="key", order=901)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("accounts.mfa_enabled", "多要素認証の登録", "多要素認証（認証アプリ）を登録")
    actions.register_action("accounts.mfa_reset", "多要素認証のリセット", "多要素認証をリセット")
    actions.register_action("accounts.lockout_lifted", "ログインのロック解除", "ログインのロックを解除")
