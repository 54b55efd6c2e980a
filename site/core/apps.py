from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Site-wide Wagtail app: home and standard pages, shared blocks, navigation, base templates."""

    name = "core"
    label = "core"
    verbose_name = _("Site")
