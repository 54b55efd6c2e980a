"""A date (the browser's date picker); stored as an ISO date."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.surveys.question_blocks import QuestionBlock
from participation.surveys.question_kinds.base import QuestionKind, register
from participation.surveys.question_kinds.text import ShortTextKind


class DateQuestionBlock(QuestionBlock):
    class Meta:
        label = _("Date")
        icon = "date"


@register
class DateKind(QuestionKind):
    name = "date"
    block = DateQuestionBlock
    position = 110

    def form_fields(self, question):
        yield self.field_name(question), forms.DateField(widget=forms.DateInput(attrs={"type": "date"}),
                                                         **self.common(question))

    def collect(self, question, cleaned):
        date = cleaned.get(self.field_name(question))
        return date.isoformat() if date else None

    def count(self, question, tally, answer, channel, language):
        tally.texts.append(answer)

    def export_columns(self, question, code, districts, open_data):
        from core.exports import Column

        qid = question.id

        def read_date(answers):
            value = answers.get(qid)
            return [datetime.date.fromisoformat(value) if value else None]

        return [Column(code, question.text)], read_date

    def sample_maker(self, question, districts):
        return lambda rng, n: (datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300)).isoformat()

    from_scan = ShortTextKind.from_scan
