"""Survey responses for staff exports (see core.exports and participation.ideas.datasets), and made-up
responses for benchmarks and memory tests (`sample`, `bulk_create_responses`)."""

import contextlib
import datetime
import random
import uuid

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import Column, QuerySetDataset, source_id
from core.models import District
from core.registry import register_export_dataset
from participation.ideas.datasets import CHUNK_SIZE, page_choices
from participation.ideas.models import Channel
from participation.surveys.models import SurveyPage, SurveyResponse
from participation.surveys.question_kinds import kind_for
from participation.surveys.questions import all_questions


class SurveyResponses(QuerySetDataset):
    """One row per sent-off response, one or more columns per question (codes from the question's key, or
    q1, q2, … by position): choices as their label, multiple choice as one 0/1 column per option, matrix
    and ranking as one column per row or item, numbers as numbers, dates as dates, free text as text."""

    key = "survey_responses"
    period_field = "submitted_at"
    label = gettext_lazy("Survey responses")
    description = gettext_lazy("Answers to a survey from every channel (online, paper, events, citizens' desk).")
    source_label = gettext_lazy("Survey")
    source_required = True
    channel_choices = Channel.choices

    def sources(self, user=None):
        return page_choices(SurveyPage, user)

    def survey(self, params):
        return SurveyPage.objects.get(pk=source_id(params))

    def public_page(self, params):
        return SurveyPage.objects.live().filter(pk=source_id(params)).first()

    def queryset(self, params, open_data=False):
        responses = SurveyResponse.objects.filter(survey_id=source_id(params), submitted_at__isnull=False)
        if params.get("channel"):
            responses = responses.filter(channel=params["channel"])
        return responses


    def title(self, params):
        return f"{self.survey(params).title} – {self.label}"

    def file_stem(self, params):
        return f"{self.survey(params).slug}-responses"

    def _layout(self, params, open_data):
        """[(Column, reader)] per question: reader(answers) → the cells of its columns."""
        districts = dict(District.objects.values_list("slug", "name"))
        layout = []
        for number, question in enumerate(all_questions(self.survey(params)), start=1):
            code = (question.value.get("key") or "").strip() or f"q{number}"
            layout.append(kind_for(question).export_columns(question, code, districts, open_data))
        return layout

    def columns(self, params, personal=False, open_data=False):
        columns = [Column("response", _("Response")), Column("channel", _("Channel")), Column("event", _("Event")),
                   Column("submitted", _("Submitted")), Column("capture", _("Capture method"))]
        for question_columns, _reader in self._layout(params, open_data):
            columns += question_columns
        if personal and not open_data:
            columns.append(Column("email", _("Email"), personal=True))
        return columns

    def rows(self, params, personal=False, open_data=False):
        personal = personal and not open_data
        readers = [reader for _columns, reader in self._layout(params, open_data)]
        channels = {key: str(label) for key, label in Channel.choices}
        captures = {key: str(label) for key, label in SurveyResponse.Capture.choices}
        fields = ["pk", "channel", "event__title", "submitted_at", "capture_method", "answers"]
        if personal:
            fields += ["email", "user__email"]
        responses = self.queryset(params, open_data).order_by("pk").values_list(*fields)
        for values in responses.iterator(chunk_size=CHUNK_SIZE):
            pk, channel, event, submitted_at, capture, answers = values[:6]
            row = [pk, channels.get(channel, channel), event or "", submitted_at, captures.get(capture, capture)]
            for reader in readers:
                row += reader(answers)
            if personal:
                row.append(values[6] or values[7] or "")
            yield row

    @contextlib.contextmanager
    def sample(self, rows, seed=9):
        """A survey of its own with the demo survey's questions and `rows` made-up responses from every
        channel; removed afterwards (benchmarks and memory tests)."""
        from django.db import connection
        from wagtail.models import Site

        from participation.surveys.demo import SURVEY_SLUG

        demo = SurveyPage.objects.filter(slug=SURVEY_SLUG, locale__language_code=settings.LANGUAGE_CODE).first()
        if demo is None:
            raise LookupError("The demo survey is missing: run `manage.py load_demo_content` first.")
        home = Site.objects.get(is_default_site=True).root_page
        now = timezone.now()
        survey = SurveyPage(title="Export benchmark", slug=f"export-benchmark-{uuid.uuid4().hex[:8]}",
                            opens_at=now - datetime.timedelta(days=30), closes_at=now + datetime.timedelta(days=30),
                            questions=demo.questions.raw_data, live=False)
        home.add_child(instance=survey)
        try:
            bulk_create_responses(survey, rows, seed=seed)
            yield {"source": survey.pk}
        finally:
            with connection.cursor() as cursor:  # 100,000 rows nothing refers to: one statement, no collector
                table = SurveyResponse._meta.db_table  # our own table name, not input
                cursor.execute(f"DELETE FROM {table} WHERE survey_id = %s", [survey.pk])  # noqa: S608
            survey.delete()


