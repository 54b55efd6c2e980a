"""The respondent's district (from the site's list of districts); results and dashboards filter by it.
On paper it is written by hand and picked from the list when transcribed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.surveys.question_blocks import QuestionBlock
from participation.surveys.question_kinds.base import register
from participation.surveys.question_kinds.choice import OneOfKind
from participation.surveys.question_kinds.text import ShortTextKind


def _districts():
    from core.models import District

    return District.objects.all()


class DistrictQuestionBlock(QuestionBlock):
    class Meta:
        label = _("District")
        icon = "site"


@register
class DistrictKind(OneOfKind):
    name = "district"
    block = DistrictQuestionBlock
    position = 120
    widget = forms.Select
    one_tick = False  # written by hand on the survey form: no boxes
    names_district = True
    paper_template = "surveys/print/kinds/district.html"
    transcription_template = "surveys/scan_inputs/district.html"

    def labels(self, question):
        return {}

    def condition_labels(self, question):
        return {d.slug: d.name for d in _districts()}

    def paper_instruction(self, question):
        return ""  # written, not ticked

    def choices(self, question):
        return [("", _("Please choose"))] + [(d.slug, d.name) for d in _districts()]

    def result_labels(self, question):
        return [(d.slug, d.name) for d in _districts()]

    def export_cell(self, question, districts):
        return lambda value: districts.get(value, value)

    def sample_maker(self, question, districts):
        if not districts:
            return None
        return lambda rng, n: rng.choice(districts)

    def transcription_context(self):
        return {"districts": _districts()}

    from_scan = ShortTextKind.from_scan
