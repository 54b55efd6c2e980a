"""The survey engine: sections and questions from the StreamField, one form per section,
conditions evaluated on the server (so surveys work without JavaScript), answers by question id."""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participation.models import District

NO_ANSWER = "na"
OTHER = "other"
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


@dataclass
class Question:
    id: str
    kind: str
    value: object

    @property
    def key(self):
        return self.value.get("key") or self.id

    @property
    def text(self):
        return self.value["text"]

    @property
    def options(self):
        """[(option id, label)] for choice questions, stable across edits."""
        return [(child.id, child.value["label"]) for child in self.value["options"].bound_blocks]

    @property
    def rows(self):
        return [(child.id, child.value["label"]) for child in self.value["rows"].bound_blocks]

    def scale_values(self):
        return [str(n) for n in range(self.value["minimum"], self.value["maximum"] + 1)]

    def labels(self):
        """Every stored value → its label, for conditions and results."""
        if self.kind in {"single", "multiple", "dropdown", "ranking"}:
            return dict(self.options)
        if self.kind == "yesno":
            return {key: str(label) for key, label in YES_NO}
        return {}


@dataclass
class Section:
    id: str
    title: str
    intro: str
    value: object
    questions: list = field(default_factory=list)


def sections(survey):
    result = []
    for child in survey.questions:
        section = Section(child.id, child.value["title"], child.value["intro"], child.value)
        for question in child.value["questions"]:
            section.questions.append(Question(question.id, question.block.kind, question.value))
        result.append(section)
    return result


def all_questions(survey):
    return [question for section in sections(survey) for question in section.questions]


# Editors may write a yes/no condition in German or English, whatever language the visitor uses.
YES_NO_WORDS = {"yes": {"yes", "ja"}, "no": {"no", "nein"}}


def _answer_matches(question, answer, expected):
    expected = (expected or "").strip().lower()
    if question.kind == "yesno":
        return expected in YES_NO_WORDS.get(answer, set())
    labels = {key: str(label).lower() for key, label in question.labels().items()}
    values = answer if isinstance(answer, list) else [answer.get("choice") if isinstance(answer, dict) else answer]
    return any(value is not None and (str(value).lower() == expected or labels.get(value) == expected)
               for value in values)


def is_shown(block_value, answers, questions_by_key):
    """A section or question without a condition is shown; else only if the earlier answer matches."""
    key = (block_value.get("show_if_question") or "").strip()
    if not key:
        return True
    question = questions_by_key.get(key)
    if question is None or question.id not in answers:
        return False
    return _answer_matches(question, answers[question.id], block_value.get("show_if_answer"))


def _questions_by_key(survey):
    """Conditions name a question and an answer in the source language (they are not translated);
    the source survey's questions resolve them, with the same ids as in every translation."""
    from core.i18n import source_of

    return {q.key: q for q in all_questions(source_of(survey))}


def visible_questions(survey, section, answers):
    by_key = _questions_by_key(survey)
    return [q for q in section.questions if is_shown(q.value, answers, by_key)]


def visible_sections(survey, answers):
    by_key = _questions_by_key(survey)
    return [s for s in sections(survey) if is_shown(s.value, answers, by_key)]


