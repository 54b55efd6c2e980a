"""The analysts' dashboards in the Wagtail admin: an overview of every participation process and survey
(and whatever other apps add through the `register_dashboard_summary` hook), one dashboard per process
and per survey, and their PDF reports. Only analysts see them (`accounts.roles.is_analyst`); other
staff get a 403 page."""

from functools import wraps

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from accounts.roles import is_analyst
from core.charts import export_url
from core.i18n import data_holders
from participation import dashboards, reports
from participation.models import Channel, ParticipationProcessPage, SurveyPage

SUMMARY_HOOK = "register_dashboard_summary"


def analysts_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_analyst(request.user):
            return TemplateResponse(request, "core/charts/forbidden.html",
                                    {"page_title": _("Dashboards"), "header_title": _("Dashboards")}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _context(title, **extra):
    return {"page_title": title, "header_title": title, "header_icon": "table",
            "overview_url": reverse("participation_dashboards"), **extra}


@analysts_only
def overview(request):
    # Each survey and idea call once: translations count with their German page (core.i18n.source_of).
    processes = list(data_holders(ParticipationProcessPage.objects.select_related("locale")).order_by("-pk"))
    surveys = list(data_holders(SurveyPage.objects.defer("questions").select_related("locale")).order_by("-pk"))
    process_totals, survey_totals = dashboards.overview_totals([p.pk for p in processes], [s.pk for s in surveys])
    for process in processes:
        process.cells = dashboards.table_cells(process_totals.get(process.pk, dashboards.empty_process_totals()),
                                               ["participants", "contributions"])
    for survey in surveys:
        survey.cells = dashboards.table_cells(survey_totals.get(survey.pk, dashboards.empty_survey_totals()),
                                              ["responses"])
    # Other apps (volunteering) add their own summary: {"title", "url", "figures": [(label, value)]}.
    others = [summary for hook in hooks.get_hooks(SUMMARY_HOOK) if (summary := hook(request))]
    return TemplateResponse(request, "participation/dashboards/overview.html", _context(
        _("Dashboards"), processes=processes, surveys=surveys, others=others, channels=Channel.choices,
        is_overview=True,
    ))


def _report_url(name, page, request):
    query = request.GET.urlencode()
    return reverse(name, args=[page.pk]) + (f"?{query}" if query else "")


@analysts_only
def process_dashboard(request, page_id):
    process = get_object_or_404(ParticipationProcessPage, pk=page_id)
    form = dashboards.FilterForm(request.GET or None)
    filters = form.filters
    summary = dashboards.process_summary(process, filters)
    # The exports page takes the filters its datasets have: dates for ideas, none for comments.
    exports = [(label, url) for label, url in (
        (_("Ideas (XLSX)"), export_url("ideas", process.pk, date_from=filters.date_from, date_to=filters.date_to)),
        (_("Comments (XLSX)"), export_url("comments", process.pk)),
    ) if url]
    return TemplateResponse(request, "participation/dashboards/process.html", _context(
        process.title, process=process, form=form, filters=filters, summary=summary, exports=exports,
        report_url=_report_url("participation_process_report", process, request),
    ))


@analysts_only
def survey_dashboard(request, page_id):
    survey = get_object_or_404(SurveyPage, pk=page_id)
    form = dashboards.FilterForm(request.GET or None, dates=False)
    summary = dashboards.survey_summary(survey, form.filters)
    exports = [(label, url) for label, url in (
        (_("Responses (XLSX)"), export_url("survey_responses", survey.pk, channel=form.filters.channel)),
    ) if url]
    return TemplateResponse(request, "participation/dashboards/survey.html", _context(
        survey.title, survey=survey, form=form, filters=form.filters, summary=summary, exports=exports,
        report_url=_report_url("participation_survey_report", survey, request),
        results_url=survey.url + survey.reverse_subpage("results") if survey.live and survey.url else "",
    ))


def _pdf(pdf, slug):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{timezone.localdate():%Y-%m-%d}.pdf"'
    return response


@analysts_only
def process_report(request, page_id):
    process = get_object_or_404(ParticipationProcessPage, pk=page_id)
    filters = dashboards.FilterForm(request.GET or None).filters
    pdf, _refused = reports.process_report(process, filters)
    return _pdf(pdf, f"{process.slug}-report")


@analysts_only
def survey_report(request, page_id):
    survey = get_object_or_404(SurveyPage, pk=page_id)
    filters = dashboards.FilterForm(request.GET or None, dates=False).filters
    pdf, _refused = reports.survey_report(survey, filters)
    return _pdf(pdf, f"{survey.slug}-report")
