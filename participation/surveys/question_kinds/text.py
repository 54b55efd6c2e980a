"""Free text: a short line or a longer text. Free text can name people: it never goes into open data."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from participation.surveys.question_blocks import QuestionBlock
from participation.surveys.question_kinds.base import QuestionKind, TextAnswer, register


class ShortTextBlock(QuestionBlock):
    max_length = blocks.IntegerBlock(label=_("Maximum length"), default=200, min_value=1, max_value=500)

    class Meta:
        label = _("Short text")
        icon = "pilcrow"


@register
class ShortTextKind(QuestionKind):
    name = "short_text"
    block = ShortTextBlock
    position = 80
    widget = forms.TextInput
    paper_template = "surveys/print/kinds/line.html"

    def form_fields(self, question):
        value = question.value
        yield self.field_name(question), forms.CharField(max_length=value["max_length"], widget=self.make_widget(),
                                                         **self.common(question))

    def make_widget(self):
        return self.widget

    def collect(self, question, cleaned):
        return (cleaned.get(self.field_name(question)) or "").strip()

    def count(self, question, tally, answer, channel, language):
        tally.texts.append(TextAnswer(answer, language))

    def export_columns(self, question, code, districts, open_data):
        if open_data:  # free text can name people: never in open data
            return [], lambda answers: []
        return super().export_columns(question, code, districts, open_data)

    def sample_maker(self, question, districts):
        return lambda rng, n: f"Antwort Nummer {n}: mehr Busse am Abend" if n % 3 == 0 else None

    def from_scan(self, question, ticked, written):
        text = written("text")
        return self.from_written(text) if text is not None else None


class LongTextBlock(QuestionBlock):
    max_length = blocks.IntegerBlock(label=_("Maximum length"), default=2000, min_value=1, max_value=10000)

    class Meta:
        label = _("Long text")
        icon = "doc-full"


@register
class LongTextKind(ShortTextKind):
    name = "long_text"
    block = LongTextBlock
    position = 90
    paper_template = "surveys/print/kinds/lines.html"
    transcription_template = "surveys/scan_inputs/long_text.html"

    def make_widget(self):
        return forms.Textarea(attrs={"rows": 5})