class SectionForm(forms.Form):
    """The fields of one section's visible questions; cleaned answers come out by question id."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            for name, form_field in _fields_for(question):
                if isinstance(form_field.widget, forms.RadioSelect):
                    form_field.widget.attrs["class"] = "kern-form-check__radio"
                elif isinstance(form_field.widget, forms.CheckboxSelectMultiple):
                    form_field.widget.attrs["class"] = "kern-form-check__checkbox"
                self.fields[name] = form_field

    def clean(self):
        cleaned = super().clean()
        self.answers = {}
        for question in self.questions:
            try:
                value = _collect(question, cleaned)
            except ValidationError as error:
                self.add_error(_first_field(question), error)
                continue
            if value in (None, "", [], {}):
                if question.value["required"] and not self.has_error(_first_field(question)):
                    self.add_error(_first_field(question), _("Please answer this question."))
                continue
            self.answers[question.id] = value
        return cleaned


def _first_field(question):
    if question.kind == "matrix":
        return f"q-{question.id}-{question.rows[0][0]}"
    if question.kind == "ranking":
        return f"q-{question.id}-{question.options[0][0]}"
    return f"q-{question.id}"


def _fields_for(question):
    value, name = question.value, f"q-{question.id}"
    required = bool(value["required"])
    common = {"label": value["text"], "help_text": value["help_text"], "required": required}
    kind = question.kind
    if kind in {"single", "dropdown", "yesno"}:
        choices = YES_NO if kind == "yesno" else list(question.options)
        if kind == "single" and value["allow_other"]:
            choices.append((OTHER, _("Other, please specify")))
        widget = forms.Select if kind == "dropdown" else forms.RadioSelect
        if kind == "dropdown":
            choices = [("", _("Please choose"))] + choices
        yield name, forms.ChoiceField(choices=choices, widget=widget, **common)
        if kind == "single" and value["allow_other"]:
            yield f"{name}-other", forms.CharField(label=_("Other:"), max_length=200, required=False)
    elif kind == "multiple":
        choices = list(question.options)
        if value["allow_other"]:
            choices.append((OTHER, _("Other, please specify")))
        yield name, forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
        if value["allow_other"]:
            yield f"{name}-other", forms.CharField(label=_("Other:"), max_length=200, required=False)
    elif kind == "scale":
        yield name, forms.ChoiceField(choices=_scale_choices(question), widget=forms.RadioSelect, **common)
    elif kind == "matrix":
        for row_id, label in question.rows:
            yield f"{name}-{row_id}", forms.ChoiceField(
                label=f"{value['text']}: {label}", choices=_scale_choices(question), widget=forms.RadioSelect,
                required=required)
    elif kind == "ranking":
        places = [("", "–")] + [(str(n), str(n)) for n in range(1, len(question.options) + 1)]
        for option_id, label in question.options:
            yield f"{name}-{option_id}", forms.ChoiceField(
                label=_("Place for “%(item)s”") % {"item": label}, choices=places, required=required)
    elif kind in {"short_text", "long_text"}:
        widget = forms.Textarea(attrs={"rows": 5}) if kind == "long_text" else forms.TextInput
        yield name, forms.CharField(max_length=value["max_length"], widget=widget, **common)
    elif kind == "number":
        yield name, forms.DecimalField(min_value=value["minimum"], max_value=value["maximum"], **common)
    elif kind == "date":
        yield name, forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    elif kind == "district":
        choices = [("", _("Please choose"))] + [(d.slug, d.name) for d in District.objects.all()]
        yield name, forms.ChoiceField(choices=choices, **common)


def _scale_choices(question):
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


def _collect(question, cleaned):
    name, kind, value = f"q-{question.id}", question.kind, question.value
    if kind in {"single", "dropdown", "yesno", "scale", "district"}:
        answer = cleaned.get(name) or None
        if answer == OTHER:
            other = (cleaned.get(f"{name}-other") or "").strip()
            if not other:
                raise ValidationError(_("Please fill in “other”."))
            return {"choice": OTHER, "other": other}
        return answer
    if kind == "multiple":
        chosen = list(cleaned.get(name) or [])
        if chosen and value["min_choices"] and len(chosen) < value["min_choices"]:
            raise ValidationError(_("Please choose at least %(n)s.") % {"n": value["min_choices"]})
        if value["max_choices"] and len(chosen) > value["max_choices"]:
            raise ValidationError(_("Please choose at most %(n)s.") % {"n": value["max_choices"]})
        if OTHER in chosen:
            other = (cleaned.get(f"{name}-other") or "").strip()
            if not other:
                raise ValidationError(_("Please fill in “other”."))
            return {"choices": chosen, "other": other}
        return chosen
    if kind == "matrix":
        rows = {row_id: cleaned.get(f"{name}-{row_id}") for row_id, _label in question.rows}
        rows = {row_id: answer for row_id, answer in rows.items() if answer}
        if rows and value["required"] and len(rows) < len(question.rows):
            raise ValidationError(_("Please answer every row."))
        return rows
    if kind == "ranking":
        ranks = {option_id: cleaned.get(f"{name}-{option_id}") for option_id, _label in question.options}
        ranks = {option_id: int(rank) for option_id, rank in ranks.items() if rank}
        if ranks and len(set(ranks.values())) != len(ranks):
            raise ValidationError(_("Each place can be given only once."))
        return ranks
    if kind in {"short_text", "long_text"}:
        return (cleaned.get(name) or "").strip()
    if kind == "number":
        number = cleaned.get(name)
        return None if number is None else str(Decimal(number).normalize())
    if kind == "date":
        date = cleaned.get(name)
        return date.isoformat() if date else None
    return None


def initial_for(questions, answers):
    """Form values from stored answers, so going back or resuming shows what was entered."""
    initial = {}
    for question in questions:
        name, answer = f"q-{question.id}", answers.get(question.id)
        if answer is None:
            continue
        if question.kind == "matrix":
            initial.update({f"{name}-{row}": value for row, value in answer.items()})
        elif question.kind == "ranking":
            initial.update({f"{name}-{option}": str(rank) for option, rank in answer.items()})
        elif isinstance(answer, dict):
            initial[name] = answer.get("choices", answer.get("choice"))
            initial[f"{name}-other"] = answer.get("other", "")
        else:
            initial[name] = answer
    return initial
