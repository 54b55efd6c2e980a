"""Choice questions: single choice (radio buttons), dropdown, yes/no and multiple choice (check boxes);
single and multiple choice may offer "other, please specify"."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from participation.surveys.question_blocks import ChoiceQuestionBlock, OptionBlock, QuestionBlock, filled_list
from participation.surveys.question_kinds.base import OTHER, YES_NO, QuestionKind, TextAnswer, register, result_rows

OTHER_CHOICE = (OTHER, _("Other, please specify"))

# Editors may write a yes/no condition in German or English, whatever language the visitor uses.
YES_NO_WORDS = {"yes": {"yes", "ja"}, "no": {"no", "nein"}}


def other_field():
    """The text for "other, please specify": not "optional" (it is needed once "other" is chosen) and not
    required (it is not needed otherwise); its hint says when (core/includes/form_field.html reads needed_if)."""
    field = forms.CharField(label=_("Other:"), max_length=200, required=False,
                            help_text=_("Needed only if you chose “Other, please specify”."))
    field.needed_if = OTHER
    return field


def other_text(cleaned, name):
    other = (cleaned.get(f"{name}-other") or "").strip()
    if not other:
        raise ValidationError(_("Please fill in “other”."))
    return other


class OneOfKind(QuestionKind):
    """One answer out of several; the base of single choice, dropdown, yes/no, scale and district."""

    widget = forms.RadioSelect
    one_tick = True

    def choices(self, question):
        return list(question.options)

    def allows_other(self, question):
        return False

    def form_fields(self, question):
        name = self.field_name(question)
        yield name, forms.ChoiceField(choices=self.choices(question), widget=self.widget, **self.common(question))
        if self.allows_other(question):
            yield f"{name}-other", other_field()

    def collect(self, question, cleaned):
        name = self.field_name(question)
        answer = cleaned.get(name) or None
        if answer == OTHER:
            return {"choice": OTHER, "other": other_text(cleaned, name)}
        return answer

    # Results: a count per stored value ("other" counted as one, its text kept).

    def result_labels(self, question):
        return list(self.labels(question).items())

    def count(self, question, tally, answer, channel, language):
        if isinstance(answer, dict):
            tally.counts[OTHER] += 1
            tally.by_channel[channel, OTHER] += 1
            tally.texts.append(TextAnswer(answer["other"], language))
        else:
            tally.counts[answer] += 1
            tally.by_channel[channel, answer] += 1

    def summarise(self, question, tally, answered, summary):
        summary["rows"] = result_rows(tally.counts, self.result_labels(question), answered, tally.by_channel)

    # Exports: one column with the chosen label (and the text of "other" unless open data).

    def export_cell(self, question, districts):
        """function(stored value) → the cell: the option's label."""
        labels = dict(question.options)
        return lambda value: labels.get(value, value)

    def export_columns(self, question, code, districts, open_data):
        from core.exports import Column

        qid, text = question.id, question.text
        cell_of = self.export_cell(question, districts)
        other_label = str(gettext("Other"))
        columns = [Column(code, text)]
        with_text = bool(question.value.get("allow_other")) and not open_data
        if with_text:
            columns.append(Column(f"{code}_other_text", gettext("%(question)s: other (text)") % {"question": text}))

        def read_choice(answers):
            value = answers.get(qid)
            if isinstance(value, dict):  # "other, please specify"
                return [other_label, value.get("other", "")] if with_text else [other_label]
            cell = None if value is None else cell_of(value)
            return [cell, None] if with_text else [cell]

        return columns, read_choice

    def sample_maker(self, question, districts):
        keys = [key for key, _label in question.options]
        return lambda rng, n: rng.choice(keys)

    # Paper: one box per option, exactly one ticked.

    paper_template = "surveys/print/kinds/options.html"

    def paper_instruction(self, question):
        return gettext("Please make only one cross.")

    def from_scan(self, question, ticked, written):
        if len(ticked) != 1:
            return None
        return {"choice": OTHER, "other": written("other-text") or "–"} if ticked[0] == OTHER else ticked[0]


class SingleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Single choice")
        icon = "radio-full"


@register
class SingleChoiceKind(OneOfKind):
    name = "single"
    block = SingleChoiceBlock
    position = 10

    def labels(self, question):
        return dict(question.options)

    def allows_other(self, question):
        return bool(question.value["allow_other"])

    def choices(self, question):
        choices = list(question.options)
        if self.allows_other(question):
            choices.append(OTHER_CHOICE)
        return choices

    def result_labels(self, question):
        labels = list(question.options)
        if question.value.get("allow_other"):
            labels.append((OTHER, gettext("Other")))
        return labels


class DropdownBlock(QuestionBlock):
    options = filled_list(OptionBlock(), _("Answer options"), 2)

    class Meta:
        label = _("Dropdown")
        icon = "arrow-down"


