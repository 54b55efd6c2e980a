"""What the analysts' survey dashboards and reports count (the rules and the shared filters:
participation.ideas.dashboards). A survey response counts once it is submitted (`submitted_at` is set), whatever
the channel."""

from django.db.models import Count
from django.utils.translation import gettext as _

from core.charts import bar_chart, format_number, per_period, stacked_bar_chart, time_chart
from participation.ideas.dashboards import NO_FILTERS, by_event, channel_counts, channel_rows, daily_counts
from participation.ideas.models import Channel
from participation.surveys.models import SurveyResponse
from participation.surveys.questions import all_questions
from participation.surveys.results import compute


def event_choices(survey):
    """[(id, title)] of the events beside the survey (under the same process or project), whose answers may
    carry them."""
    from core.i18n import source_of
    from participation.events.models import EventPage

    return list(EventPage.objects.sibling_of(source_of(survey)).order_by("-starts_at", "-pk")
                .values_list("pk", "title"))


def submitted_responses():
    return SurveyResponse.objects.filter(submitted_at__isnull=False)


def district_question(survey):
    """The survey's question asking for the district (the first one, as `survey_results.compute` reads it)."""
    return next((question for question in all_questions(survey) if question.handler.names_district), None)


def responses_of(survey, filters=NO_FILTERS):
    """Submitted responses; the district filter reads the survey's district question (as
    `survey_results.compute` does), so a survey without one is not filtered by district."""
    responses = submitted_responses().filter(survey=survey)
    if filters.channel:
        responses = responses.filter(channel=filters.channel)
    if filters.event:
        responses = responses.filter(event_id=filters.event)
    if filters.district:
        question = district_question(survey)
        if question is not None:
            responses = responses.filter(**{f"answers__{question.id}": filters.district})
    return filters.in_range(responses, "submitted_at")


def survey_figures(totals):
    return [("responses", _("Responses"), format_number(totals["responses"])),
            *[(f"channel-{value}", label, format_number(count)) for value, label, count in totals["channels"]]]


def survey_totals(responses):
    """Totals per survey from a queryset of submitted responses: {survey id: totals}."""
    totals = {}
    for row in responses.order_by().values("survey_id").annotate(n=Count("pk"), **channel_counts()):
        totals[row["survey_id"]] = {"responses": row["n"], "participants": row["n"], "contributions": row["n"],
                                    "channels": channel_rows(row)}
    return totals


def empty_survey_totals():
    return {"responses": 0, "participants": 0, "contributions": 0, "channels": channel_rows({})}


def survey_summary(survey, filters=NO_FILTERS):
    """Every number of a survey's dashboard and report: totals, charts and the per-question results
    from `survey_results.compute` (one pass over the responses)."""
    responses = responses_of(survey, filters)
    totals = survey_totals(responses).get(survey.pk, empty_survey_totals())
    periods, series = per_period([(_("Responses"), daily_counts(responses, "submitted_at"))])
    results = compute(survey, filters.channel, filters.district, event=filters.event)
    events = by_event(responses)
    channel_labels = [label for _value, label in Channel.choices]
    charts = {
        "timeline": time_chart(id="responses-over-time", caption=_("Responses over time"), periods=periods,
                               series=series, period_header=_("Period")),
        "channels": bar_chart(id="responses-by-channel", caption=_("Responses by channel"),
                              rows=[(label, count) for _value, label, count in totals["channels"]],
                              label_header=_("Channel"), value_header=_("Responses")),
        "events": bar_chart(id="responses-by-event", caption=_("Responses by event"),
                            rows=[(row["label"], row["count"]) for row in events],
                            label_header=_("Event or channel"), value_header=_("Responses")),
    }
    questions = []
    for number, item in enumerate(results["questions"], start=1):
        question = item["question"]
        entry = {"number": number, "item": item, "chart": None}
        if item.get("rows"):
            entry["chart"] = stacked_bar_chart(
                id=f"question-{question.id}", caption=question.text,
                rows=[(row["label"], row["channels"]) for row in item["rows"]], series=channel_labels,
                label_header=_("Answer"), shares=[row["percent"] for row in item["rows"]],
            )
            if question.handler.names_district:
                charts["districts"] = stacked_bar_chart(
                    id="responses-by-district", caption=_("Responses by district and channel"),
                    rows=[(row["label"], row["channels"]) for row in item["rows"] if row["count"]],
                    series=channel_labels, label_header=_("District"),
                )
        questions.append(entry)
    return {"totals": totals, "figures": survey_figures(totals), "charts": charts, "questions": questions,
            "results": results, "by_event": events, "has_events": any(row["event"] for row in events)}
