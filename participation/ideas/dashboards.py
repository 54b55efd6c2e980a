"""What the analysts' dashboards and the PDF reports count, aggregated in SQL with a fixed number of
queries whatever the number of ideas or responses.

Every number starts from the querysets below (`ideas_of`, `comments_of`, `supports_of`, `responses_of`)
with the filters of the dashboard's form, so a test (and staff) can recount them with plain
`Idea`/`SurveyResponse` queries, and the exports can use the same querysets.

What counts:

- An idea counts once it is submitted: confirmed by email, or entered by staff from paper, an event or
  the desk (`confirmed_at` is set). Hidden, unpublished and rejected ideas count too: they were
  contributions all the same. Guest ideas still waiting for their email confirmation do not.
- Comments and supports count on those ideas. Channel and district filter the ideas (so "paper" shows
  the comments and supports that paper ideas received); the date range applies to when each
  contribution was made.
- A survey response counts once it is submitted (`submitted_at` is set), whatever the channel
  (participation.surveys.dashboards, which uses the filters and helpers here).
- Events: an idea or response collected at an event carries it (`event`, channel "event"). The event filter
  keeps one event's contributions; "by event" counts each event and, beside them, what came in through the other
  channels without an event, in one aggregate query however many events there are.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.charts import bar_chart, format_number, per_period, stacked_bar_chart, time_chart
from core.filters import DateFilters, DateRangeForm
from core.models import District
from participation.ideas.models import Channel, Comment, Idea, Support


@dataclass(frozen=True)
class Filters(DateFilters):
    channel: str = ""
    district: str = ""  # a district's slug
    event: str = ""  # an event page's id


NO_FILTERS = Filters()


class FilterForm(DateRangeForm):
    """The dashboards' filters, sent by GET: a bookmarkable address for every selection."""

    channel = forms.ChoiceField(label=gettext_lazy("Channel"), required=False)
    district = forms.ChoiceField(label=gettext_lazy("District"), required=False)

    event = forms.ChoiceField(label=gettext_lazy("Event"), required=False)

    def __init__(self, *args, dates=True, events=(), **kwargs):
        """`events`: [(id, title)] of the page's events (no event field without them)."""
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", gettext_lazy("All channels")), *Channel.choices]
        self.fields["district"].choices = [("", gettext_lazy("All districts")),
                                           *District.objects.values_list("slug", "name")]
        if events:
            self.fields["event"].choices = [("", gettext_lazy("All events")),
                                            *[(str(pk), title) for pk, title in events]]
        else:
            del self.fields["event"]
        if not dates:
            del self.fields["date_from"], self.fields["date_to"]

    @property
    def filters(self):
        """The valid filters (none while the form has errors)."""
        if not self.is_valid():
            return NO_FILTERS
        data = self.cleaned_data
        return Filters(data.get("date_from"), data.get("date_to"), data.get("channel") or "",
                       data.get("district") or "", data.get("event") or "")


# The querysets every number comes from.

def submitted_ideas():
    return Idea.objects.filter(confirmed_at__isnull=False)


def _idea_filters(queryset, filters, prefix=""):
    if filters.channel:
        queryset = queryset.filter(**{f"{prefix}channel": filters.channel})
    if filters.district:
        queryset = queryset.filter(**{f"{prefix}district__slug": filters.district})
    if filters.event:
        queryset = queryset.filter(**{f"{prefix}event_id": filters.event})
    return queryset


def ideas_of(process, filters=NO_FILTERS):
    ideas = _idea_filters(submitted_ideas().filter(process=process), filters)
    return filters.in_range(ideas, "created_at")


def comments_of(process, filters=NO_FILTERS):
    comments = Comment.objects.filter(idea__process=process, idea__confirmed_at__isnull=False)
    return filters.in_range(_idea_filters(comments, filters, "idea__"), "created_at")


def supports_of(process, filters=NO_FILTERS):
    supports = Support.objects.filter(idea__process=process, idea__confirmed_at__isnull=False)
    return filters.in_range(_idea_filters(supports, filters, "idea__"), "created_at")


def process_figures(totals):
    """The headline numbers of a process, formatted for the active language: [(key, label, text)]."""
    return [(key, label, format_number(totals[key])) for key, label in (
        ("participants", _("Participants")), ("contributions", _("Contributions")), ("ideas", _("Ideas")),
        ("comments", _("Comments")), ("supports", _("Supports")),
    )]


def table_cells(totals, keys):
    """Overview table cells: the totals under `keys`, then the channels, formatted: [(key, text)]."""
    return [*[(key, format_number(totals[key])) for key in keys],
            *[(f"channel-{value}", format_number(count)) for value, _label, count in totals["channels"]]]


# Totals, for one page or for many at once (the overview: same queries for 2 or 20 pages).

def channel_counts(prefix=""):
    return {f"channel_{value}": Count("pk", filter=Q(**{f"{prefix}channel": value})) for value in Channel.values}


def channel_rows(row):
    return [(value, label, row.get(f"channel_{value}", 0)) for value, label in Channel.choices]