@register
class DropdownKind(OneOfKind):
    name = "dropdown"
    block = DropdownBlock
    position = 30
    widget = forms.Select

    def labels(self, question):
        return dict(question.options)

    def choices(self, question):
        return [("", _("Please choose"))] + list(question.options)

    result_labels = SingleChoiceKind.result_labels


class YesNoBlock(QuestionBlock):
    class Meta:
        label = _("Yes / no")
        icon = "tick"


@register
class YesNoKind(OneOfKind):
    name = "yesno"
    block = YesNoBlock
    position = 40
    paper_template = "surveys/print/kinds/yesno.html"

    def labels(self, question):
        return {key: str(label) for key, label in YES_NO}

    def matches(self, question, answer, expected):
        return expected in YES_NO_WORDS.get(answer, set())

    def condition_value(self, question, expected):
        return next((key for key, words in YES_NO_WORDS.items() if expected.strip().lower() in words), None)

    def choices(self, question):
        return YES_NO

    def result_labels(self, question):
        return [(k, str(v)) for k, v in self.labels(question).items()]

    def export_cell(self, question, districts):
        labels = {key: str(label) for key, label in YES_NO}
        return lambda value: labels.get(value, value)

    def sample_maker(self, question, districts):
        return lambda rng, n: rng.choice(("yes", "no"))


class MultipleChoiceBlock(ChoiceQuestionBlock):
    min_choices = blocks.IntegerBlock(label=_("At least"), required=False, min_value=0)
    max_choices = blocks.IntegerBlock(label=_("At most"), required=False, min_value=1)

    class Meta:
        label = _("Multiple choice")
        icon = "tick-inverse"


@register
class MultipleChoiceKind(QuestionKind):
    name = "multiple"
    block = MultipleChoiceBlock
    position = 20
    paper_template = "surveys/print/kinds/options.html"
    several = True

    def paper_instruction(self, question):
        return gettext("Several answers possible.")

    def labels(self, question):
        return dict(question.options)

    def form_fields(self, question):
        name, value = self.field_name(question), question.value
        choices = list(question.options)
        if value["allow_other"]:
            choices.append(OTHER_CHOICE)
        yield name, forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple,
                                              **self.common(question))
        if value["allow_other"]:
            yield f"{name}-other", other_field()

    def collect(self, question, cleaned):
        name, value = self.field_name(question), question.value
        chosen = list(cleaned.get(name) or [])
        if chosen and value["min_choices"] and len(chosen) < value["min_choices"]:
            raise ValidationError(_("Please choose at least %(n)s.") % {"n": value["min_choices"]})
        if value["max_choices"] and len(chosen) > value["max_choices"]:
            raise ValidationError(_("Please choose at most %(n)s.") % {"n": value["max_choices"]})
        if OTHER in chosen:
            return {"choices": chosen, "other": other_text(cleaned, name)}
        return chosen

    def count(self, question, tally, answer, channel, language):
        chosen = answer["choices"] if isinstance(answer, dict) else answer
        tally.counts.update(chosen)
        tally.by_channel.update((channel, key) for key in chosen)
        if isinstance(answer, dict):
            tally.texts.append(TextAnswer(answer["other"], language))

    summarise = OneOfKind.summarise
    result_labels = SingleChoiceKind.result_labels

    def export_columns(self, question, code, districts, open_data):
        """One 0/1 column per option (and "other"), and the text of "other" unless open data."""
        from core.exports import Column

        qid, text = question.id, question.text
        allow_other = bool(question.value.get("allow_other"))
        other_label = str(gettext("Other"))
        options = list(question.options)
        columns = [Column(f"{code}_{index}", f"{text}: {label}") for index, (_key, label) in enumerate(options, 1)]
        if allow_other:
            columns.append(Column(f"{code}_other", f"{text}: {other_label}"))
        with_text = allow_other and not open_data
        if with_text:
            columns.append(Column(f"{code}_other_text", gettext("%(question)s: other (text)") % {"question": text}))
        keys = [key for key, _label in options] + ([OTHER] if allow_other else [])

        def read_multiple(answers):
            value = answers.get(qid)
            if value in (None, [], {}):
                return [None] * len(columns)
            chosen = set(value["choices"] if isinstance(value, dict) else value)
            cells = [1 if key in chosen else 0 for key in keys]
            if with_text:
                cells.append(value.get("other", "") if isinstance(value, dict) else "")
            return cells

        return columns, read_multiple

    def sample_maker(self, question, districts):
        keys = [key for key, _label in question.options]
        return lambda rng, n: rng.sample(keys, rng.randint(1, len(keys)))

    def from_scan(self, question, ticked, written):
        if not ticked:
            return None
        return {"choices": ticked, "other": written("other-text") or "–"} if OTHER in ticked else ticked
