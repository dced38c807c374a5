from django.apps import AppConfig


class PiaConfig(AppConfig):
    name = "pia"
    verbose_name = "特定個人情報保護評価"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The app's root wires its layers together once everything is loaded (see README, How it is built).
        from pia import checks  # noqa: F401  (registers the system checks)
        from pia.admin.editor import attach_edit_handlers
        from pia.compliance import signal_handlers as check_signal_handlers
        from pia.models.site import install_public_site
        from pia.public import sitemap, static
        from pia.public.routes import PublicRoutes
        from pia.services import signal_handlers
        from pia.versions import signal_handlers as drift_signal_handlers

        install_public_site(PublicRoutes())
        attach_edit_handlers()
        signal_handlers.connect()
        drift_signal_handlers.connect()
        check_signal_handlers.connect()
        static.connect()
        sitemap.connect()