def process_totals(ideas, comments, supports):
    """Totals per process from three querysets (each may span many processes): {process id: totals}.

    Participants are the people who submitted ideas: every account counts once, however many ideas
    it submitted; every idea without an account (paper, event, desk, or an online guest with an email
    address) counts as one person, since nothing tells whether two of them came from the same person.
    People who only commented or supported are not counted as participants; their comments and
    supports count as contributions."""
    totals = {}
    for row in ideas.order_by().values("process_id").annotate(
        ideas=Count("pk"), accounts=Count("author", distinct=True),
        without_account=Count("pk", filter=Q(author__isnull=True)), **channel_counts(),
    ):
        totals[row["process_id"]] = {
            "ideas": row["ideas"], "participants": row["accounts"] + row["without_account"],
            "channels": channel_rows(row), "comments": 0, "supports": 0,
        }
    for key, queryset in (("comments", comments), ("supports", supports)):
        for process_id, count in queryset.order_by().values_list("idea__process_id").annotate(n=Count("pk")):
            totals.setdefault(process_id, empty_process_totals())[key] = count
    for item in totals.values():
        item["contributions"] = item["ideas"] + item["comments"] + item["supports"]
    return totals


def empty_process_totals():
    return {"ideas": 0, "participants": 0, "channels": channel_rows({}), "comments": 0, "supports": 0,
            "contributions": 0}


def by_event(contributions):
    """How many of `contributions` (ideas or survey responses) came from each event, oldest event first, then
    those of each channel without an event: [{"event": id or None, "label", "count"}]. One query."""
    events, others = {}, dict.fromkeys(Channel.values, 0)
    for event_id, title, starts_at, channel, count in (
        contributions.order_by().values_list("event_id", "event__title", "event__starts_at", "channel")
        .annotate(n=Count("pk"))
    ):
        if event_id is None:
            others[channel] += count
        else:
            events.setdefault(event_id, {"event": event_id, "label": title, "starts_at": starts_at, "count": 0})
            events[event_id]["count"] += count
    labels = dict(Channel.choices)
    rows = sorted(events.values(), key=lambda row: (row["starts_at"], row["event"]))
    return rows + [{"event": None, "label": _("%(channel)s, without an event") % {"channel": labels[channel]},
                    "starts_at": None, "count": count} for channel, count in others.items() if count]


# One process: the dashboard's and the report's numbers and charts.

def daily_counts(queryset, field):
    return dict(
        queryset.order_by().annotate(day=TruncDate(field)).values_list("day").annotate(n=Count("pk"))
    )


def _by(queryset, field):
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))


def process_summary(process, filters=NO_FILTERS):
    """Every number of a process's dashboard and report, with its charts."""
    ideas = ideas_of(process, filters)
    comments = comments_of(process, filters)
    supports = supports_of(process, filters)
    totals = process_totals(ideas, comments, supports).get(process.pk, empty_process_totals())

    periods, series = per_period([
        (_("Ideas"), daily_counts(ideas, "created_at")),
        (_("Comments"), daily_counts(comments, "created_at")),
        (_("Supports"), daily_counts(supports, "created_at")),
    ])
    channel_labels = dict(Channel.choices)
    by_district = {}
    for name, order, channel, count in (
        ideas.order_by().values_list("district__name", "district__sort_order", "channel").annotate(n=Count("pk"))
    ):
        row = by_district.setdefault((name is None, order or 0, name or ""), dict.fromkeys(Channel.values, 0))
        row[channel] = count
    status_counts = _by(ideas, "status")
    events = by_event(ideas)
    categories = sorted(_by(ideas, "category__name").items(), key=lambda item: (-item[1], item[0]))
    return {
        "totals": totals,
        "figures": process_figures(totals),
        "by_event": events, "has_events": any(row["event"] for row in events),
        "charts": {
            "events": bar_chart(
                id="ideas-by-event", caption=_("Ideas by event"),
                rows=[(row["label"], row["count"]) for row in events],
                label_header=_("Event or channel"), value_header=_("Ideas"),
            ),
            "timeline": time_chart(
                id="contributions-over-time", caption=_("Contributions over time"), periods=periods,
                series=series, period_header=_("Period"), style="lines",
            ),
            "channels": bar_chart(
                id="ideas-by-channel", caption=_("Ideas by channel"),
                rows=[(label, count) for _value, label, count in totals["channels"]],
                label_header=_("Channel"), value_header=_("Ideas"),
            ),
            "districts": stacked_bar_chart(
                id="ideas-by-district", caption=_("Ideas by district and channel"),
                rows=[(name if not unknown else _("No district given"), [row[c] for c in Channel.values])
                      for (unknown, _order, name), row in sorted(by_district.items())],
                series=[channel_labels[c] for c in Channel.values], label_header=_("District"),
            ),
            "categories": bar_chart(
                id="ideas-by-category", caption=_("Ideas by category"), rows=categories,
                label_header=_("Category"), value_header=_("Ideas"),
            ),
            "statuses": bar_chart(
                id="ideas-by-status", caption=_("Ideas by status"),
                rows=[(label, status_counts.get(value, 0)) for value, label in Idea.Status.choices],
                label_header=_("Status"), value_header=_("Ideas"),
            ),
        },
    }


def selected_ideas(process, filters=NO_FILTERS, limit=30):
    """For the report: public ideas with an official answer first, then the most supported."""
    from django.db.models import Case, IntegerField, Value, When

    return list(
        ideas_of(process, filters).filter(published=True, hidden=False)
        .annotate(unanswered=Case(When(official_answer="", then=Value(1)), default=Value(0),
                                  output_field=IntegerField()))
        .select_related("category", "district")
        .order_by("unanswered", "-support_count", "created_at")[:limit]
    )
