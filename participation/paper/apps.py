from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaperConfig(AppConfig):
    """Paper: printable twins of idea calls and surveys, numbered sheets, keyboard entry, scan reading, scan
    import and the review queue. Builds on ideas and surveys: what comes back on paper becomes their answers."""

    name = "participation.paper"
    label = "paper"
    verbose_name = _("Paper forms")

    def ready(self):
        from core.registry import register_printable_twin
        from participation.paper.printing import download

        register_printable_twin(download)
