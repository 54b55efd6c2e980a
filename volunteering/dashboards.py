"""The analysts' volunteering dashboard: organisations (verified, waiting, on hold), opportunities,
sign-ups by status and by channel over time, recorded hours per month, by district and by field of
engagement, and distinct volunteers. Aggregated in SQL: a fixed number of queries whatever the
number of sign-ups.

Every number starts from `signups_of` and `hours_of` with the dashboard's filters, so tests (and the
exports) can recount them with plain `Signup` queries:

- sign-ups and hours count by the day of their shift (as the sign-ups export filters them);
- hours count once recorded (`hours` set), whatever the status;
- volunteers are the distinct people with a sign-up in the selection that was not withdrawn or declined;
- an opportunity in several fields of engagement counts its hours in each of them.

A municipality's analysts (issue 26) count its organisations only: every function takes `sites`, the Site ids of
the analyst's municipalities (`accounts.roles.role_sites`; None for the region's analysts, who count all).

The view is registered in the admin by volunteering.wagtail_hooks, which also adds `overview_summary`
to the dashboards overview through the `register_dashboard_summary` hook.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import ANALYSTS, is_analyst, role_sites
from core.charts import bar_chart, export_url, format_number, per_period, stacked_bar_chart, time_chart
from core.dashboards import analysts_only, dashboard_context
from core.filters import DateFilters, DateRangeForm
from volunteering.models import Opportunity, Organisation, Signup

NOT_VOLUNTEERING = (Signup.Status.CANCELLED, Signup.Status.DECLINED)


@dataclass(frozen=True)
class Filters(DateFilters):
    organisation: int | None = None
    channel: str = ""


NO_FILTERS = Filters()


class FilterForm(DateRangeForm):
    organisation = forms.ModelChoiceField(label=gettext_lazy("Organisation"), required=False,
                                          queryset=Organisation.objects.order_by("name"),
                                          empty_label=gettext_lazy("All organisations"))
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), required=False,
                                choices=[("", gettext_lazy("All channels")), *Signup.Channel.choices])

    def __init__(self, *args, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sites is not None:
            self.fields["organisation"].queryset = Organisation.objects.filter(site__in=sites).order_by("name")

    @property
    def filters(self):
        if not self.is_valid():
            return NO_FILTERS
        data = self.cleaned_data
        organisation = data.get("organisation")
        return Filters(data.get("date_from"), data.get("date_to"), organisation.pk if organisation else None,
                       data.get("channel") or "")


def signups_of(filters=NO_FILTERS, sites=None):
    """Sign-ups (any status) for shifts that start in the date range (with `sites`: of those municipalities'
    organisations)."""
    signups = Signup.objects.all()
    if sites is not None:
        signups = signups.filter(shift__opportunity__organisation__site__in=sites)
    if filters.organisation:
        signups = signups.filter(shift__opportunity__organisation_id=filters.organisation)
    if filters.channel:
        signups = signups.filter(channel=filters.channel)
    return filters.in_range(signups, "shift__starts_at")


def hours_of(filters=NO_FILTERS, sites=None):
    """The sign-ups among those with recorded hours."""
    return signups_of(filters, sites).filter(hours__isnull=False)


def organisation_counts(sites=None):
    # The same states as the coordinators' organisation list (imported here: wagtail_hooks imports this module).
    from volunteering.wagtail_hooks import ON_HOLD, VERIFICATION_FILTERS, VERIFIED, WAITING

    organisations = Organisation.objects.all() if sites is None else Organisation.objects.filter(site__in=sites)
    return organisations.aggregate(
        total=Count("pk"), verified=Count("pk", filter=VERIFICATION_FILTERS[VERIFIED]),
        waiting=Count("pk", filter=VERIFICATION_FILTERS[WAITING]),
        on_hold=Count("pk", filter=VERIFICATION_FILTERS[ON_HOLD]),
    )


def opportunity_counts(sites=None):
    opportunities = Opportunity.objects.all()
    if sites is not None:
        opportunities = opportunities.filter(organisation__site__in=sites)
    return opportunities.aggregate(
        # Named apart from the field `published`: an aggregate may not share a field's name.
        total=Count("pk"), published_count=Count("pk", filter=Q(published=True)),
        public_count=Count("pk", filter=Q(published=True, organisation__verified_at__isnull=False)),
    )


def signup_totals(filters=NO_FILTERS, sites=None):
    totals = signups_of(filters, sites).aggregate(
        signups=Count("pk"),
        volunteers=Count("volunteer", distinct=True, filter=~Q(status__in=NOT_VOLUNTEERING)),
    )
    totals.update(hours_of(filters, sites).aggregate(hours=Sum("hours"),
                                              volunteers_with_hours=Count("volunteer", distinct=True)))
    totals["hours"] = totals["hours"] or 0
    return totals


def summary(filters=NO_FILTERS, sites=None):
    """Every number and chart of the volunteering dashboard."""
    organisations, opportunities = organisation_counts(sites), opportunity_counts(sites)
    totals = signup_totals(filters, sites)
    signups, hours = signups_of(filters, sites), hours_of(filters, sites)

    daily = {value: {} for value in Signup.Channel.values}
    for day, channel, count in (signups.order_by().annotate(day=TruncDate("shift__starts_at"))
                                .values_list("day", "channel").annotate(n=Count("pk"))):
        daily.setdefault(channel, {})[day] = count
    channel_labels = dict(Signup.Channel.choices)
    periods, series = per_period([(channel_labels.get(c, c), daily[c]) for c in daily])
    statuses = {}
    for status, channel, count in signups.order_by().values_list("status", "channel").annotate(n=Count("pk")):
        statuses.setdefault(status, {})[channel] = count
    hours_daily = dict(hours.order_by().annotate(day=TruncDate("shift__starts_at")).values_list("day")
                       .annotate(h=Sum("hours")))
    month_periods, month_series = per_period([(_("Hours"), hours_daily)], max_weeks=0)

    def hours_by(field, missing):
        rows = hours.order_by().values_list(field).annotate(h=Sum("hours"))
        return sorted(((name or missing, value) for name, value in rows), key=lambda item: (-item[1], item[0]))

    figures = [
        ("organisations-verified", _("Verified organisations"), organisations["verified"]),
        ("organisations-waiting", _("Organisations waiting for verification"), organisations["waiting"]),
        ("organisations-on-hold", _("Organisations on hold"), organisations["on_hold"]),
        ("opportunities", _("Published opportunities"), opportunities["published_count"]),
        ("signups", _("Sign-ups"), totals["signups"]),
        ("volunteers", _("Volunteers"), totals["volunteers"]),
    ]
    return {
        "organisations": organisations, "opportunities": opportunities, "totals": totals,
        "figures": [(key, label, format_number(value)) for key, label, value in figures]
        + [("hours", _("Recorded hours"), format_number(totals["hours"], 1))],
        "charts": {
            "signups": time_chart(id="signups-over-time", caption=_("Sign-ups by the date of their shift and channel"),
                                  periods=periods, series=series, period_header=_("Period")),
            "statuses": stacked_bar_chart(
                id="signups-by-status", caption=_("Sign-ups by status and channel"),
                rows=[(label, [statuses.get(value, {}).get(c, 0) for c in Signup.Channel.values])
                      for value, label in Signup.Status.choices],
                series=[channel_labels[c] for c in Signup.Channel.values], label_header=_("Status"),
            ),
            "hours": time_chart(id="hours-per-month", caption=_("Recorded hours per month"), periods=month_periods,
                                series=month_series, period_header=_("Month"), decimals=1),
            "districts": bar_chart(id="hours-by-district", caption=_("Recorded hours by district"),
                                   rows=hours_by("shift__opportunity__district__name", _("No district given")),
                                   label_header=_("District"), value_header=_("Hours"), decimals=1),
            "interests": bar_chart(id="hours-by-field", caption=_("Recorded hours by field of engagement"),
                                   rows=hours_by("shift__opportunity__interests__name", _("No field given")),
                                   label_header=_("Field of engagement"), value_header=_("Hours"), decimals=1),
        },
    }


@analysts_only
def dashboard(request):
    sites = role_sites(request.user, ANALYSTS)
    form = FilterForm(request.GET or None, sites=sites)
    filters = form.filters
    exports = [(label, url) for label, url in (
        (_("Sign-ups (XLSX)"), export_url("signups", filters.organisation, date_from=filters.date_from,
                                          date_to=filters.date_to)),
    ) if url]
    return TemplateResponse(request, "volunteering/dashboards/dashboard.html", dashboard_context(
        _("Volunteering"), form=form, filters=filters, summary=summary(filters, sites), exports=exports,
        note=_("Sign-ups and hours count by the date of their shift."),
    ))


def overview_summary(request):
    """The volunteering figures on the dashboards overview (four queries)."""
    if not is_analyst(request.user):
        return None
    sites = role_sites(request.user, ANALYSTS)
    organisations, opportunities = organisation_counts(sites), opportunity_counts(sites)
    totals = signup_totals(sites=sites)
    return {
        "title": _("Volunteering"), "url": reverse("volunteering_dashboard"),
        "figures": [
            (_("Verified organisations"), format_number(organisations["verified"])),
            (_("Organisations waiting for verification"), format_number(organisations["waiting"])),
            (_("Published opportunities"), format_number(opportunities["published_count"])),
            (_("Sign-ups"), format_number(totals["signups"])),
            (_("Volunteers"), format_number(totals["volunteers"])),
            (_("Recorded hours"), format_number(totals["hours"], 1)),
        ],
    }
