from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "台帳"
    default_auto_field = "django.db.models.BigAutoField"
