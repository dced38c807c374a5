from django.apps import AppConfig


class PiaConfig(AppConfig):
    name = "pia"
    verbose_name = "特定個人情報保護評価"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pia import public_render, signals

        signals.connect()
        public_render.connect()
