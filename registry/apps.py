from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "台帳"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from registry.mynumber_guard import connect_guard

        # Every model is loaded by now: guard each one's text fields before any save.
        connect_guard()
