from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    """Participation processes (idea calls) with their phases; ideas, supports, comments and moderation; the
    analysts' process dashboards and reports."""

    name = "participation.ideas"
    label = "ideas"
    verbose_name = _("Ideas")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.registry import register_account_section
        from participation.ideas import datasets  # noqa: F401 - registers the export datasets
        from participation.ideas.list_cache import ideas_changed
        from participation.ideas.models import Idea
        from participation.ideas.my_contributions import account_section
        from participation.ideas.personal_data import register as register_personal_data

        register_personal_data()  # "download my data" and account deletion (accounts)
        register_account_section(account_section)  # her ideas and comments on her account page
        post_save.connect(ideas_changed, sender=Idea, dispatch_uid="participation.ideas_changed.save")
        post_delete.connect(ideas_changed, sender=Idea, dispatch_uid="participation.ideas_changed.delete")
