from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "frameworks"
    verbose_name = "Catalog"

    def ready(self):
        from .catalog import revision

        revision.connect_signals()
