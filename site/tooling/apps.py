from django.apps import AppConfig


class ToolingConfig(AppConfig):
    """Management commands that span every app: load_demo_content, bench, load_test, export_benchmark."""

    name = "tooling"
    label = "tooling"
    verbose_name = "Tooling"
