"""A scale (one value from a range of whole numbers, "no answer" if offered) and a matrix (several rows,
each answered on the same scale)."""

from collections import Counter, defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from participation.surveys.question_blocks import MatrixRowBlock, QuestionBlock, filled_list
from participation.surveys.question_kinds.base import NO_ANSWER, QuestionKind, Tally, register, result_rows, stats
from participation.surveys.question_kinds.choice import OneOfKind


def scale_choices(question):
    value = question.value
    choices = []
    for number in question.scale_values():
        label = number
        if number == str(value["minimum"]) and value["min_label"]:
            label = f"{number} – {value['min_label']}"
        elif number == str(value["maximum"]) and value["max_label"]:
            label = f"{number} – {value['max_label']}"
        choices.append((number, label))
    if value["allow_no_answer"]:
        choices.append((NO_ANSWER, _("No answer")))
    return choices


def scale_labels(question):
    """[(stored value, label)] of a scale or a matrix row: the numbers, and "no answer" if offered."""
    labels = [(v, v) for v in question.scale_values()]
    if question.value.get("allow_no_answer"):
        labels.append((NO_ANSWER, gettext("No answer")))
    return labels


def scale_cell(value, no_answer):
    """A scale value (or place) in an export: a whole number, or `no_answer`."""
    return no_answer if value == NO_ANSWER else int(value) if str(value).lstrip("-").isdigit() else value


class ScaleBlock(QuestionBlock):
    minimum = blocks.IntegerBlock(label=_("From"), default=1)
    maximum = blocks.IntegerBlock(label=_("To"), default=5)
    min_label = blocks.CharBlock(label=_("Label of the lowest value"), required=False, max_length=80)
    max_label = blocks.CharBlock(label=_("Label of the highest value"), required=False, max_length=80)
    allow_no_answer = blocks.BooleanBlock(label=_("Offer “no answer”"), required=False, default=True)

    class Meta:
        label = _("Scale")
        icon = "order"


@register
class ScaleKind(OneOfKind):
    name = "scale"
    block = ScaleBlock
    position = 50
    paper_template = "surveys/print/kinds/scale.html"
    circled_labels = False

    def choices(self, question):
        return scale_choices(question)

    def count(self, question, tally, answer, channel, language):
        super().count(question, tally, answer, channel, language)
        if not isinstance(answer, dict) and answer != NO_ANSWER:
            tally.numbers.append(float(answer))

    def result_labels(self, question):
        return scale_labels(question)

    def condition_labels(self, question):
        return dict(scale_labels(question))

    def summarise(self, question, tally, answered, summary):
        super().summarise(question, tally, answered, summary)
        summary["stats"] = stats(tally.numbers)

    def export_cell(self, question, districts):
        no_answer = str(gettext("No answer"))
        return lambda value: scale_cell(value, no_answer)

    def sample_maker(self, question, districts):
        values = question.scale_values() + [NO_ANSWER]
        return lambda rng, n: rng.choice(values)

    def box_labels(self, question, group):
        labels = super().box_labels(question, group)
        prefix = f"box-{question.id}-"
        labels.update({prefix + v: v for v in question.scale_values()})
        return labels


class PartsKind(QuestionKind):
    """A question with one answer per row or item (matrix, ranking): {row or item id: value}."""

    def parts(self, question):
        """[(row or item id, label)]"""
        raise NotImplementedError

    def part_field(self, question, part_id):
        return f"{self.field_name(question)}-{part_id}"

    def first_field(self, question):
        return self.part_field(question, self.parts(question)[0][0])

    def initial(self, question, answer):
        return {self.part_field(question, part): str(value) for part, value in answer.items()}

    def labels_of_parts(self, question):
        return dict(self.parts(question))

    def display(self, question, value):
        if value in (None, "", [], {}):
            return "—"
        labels = self.labels_of_parts(question)
        return ", ".join(f"{labels.get(key, key)}: {item}" for key, item in value.items())

    def export_columns(self, question, code, districts, open_data):
        """One column per row or item, in their order."""
        from core.exports import Column

        qid, text = question.id, question.text
        items = list(self.parts(question))
        columns = [Column(f"{code}_{index}", f"{text}: {label}") for index, (_key, label) in enumerate(items, 1)]
        keys = [key for key, _label in items]
        no_answer = str(gettext("No answer"))

        def read_items(answers):
            value = answers.get(qid) or {}
            return [scale_cell(value[key], no_answer) if key in value else None for key in keys]

        return columns, read_items


class MatrixBlock(ScaleBlock):
    rows = filled_list(MatrixRowBlock(), _("Rows"), 1)

    class Meta:
        label = _("Matrix (rows × one scale)")
        icon = "table"


@register
class MatrixKind(PartsKind):
    name = "matrix"
    block = MatrixBlock
    position = 60
    paper_template = "surveys/print/kinds/matrix.html"
    one_tick = True  # per row

    def parts(self, question):
        return question.rows

    def form_fields(self, question):
        value = question.value
        for row_id, label in question.rows:
            yield self.part_field(question, row_id), forms.ChoiceField(
                label=f"{value['text']}: {label}", choices=scale_choices(question), widget=forms.RadioSelect,
                required=bool(value["required"]))

    def collect(self, question, cleaned):
        rows = {row_id: cleaned.get(self.part_field(question, row_id)) for row_id, _label in question.rows}
        rows = {row_id: answer for row_id, answer in rows.items() if answer}
        if rows and question.value["required"] and len(rows) < len(question.rows):
            raise ValidationError(_("Please answer every row."))
        return rows

    def initial(self, question, answer):
        return {self.part_field(question, row): value for row, value in answer.items()}

    def tally(self, question):
        return Tally(parts=defaultdict(Counter))

    def count(self, question, tally, answer, channel, language):
        for row, value in answer.items():
            tally.parts[row][value] += 1

    def summarise(self, question, tally, answered, summary):
        matrix = tally.parts
        summary["matrix"] = [
            {"label": label, "stats": stats([float(v) for v, n in matrix[row].items() if v != NO_ANSWER
                                             for _i in range(n)]),
             "rows": result_rows(matrix[row], scale_labels(question), sum(matrix[row].values()))}
            for row, label in question.rows
        ]

    def sample_maker(self, question, districts):
        rows, values = [key for key, _label in question.rows], question.scale_values()
        return lambda rng, n: {row: rng.choice(values) for row in rows}

    def box_labels(self, question, group):
        labels = QuestionKind.box_labels(self, question, group)
        prefix = f"box-{question.id}-"
        rows = dict(question.rows)
        row = group[37:]
        labels.update({f"{prefix}{row}-{v}": f"{rows.get(row, '')}: {label}" for v, label in scale_labels(question)})
        return labels

    def paper_instruction(self, question):
        return gettext("Please make one cross in each row.")

    def from_scan(self, question, ticked, written):
        rows = dict(choice.rsplit("-", 1) for choice in ticked)
        return rows or None
