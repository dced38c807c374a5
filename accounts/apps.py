from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "アカウントの保護"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts import checks  # noqa: F401  (registers the system checks)
        from accounts.csp import nonce_chooser_scripts
        from accounts.names import install as name_family_first
        from accounts.permission_names import name_permissions_in_japanese

        nonce_chooser_scripts()
        name_family_first()
        post_migrate.connect(name_permissions_in_japanese, dispatch_uid="accounts.name_permissions_in_japanese")
