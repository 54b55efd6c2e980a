from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    """The Digitalblog: posts, authors, categories and feeds (issue 3)."""

    name = "blog"
    verbose_name = _("Digitalblog")
