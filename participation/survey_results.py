"""Survey results: counts, percentages, mean and median, computed in one pass over the responses
(constant memory and a fixed number of queries, whatever the number of responses)."""

import statistics
from collections import Counter, defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from participation.models import Channel
from participation.surveys import NO_ANSWER, OTHER, all_questions

CHOICE_KINDS = {"single", "multiple", "dropdown", "yesno", "scale", "district"}
TEXT_KINDS = {"short_text", "long_text"}


class TextAnswer(str):
    """A resident's own words, with the language they wrote them in (shown with `lang`)."""

    language = ""

    def __new__(cls, text, language=""):
        answer = super().__new__(cls, text)
        answer.language = language
        return answer


def _district_question(questions):
    return next((q for q in questions if q.kind == "district"), None)


def compute(survey, channel="", district="", text_query=""):
    """Results of `survey` with its questions' labels in its own language; the answers are those of
    every translation (they are stored with the default-language page, core.i18n.source_of)."""
    from core.i18n import source_of
    from participation.models import SurveyResponse

    questions = all_questions(survey)
    district_question = _district_question(questions)
    holder = source_of(survey)
    responses = SurveyResponse.objects.filter(survey=holder, submitted_at__isnull=False)
    if channel:
        responses = responses.filter(channel=channel)
    counters = {q.id: Counter() for q in questions}
    by_channel_counters = {q.id: Counter() for q in questions}  # (channel, option) → count
    numbers = defaultdict(list)
    matrix = {q.id: defaultdict(Counter) for q in questions if q.kind == "matrix"}
    ranks = {q.id: defaultdict(list) for q in questions if q.kind == "ranking"}
    texts = defaultdict(list)
    answered = Counter()
    total = 0
    for answers, via, language in responses.values_list("answers", "channel", "language").iterator(chunk_size=2000):
        if district and district_question and answers.get(district_question.id) != district:
            continue
        total += 1
        for question in questions:
            answer = answers.get(question.id)
            if answer in (None, "", [], {}):
                continue
            answered[question.id] += 1
            kind = question.kind
            if kind == "multiple":
                chosen = answer["choices"] if isinstance(answer, dict) else answer
                counters[question.id].update(chosen)
                by_channel_counters[question.id].update((via, key) for key in chosen)
                if isinstance(answer, dict):
                    texts[question.id].append(TextAnswer(answer["other"], language))
            elif kind in CHOICE_KINDS:
                if isinstance(answer, dict):
                    counters[question.id][OTHER] += 1
                    by_channel_counters[question.id][via, OTHER] += 1
                    texts[question.id].append(TextAnswer(answer["other"], language))
                else:
                    counters[question.id][answer] += 1
                    by_channel_counters[question.id][via, answer] += 1
                    if kind == "scale" and answer != NO_ANSWER:
                        numbers[question.id].append(float(answer))
            elif kind == "number":
                numbers[question.id].append(float(answer))
            elif kind == "matrix":
                for row, value in answer.items():
                    matrix[question.id][row][value] += 1
            elif kind == "ranking":
                for option, rank in answer.items():
                    ranks[question.id][option].append(rank)
            elif kind in TEXT_KINDS:
                texts[question.id].append(TextAnswer(answer, language))
            elif kind == "date":
                texts[question.id].append(answer)
    by_channel = dict(
        SurveyResponse.objects.filter(survey=holder, submitted_at__isnull=False)
        .values_list("channel").annotate(n=Count("pk"))
    )
    return {
        "total": total,
        "channels": [(value, label, by_channel.get(value, 0)) for value, label in Channel.choices],
        "all_channels": sum(by_channel.values()),
        "questions": [
            _summary(q, counters[q.id], numbers.get(q.id, []), matrix.get(q.id), ranks.get(q.id), texts.get(q.id, []),
                     answered[q.id], text_query, by_channel_counters[q.id])
            for q in questions
        ],
    }


def _stats(values):
    if not values:
        return None
    return {"mean": round(statistics.fmean(values), 2), "median": statistics.median(values),
            "min": min(values), "max": max(values), "count": len(values)}


def _rows(counts, labels, answered, by_channel=None):
    """Bars for the chart and rows for the data table: every current option, then removed ones; with
    `by_channel`, each row also holds its count per channel (online, paper, event, desk)."""
    rows = []
    for key, label in labels:
        rows.append({"key": key, "label": label, "count": counts.get(key, 0)})
    known = {key for key, _label in labels}
    for key, count in counts.items():
        if key not in known:
            rows.append({"key": key, "label": _("(removed option)"), "count": count, "removed": True})
    for row in rows:
        row["percent"] = round(100 * row["count"] / answered, 1) if answered else 0
        if by_channel is not None:
            row["channels"] = [by_channel.get((channel, row["key"]), 0) for channel in Channel.values]
    return rows


def _summary(question, counts, numbers, matrix, ranks, texts, answered, text_query, by_channel):
    summary = {"question": question, "kind": question.kind, "answered": answered}
    kind = question.kind
    if kind in {"single", "multiple", "dropdown"}:
        labels = list(question.options)
        if question.value.get("allow_other"):
            labels.append((OTHER, _("Other")))
        summary["rows"] = _rows(counts, labels, answered, by_channel)
    elif kind == "yesno":
        summary["rows"] = _rows(counts, [(k, str(v)) for k, v in question.labels().items()], answered, by_channel)
    elif kind == "district":
        from participation.models import District

        summary["rows"] = _rows(counts, [(d.slug, d.name) for d in District.objects.all()], answered, by_channel)
    elif kind == "scale":
        labels = [(v, v) for v in question.scale_values()]
        if question.value.get("allow_no_answer"):
            labels.append((NO_ANSWER, _("No answer")))
        summary["rows"] = _rows(counts, labels, answered, by_channel)
        summary["stats"] = _stats(numbers)
    elif kind == "number":
        summary["stats"] = _stats(numbers)
    elif kind == "matrix":
        summary["matrix"] = [
            {"label": label, "stats": _stats([float(v) for v, n in matrix[row].items() if v != NO_ANSWER
                                              for _i in range(n)]),
             "rows": _rows(matrix[row], [(v, v) for v in question.scale_values()], sum(matrix[row].values()))}
            for row, label in question.rows
        ]
    elif kind == "ranking":
        summary["ranking"] = sorted(
            ({"label": label, "mean_rank": round(statistics.fmean(ranks[option]), 2) if ranks[option] else None}
             for option, label in question.options),
            key=lambda item: (item["mean_rank"] is None, item["mean_rank"] or 0),
        )
    if texts:
        matching = [t for t in texts if text_query.lower() in str(t).lower()] if text_query else texts
        summary["texts"] = matching[:200]
        summary["text_count"] = len(matching)
    return summary
