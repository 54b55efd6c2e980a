from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Participation processes, ideas, surveys, paper forms and scan import (issues 4–7)."""

    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from core.registry import register_project_section
        from participation import datasets  # noqa: F401 - registers the export datasets
        from participation.personal_data import register as register_personal_data

        register_project_section(_project_processes)
        register_personal_data()  # "download my data" and account deletion (accounts)
        from django.db.models.signals import post_delete, post_save

        from participation.list_cache import ideas_changed
        from participation.models import Idea

        post_save.connect(ideas_changed, sender=Idea, dispatch_uid="participation.ideas_changed.save")
        post_delete.connect(ideas_changed, sender=Idea, dispatch_uid="participation.ideas_changed.delete")


def _project_processes(project, request):
    """The project page's "Take part" slot: the participation processes placed under the project."""
    from django.template.loader import render_to_string

    from participation.models import ParticipationProcessPage, SurveyPage
    from participation.templatetags.participation_home import open_processes, open_surveys

    items = open_processes(ParticipationProcessPage.objects.child_of(project).live().public()) + open_surveys(
        SurveyPage.objects.child_of(project).live().public()
    )
    if not items:
        return ""
    return render_to_string("participation/includes/project_processes.html", {"items": items}, request=request)
