"""A number (decimal, with optional bounds); stored as normalised text ("42", "3.5")."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from participation.surveys.question_blocks import QuestionBlock
from participation.surveys.question_kinds.base import QuestionKind, register, stats
from participation.surveys.question_kinds.text import ShortTextKind


class NumberBlock(QuestionBlock):
    minimum = blocks.DecimalBlock(label=_("Smallest allowed"), required=False)
    maximum = blocks.DecimalBlock(label=_("Largest allowed"), required=False)

    class Meta:
        label = _("Number")
        icon = "plus-inverse"


@register
class NumberKind(QuestionKind):
    name = "number"
    block = NumberBlock
    position = 100
    transcription_template = "surveys/scan_inputs/number.html"

    def form_fields(self, question):
        value = question.value
        yield self.field_name(question), forms.DecimalField(min_value=value["minimum"], max_value=value["maximum"],
                                                            **self.common(question))

    def collect(self, question, cleaned):
        number = cleaned.get(self.field_name(question))
        return None if number is None else str(Decimal(number).normalize())

    def count(self, question, tally, answer, channel, language):
        tally.numbers.append(float(answer))

    def summarise(self, question, tally, answered, summary):
        summary["stats"] = stats(tally.numbers)

    def export_columns(self, question, code, districts, open_data):
        from core.exports import Column

        qid = question.id

        def read_number(answers):
            value = answers.get(qid)
            return [Decimal(value) if value not in (None, "") else None]

        return [Column(code, question.text)], read_number

    def sample_maker(self, question, districts):
        return lambda rng, n: str(rng.randint(0, 99))

    def from_written(self, text):
        try:
            return str(Decimal(text.replace(",", ".")).normalize())
        except InvalidOperation:
            return None

    from_scan = ShortTextKind.from_scan
