"""The analysts' dashboard and PDF report of one survey, and the surveys' table on the dashboards overview
(core.dashboards)."""

from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.roles import ANALYSTS
from core import staff_scope
from core.charts import export_url
from core.dashboards import analysts_only, dashboard_context
from core.i18n import data_holders
from participation.ideas.dashboard_views import pdf_response, report_url
from participation.ideas.dashboards import FilterForm, table_cells
from participation.ideas.models import Channel
from participation.surveys import dashboards, reports
from participation.surveys.models import SurveyPage


def overview_section(request):
    """Every survey with its totals: one query however many there are (translations count with their German
    page)."""
    own = staff_scope.pages(SurveyPage.objects.defer("questions").select_related("locale"), request.user, ANALYSTS)
    surveys = list(data_holders(own).order_by("-pk"))
    totals = dashboards.survey_totals(dashboards.submitted_responses().filter(survey__in=[s.pk for s in surveys]))
    for survey in surveys:
        survey.cells = table_cells(totals.get(survey.pk, dashboards.empty_survey_totals()), ["responses"])
    return render_to_string("surveys/dashboards/overview_section.html",
                            {"surveys": surveys, "channels": Channel.choices}, request=request)


@analysts_only
def survey_dashboard(request, page_id):
    survey = get_object_or_404(SurveyPage, pk=page_id)
    form = FilterForm(request.GET or None, dates=False, events=dashboards.event_choices(survey))
    summary = dashboards.survey_summary(survey, form.filters)
    exports = [(label, url) for label, url in (
        (_("Responses (XLSX)"), export_url("survey_responses", survey.pk, channel=form.filters.channel)),
    ) if url]
    return TemplateResponse(request, "surveys/dashboards/survey.html", dashboard_context(
        survey.title, survey=survey, form=form, filters=form.filters, summary=summary, exports=exports,
        report_url=report_url("participation_survey_report", survey, request),
        results_url=survey.url + survey.reverse_subpage("results") if survey.live and survey.url else "",
    ))


@analysts_only
def survey_report(request, page_id):
    survey = get_object_or_404(SurveyPage, pk=page_id)
    filters = FilterForm(request.GET or None, dates=False, events=dashboards.event_choices(survey)).filters
    pdf, _refused = reports.survey_report(survey, filters)
    return pdf_response(pdf, f"{survey.slug}-report")
