"""The analysts' dashboard and PDF report of one participation process, and the processes' table on the
dashboards overview (core.dashboards)."""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import ANALYSTS
from core import staff_scope
from core.charts import export_url
from core.dashboards import analysts_only, dashboard_context
from core.i18n import data_holders
from participation.ideas import dashboards, reports
from participation.ideas.models import Channel, Comment, Follower, ParticipationProcessPage, Support


def overview_section(request):
    """Every idea call with its totals: three queries however many there are. Each once: translations count with
    their German page (core.i18n.source_of)."""
    own = staff_scope.pages(ParticipationProcessPage.objects.select_related("locale"), request.user, ANALYSTS)
    processes = list(data_holders(own).order_by("-pk"))
    ideas = dashboards.submitted_ideas().filter(process__in=[p.pk for p in processes])
    totals = dashboards.process_totals(ideas, Comment.objects.filter(idea__in=ideas),
                                       Support.objects.filter(idea__in=ideas))
    followers = dict(Follower.objects.filter(process__in=[p.pk for p in processes], confirmed_at__isnull=False)
                     .order_by().values_list("process").annotate(n=Count("pk")))
    for process in processes:
        process.cells = dashboards.table_cells(totals.get(process.pk, dashboards.empty_process_totals()),
                                               ["participants", "contributions"])
        process.follower_count = followers.get(process.pk, 0)
    return render_to_string("ideas/dashboards/overview_section.html",
                            {"processes": processes, "channels": Channel.choices}, request=request)


def report_url(name, page, request):
    query = request.GET.urlencode()
    return reverse(name, args=[page.pk]) + (f"?{query}" if query else "")


def pdf_response(pdf, slug):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{timezone.localdate():%Y-%m-%d}.pdf"'
    return response


@analysts_only
def process_dashboard(request, page_id):
    process = get_object_or_404(ParticipationProcessPage, pk=page_id)
    form = dashboards.FilterForm(request.GET or None, events=process.events().values_list("pk", "title"))
    filters = form.filters
    summary = dashboards.process_summary(process, filters)
    # The exports page takes the filters its datasets have: dates for ideas, none for comments.
    exports = [(label, url) for label, url in (
        (_("Ideas (XLSX)"), export_url("ideas", process.pk, date_from=filters.date_from, date_to=filters.date_to)),
        (_("Comments (XLSX)"), export_url("comments", process.pk)),
    ) if url]
    return TemplateResponse(request, "ideas/dashboards/process.html", dashboard_context(
        process.title, process=process, form=form, filters=filters, summary=summary, exports=exports,
        report_url=report_url("participation_process_report", process, request),
    ))


@analysts_only
def process_report(request, page_id):
    process = get_object_or_404(ParticipationProcessPage, pk=page_id)
    filters = dashboards.FilterForm(request.GET or None, events=process.events().values_list("pk", "title")).filters
    pdf, _refused = reports.process_report(process, filters)
    return pdf_response(pdf, f"{process.slug}-report")
