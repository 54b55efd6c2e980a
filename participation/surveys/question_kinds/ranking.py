"""A ranking: residents give items a place (1 = most important); on paper they write the place numbers."""

import statistics
from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation.surveys.question_blocks import OptionBlock, QuestionBlock, filled_list
from participation.surveys.question_kinds.base import Tally, get_kind, register
from participation.surveys.question_kinds.scale import PartsKind


class RankingBlock(QuestionBlock):
    options = filled_list(OptionBlock(), _("Items to rank"), 2)

    class Meta:
        label = _("Ranking")
        icon = "list-ol"


@register
class RankingKind(PartsKind):
    name = "ranking"
    block = RankingBlock
    position = 70
    paper_template = "surveys/print/kinds/ranking.html"
    transcription_template = "surveys/scan_inputs/number.html"
    written_boxes = True

    def parts(self, question):
        return question.options

    def labels(self, question):
        return dict(question.options)

    def form_fields(self, question):
        places = [("", "–")] + [(str(n), str(n)) for n in range(1, len(question.options) + 1)]
        for option_id, label in question.options:
            yield self.part_field(question, option_id), forms.ChoiceField(
                label=_("Place for “%(item)s”") % {"item": label}, choices=places,
                required=bool(question.value["required"]))

    def collect(self, question, cleaned):
        ranks = {option_id: cleaned.get(self.part_field(question, option_id)) for option_id, _label in question.options}
        ranks = {option_id: int(rank) for option_id, rank in ranks.items() if rank}
        if ranks and len(set(ranks.values())) != len(ranks):
            raise ValidationError(_("Each place can be given only once."))
        return ranks

    def paper_instruction(self, question):
        return gettext("Write a place number (1 = most important) next to each item.")

    def tally(self, question):
        return Tally(parts=defaultdict(list))

    def count(self, question, tally, answer, channel, language):
        for option, rank in answer.items():
            tally.parts[option].append(rank)

    def summarise(self, question, tally, answered, summary):
        ranks = tally.parts
        summary["ranking"] = sorted(
            ({"label": label, "mean_rank": round(statistics.fmean(ranks[option]), 2) if ranks[option] else None}
             for option, label in question.options),
            key=lambda item: (item["mean_rank"] is None, item["mean_rank"] or 0),
        )

    def sample_maker(self, question, districts):
        keys = [key for key, _label in question.options]
        return lambda rng, n: {key: place for place, key in enumerate(rng.sample(keys, len(keys)), 1)}

    def from_written(self, text):
        return get_kind("number").from_written(text)

    def from_scan(self, question, ticked, written):
        ranks = {}
        for option_id, _label in question.options:
            text = written(option_id)
            value = self.from_written(text) if text is not None else None
            if value and value.isdigit():
                ranks[option_id] = int(value)
        return ranks or None
