"""Survey results: counts, percentages, mean and median, computed in one pass over the responses
(constant memory and a fixed number of queries, whatever the number of responses)."""

from collections import Counter

from django.db.models import Count

from participation.ideas.models import Channel
from participation.surveys.question_kinds import EMPTY, kind_for
from participation.surveys.questions import all_questions


def _district_question(questions):
    return next((q for q in questions if kind_for(q).names_district), None)


def compute(survey, channel="", district="", text_query="", event=""):
    """Results of `survey` with its questions' labels in its own language; the answers are those of
    every translation (they are stored with the default-language page, core.i18n.source_of). `event`: only the
    answers collected at this event (its page id)."""
    from core.i18n import source_of
    from participation.surveys.models import SurveyResponse

    questions = all_questions(survey)
    district_question = _district_question(questions)
    holder = source_of(survey)
    responses = SurveyResponse.objects.filter(survey=holder, submitted_at__isnull=False)
    if channel:
        responses = responses.filter(channel=channel)
    if event:
        responses = responses.filter(event_id=event)
    kinds = {q.id: kind_for(q) for q in questions}
    tallies = {q.id: kinds[q.id].tally(q) for q in questions}
    answered, set_aside = Counter(), Counter()
    total = 0
    rows = responses.values_list("answers", "channel", "language", "not_counted")
    for answers, via, language, not_counted in rows.iterator(chunk_size=2000):
        if district and district_question and answers.get(district_question.id) != district:
            continue
        total += 1
        set_aside.update(not_counted.keys())
        for question in questions:
            answer = answers.get(question.id)
            if answer in EMPTY:
                continue
            answered[question.id] += 1
            kinds[question.id].count(question, tallies[question.id], answer, via, language)
    by_channel = dict(
        SurveyResponse.objects.filter(survey=holder, submitted_at__isnull=False)
        .values_list("channel").annotate(n=Count("pk"))
    )
    return {
        "total": total,
        "channels": [(value, label, by_channel.get(value, 0)) for value, label in Channel.choices],
        "all_channels": sum(by_channel.values()),
        "questions": [
            _summary(q, kinds[q.id], tallies[q.id], answered[q.id], text_query, set_aside[q.id]) for q in questions
        ],
    }


def _summary(question, kind, tally, answered, text_query, not_counted=0):
    """`not_counted`: paper answers to the question whose condition their sheet did not meet (kept, shown as
    a number, never counted)."""
    summary = {"question": question, "kind": question.kind, "answered": answered, "not_counted": not_counted}
    kind.summarise(question, tally, answered, summary)
    texts = tally.texts
    if texts:
        matching = [t for t in texts if text_query.lower() in str(t).lower()] if text_query else texts
        summary["texts"] = matching[:200]
        summary["text_count"] = len(matching)
    return summary
