from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Nagaoka City's demo: its data, history, personas and access logs (leave it out of a deployment)."""

    name = "demo"
    verbose_name = "デモ"
