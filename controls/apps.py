from django.apps import AppConfig


class ControlsConfig(AppConfig):
    name = "controls"
    verbose_name = "統制と規則"
    default_auto_field = "django.db.models.BigAutoField"
