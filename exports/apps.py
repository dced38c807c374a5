from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = "出力"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from exports.publishing import on_artifacts_requested, on_publication_recorded
        from pia.signals import artifacts_requested, publication_recorded

        publication_recorded.connect(on_publication_recorded, dispatch_uid="exports.render_on_publish")
        artifacts_requested.connect(on_artifacts_requested, dispatch_uid="exports.render_on_request")