def bulk_create_responses(survey, count, seed=9, batch_size=5000):
    """`count` made-up sent-off responses to `survey`, inserted in batches of one statement each.

    The rows are made up here, so they skip the ORM's per-object work (model instances, per-field SQL): a
    prepared INSERT with values converted by each field for the database in use, about ten times faster
    than ``bulk_create`` (100,000 rows in seconds, for the export benchmark and the memory test)."""
    from django.db import DEFAULT_DB_ALIAS, connections, transaction

    connection = connections[DEFAULT_DB_ALIAS]
    rng = random.Random(seed)  # noqa: S311 - made-up answers, repeatable by seed
    makers = _answer_makers(all_questions(survey), list(District.objects.values_list("slug", flat=True)))
    channels = [Channel.ONLINE] * 6 + [Channel.PAPER] * 2 + [Channel.EVENT, Channel.DESK]
    field = SurveyResponse._meta.get_field
    varying = ["survey", "channel", "token", "answers", "started_at", "submitted_at", "language"]
    # Every other column gets its field's default (converted for the database): a field added later needs no
    # change here (a NOT NULL column left out of the INSERT would fail it).
    fixed = [f for f in SurveyResponse._meta.concrete_fields if not f.primary_key and f.name not in varying]
    constant = tuple(f.get_db_prep_save(f.get_default(), connection) for f in fixed)
    table = connection.ops.quote_name(SurveyResponse._meta.db_table)
    names = [field(name).column for name in varying] + [f.column for f in fixed]
    columns = ", ".join(connection.ops.quote_name(name) for name in names)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(names))})"  # noqa: S608
    token, answers, moment = (field(name).get_db_prep_save for name in ("token", "answers", "submitted_at"))
    start = timezone.now() - datetime.timedelta(days=20)
    batch = []
    with transaction.atomic(using=DEFAULT_DB_ALIAS), connection.cursor() as cursor:  # one commit, not one per row
        for number in range(count):
            when = moment(start + datetime.timedelta(seconds=number * 7), connection)
            batch.append((survey.pk, rng.choice(channels), token(uuid.UUID(int=rng.getrandbits(128), version=4),
                                                                  connection),
                          answers(_made_up_answers(makers, rng, number), connection), when, when, "de") + constant)
            if len(batch) == batch_size:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _answer_makers(questions, districts):
    """Per question: (question id, function(rng, number) → a made-up answer or None)."""
    makers = []
    for question in questions:
        make = kind_for(question).sample_maker(question, districts)
        if make is not None:
            makers.append((question.id, make))
    return makers


def made_up_answers(survey, rng):
    """A function ``number -> answers`` of made-up answers to `survey`, as its conditions allow (a question a
    condition hides gets no answer, by the rule every channel counts by: questions.counted_answers): for the
    demo's activity (participation/surveys/demo.py)."""
    from participation.surveys.questions import counted_answers

    makers = _answer_makers(all_questions(survey), list(District.objects.values_list("slug", flat=True)))

    def answers(number):
        counted, _not_asked = counted_answers(survey, _made_up_answers(makers, rng, number))
        return counted

    return answers


def _made_up_answers(makers, rng, number):
    answers = {}
    for qid, make in makers:
        value = make(rng, number)
        if value is not None:
            answers[qid] = value
    return answers


register_export_dataset(SurveyResponses())
