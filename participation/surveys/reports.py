"""The PDF report of one survey: summary and the results of every question with the channel split (layout and
rendering: participation.ideas.reports)."""

from participation.ideas.dashboards import NO_FILTERS
from participation.ideas.reports import selection_in_words, write_pdf
from participation.surveys.dashboards import survey_summary


def survey_context(survey, filters=NO_FILTERS):
    return {
        "kind": "survey", "page": survey, "period": (survey.opens_at, survey.closes_at),
        "summary": survey_summary(survey, filters), "selection": selection_in_words(filters),
    }


def survey_report(survey, filters=NO_FILTERS):
    """The report of a survey: summary and the results of every question with the channel split.
    Returns (pdf, refused URLs)."""
    return write_pdf(survey_context(survey, filters))
