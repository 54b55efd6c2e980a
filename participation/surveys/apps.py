from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Surveys: sections of questions (one class per question kind: question_kinds/), answers from every
    channel, results, the analysts' survey dashboards and reports. Builds on ideas (channels, processes)."""

    name = "participation.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from core.registry import register_project_section, register_region_section
        from participation.surveys import datasets  # noqa: F401 - registers the export dataset
        from participation.surveys.personal_data import register as register_personal_data

        register_project_section(_project_processes)
        register_region_section(_region_processes)
        register_personal_data()


def _project_processes(project, request):
    """The project page's "Take part" slot: the idea calls and surveys placed under the project."""
    from django.template.loader import render_to_string

    from participation.ideas.models import ParticipationProcessPage
    from participation.surveys.models import SurveyPage
    from participation.surveys.templatetags.participation_home import open_processes, open_surveys

    items = open_processes(ParticipationProcessPage.objects.child_of(project).live().public()) + open_surveys(
        SurveyPage.objects.child_of(project).live().public()
    )
    if not items:
        return ""
    return render_to_string("surveys/includes/project_processes.html", {"items": items}, request=request)


def _region_processes(request, scope):
    """The region portal's open calls for ideas and surveys of the chosen municipalities, each with its town."""
    from django.template.loader import render_to_string

    from core.i18n import in_language_or_source
    from participation.ideas.models import ParticipationProcessPage
    from participation.surveys.models import SurveyPage
    from participation.surveys.templatetags.participation_home import open_processes, open_surveys

    items = (open_processes(in_language_or_source(scope.filter(ParticipationProcessPage.objects.live().public())))
             + open_surveys(in_language_or_source(scope.filter(SurveyPage.objects.live().public()))))
    for item in items:
        item["town"] = scope.town_of(item["process"])
    return render_to_string("surveys/includes/region_processes.html", {"items": items}, request=request)
