"""The survey engine: sections and questions from the StreamField, one form per section,
conditions evaluated on the server (so surveys work without JavaScript), answers by question id."""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participation.surveys.question_kinds import EMPTY, kind_for


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

    @property
    def handler(self):
        """The question's kind (participation.surveys.question_kinds): its fields, results, exports, paper, scans."""
        return kind_for(self)

    def labels(self):
        """Every stored value → its label, for conditions and results."""
        return kind_for(self).labels(self)


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
            section.questions.append(Question(question.id, question.block_type, question.value))
        result.append(section)
    return result


def all_questions(survey):
    return [question for section in sections(survey) for question in section.questions]


def _answer_matches(question, answer, expected):
    return kind_for(question).matches(question, answer, (expected or "").strip().lower())


def is_shown(block_value, answers, questions_by_key):
    """A section or question without a condition is shown; else only if the earlier answer matches."""
    key = (block_value.get("show_if_question") or "").strip()
    if not key:
        return True
    question = questions_by_key.get(key)
    if question is None or question.id not in answers:
        return False
    return _answer_matches(question, answers[question.id], block_value.get("show_if_answer"))


def questions_by_key(survey):
    """Conditions name a question and an answer in the source language (they are not translated);
    the source survey's questions resolve them, with the same ids as in every translation."""
    from core.i18n import source_of

    return {q.key: q for q in all_questions(source_of(survey))}


def condition_of(block_value, by_key):
    """What a section's or question's condition names: (question, expected answer as written); None without a
    condition, and (None, answer) when it names a question that does not exist (then it is never shown)."""
    key = (block_value.get("show_if_question") or "").strip()
    if not key:
        return None
    return by_key.get(key), block_value.get("show_if_answer") or ""


def visible_questions(survey, section, answers):
    by_key = questions_by_key(survey)
    return [q for q in section.questions if is_shown(q.value, answers, by_key)]


def visible_sections(survey, answers):
    by_key = questions_by_key(survey)
    return [s for s in sections(survey) if is_shown(s.value, answers, by_key)]


def page_count(survey, answers, section_id):
    """(pages shown now, pages that may still open) for the counter on page `section_id`: a hidden page is
    undecided while its condition names a question on this page or a later one that has no answer yet."""
    by_key = questions_by_key(survey)
    all_sections = sections(survey)
    here = next((i for i, s in enumerate(all_sections) if s.id == section_id), 0)
    ahead = {q.id for s in all_sections[here:] for q in s.questions}
    shown = may_open = 0
    for section in all_sections:
        if is_shown(section.value, answers, by_key):
            shown += 1
        else:
            condition = by_key.get((section.value.get("show_if_question") or "").strip())
            may_open += condition is not None and condition.id in ahead and condition.id not in answers
    return shown, may_open


def counted_answers(survey, answers):
    """The answers of a finished response that count, and those that do not: an answer counts when its
    question was asked, i.e. its section's and its own condition are met by the answers that count before it,
    in the form's order. Online, a question whose condition is not met is never asked (an answer left over
    from going back is dropped); on paper a resident may answer it anyway, and that answer is kept apart,
    not counted (docs/paper.md). Returns (counted, not counted), both by question id."""
    by_key = questions_by_key(survey)
    counted, not_counted = {}, {}
    for section in sections(survey):
        section_shown = is_shown(section.value, counted, by_key)
        for question in section.questions:
            if question.id not in answers:
                continue
            if section_shown and is_shown(question.value, counted, by_key):
                counted[question.id] = answers[question.id]
            else:
                not_counted[question.id] = answers[question.id]
    return counted, not_counted


class SectionForm(forms.Form):
    """The fields of one section's visible questions; cleaned answers come out by question id."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            for name, form_field in kind_for(question).form_fields(question):
                # Checkboxes first: Django's CheckboxSelectMultiple is a RadioSelect (and would look like one).
                if isinstance(form_field.widget, forms.CheckboxSelectMultiple):
                    form_field.widget.attrs["class"] = "kern-form-check__checkbox"
                elif isinstance(form_field.widget, forms.RadioSelect):
                    form_field.widget.attrs["class"] = "kern-form-check__radio"
                self.fields[name] = form_field

    def clean(self):
        cleaned = super().clean()
        self.answers = {}
        for question in self.questions:
            kind = kind_for(question)
            try:
                value = kind.collect(question, cleaned)
            except ValidationError as error:
                self.add_error(kind.first_field(question), error)
                continue
            if value in EMPTY:
                if question.value["required"] and not self.has_error(kind.first_field(question)):
                    self.add_error(kind.first_field(question), _("Please answer this question."))
                continue
            self.answers[question.id] = value
        return cleaned


    def left_with_back(self):
        """What the page holds when its person goes back: the answers that are valid (the rest of the survey sees
        them) and every field as typed, valid or not, to show again on return. Required answers are not asked."""
        self.is_valid()
        typed = {name: form_field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
                 for name, form_field in self.fields.items()}
        return self.answers, {name: value for name, value in typed.items() if value not in (None, "", [])}


def initial_for(questions, answers):
    """Form values from stored answers, so going back or resuming shows what was entered."""
    initial = {}
    for question in questions:
        answer = answers.get(question.id)
        if answer is not None:
            initial.update(kind_for(question).initial(question, answer))
    return initial
