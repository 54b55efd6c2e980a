"""The base of every survey question kind and the registry that finds a question's kind by name.

A kind owns everything that differs between question types: its form fields (online and keyboard paper
entry), validation and the stored answer, initial values for going back or resuming, the words shown for
two paper entries side by side, conditions, the result summary, the export columns, made-up answers for
benchmarks, what the printed form shows (a template of its own), how the review screen labels its boxes
and takes a transcription, and how read boxes and handwriting become an answer.

Stored answers by kind (the same dict the online form, paper entry and the scan import write):
a choice's option id (or {"choice": "other", "other": text}), a list of option ids (or {"choices": [...],
"other": text}), {row id: scale value}, {option id: place}, text, a number as text, an ISO date.
"""

import statistics
from collections import Counter

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

NO_ANSWER = "na"
OTHER = "other"
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
EMPTY = (None, "", [], {})

_KINDS = {}


def register(cls):
    """Class decorator: make `cls` the kind of the questions whose block has `kind = cls.name`."""
    _KINDS[cls.name] = cls()
    return cls


def unregister(name):
    _KINDS.pop(name, None)


def get_kind(name):
    """The kind registered as `name`; a name nobody registered gets the base kind (no fields, no answer)."""
    return _KINDS.get(name, FALLBACK)


def kind_for(question):
    return get_kind(question.kind)


def registered():
    return dict(_KINDS)


def stats(values):
    """Mean, median, smallest, largest and count of numbers (None without any)."""
    if not values:
        return None
    return {"mean": round(statistics.fmean(values), 2), "median": statistics.median(values),
            "min": min(values), "max": max(values), "count": len(values)}


def result_rows(counts, labels, answered, by_channel=None):
    """Bars for the chart and rows for the data table: every current option, then removed ones; with
    `by_channel`, each row also holds its count per channel (online, paper, event, desk)."""
    from participation.ideas.models import Channel

    rows = []
    for key, label in labels:
        rows.append({"key": key, "label": label, "count": counts.get(key, 0)})
    known = {key for key, _label in labels}
    for key, count in counts.items():
        if key not in known:
            rows.append({"key": key, "label": gettext("(removed option)"), "count": count, "removed": True})
    for row in rows:
        row["percent"] = round(100 * row["count"] / answered, 1) if answered else 0
        if by_channel is not None:
            row["channels"] = [by_channel.get((channel, row["key"]), 0) for channel in Channel.values]
    return rows


class TextAnswer(str):
    """A resident's own words, with the language they wrote them in (shown with `lang`)."""

    language = ""

    def __new__(cls, text, language=""):
        answer = super().__new__(cls, text)
        answer.language = language
        return answer


class Tally:
    """What one pass over the responses collected for one question (see survey_results.compute)."""

    def __init__(self, parts=None):
        self.counts = Counter()
        self.by_channel = Counter()  # (channel, stored value) → count
        self.numbers = []
        self.texts = []
        self.parts = parts  # per row or item, for kinds with several (matrix, ranking)


class QuestionKind:
    name = ""
    # The StreamField block editors add for this kind (a question_blocks.QuestionBlock subclass; None: not
    # offered), and its place in the editor's list of question types.
    block = None
    position = 1000
    # The printed form's part for this kind (surveys/print/kinds/…), included per question.
    paper_template = "surveys/print/kinds/line.html"
    # The review screen's input for a handwritten answer (surveys/scan_inputs/…).
    transcription_template = "surveys/scan_inputs/text.html"
    # Boxes of this kind hold a written number (ranking), not a tick: transcribed, not judged.
    written_boxes = False
    # The answer names the respondent's district: results and dashboards filter and chart by it.
    names_district = False
    # On paper: exactly one box of a group may be ticked (a second tick is a conflict: the scan reader's
    # scanning.SINGLE_KINDS, kept equal by a test); several boxes may be ticked; a resident may circle
    # an option's label instead of ticking its box (not a scale's numbers).
    one_tick = False
    several = False
    circled_labels = True

    # Questions and conditions.

    def labels(self, question):
        """Every stored value → its label, for conditions and results."""
        return {}

    def matches(self, question, answer, expected):
        """Whether `answer` is the answer a condition expects (its text or stored value, any case)."""
        labels = {key: str(label).lower() for key, label in self.labels(question).items()}
        values = answer if isinstance(answer, list) else [answer.get("choice") if isinstance(answer, dict)
                                                          else answer]
        return any(value is not None and (str(value).lower() == expected or labels.get(value) == expected)
                   for value in values)

    def condition_labels(self, question):
        """Stored value → label of the answers a condition can name (see `condition_value`)."""
        return self.labels(question)

    def condition_value(self, question, expected):
        """The stored value a condition's answer names (its label or value, any case, as `matches` reads it);
        None when it names none of the question's options."""
        expected = expected.strip().lower()
        return next((key for key, label in self.condition_labels(question).items()
                     if str(key).lower() == expected or str(label).lower() == expected), None)

    def condition_text(self, question, value, expected, number, part=False):
        """The printed sentence that says when to answer a question (or a whole part, `part`) whose condition
        names this question, printed as question `number`, and the answer `value` (see `condition_value`;
        None: the words `expected`, as the editor wrote them). `question` is the form's own language version,
        so an option is named by its label as printed."""
        label = self.condition_labels(question).get(value) if value is not None else None
        ticked = label is not None and (self.one_tick or self.several)
        words = {"answer": str(label) if label is not None else expected.strip(), "number": number}
        if part:
            return (gettext("Please answer this part only if you ticked “%(answer)s” in question %(number)s.")
                    if ticked else
                    gettext("Please answer this part only if you answered “%(answer)s” to question %(number)s.")
                    ) % words
        return (gettext("Only if you ticked “%(answer)s” in question %(number)s.") if ticked else
                gettext("Only if you answered “%(answer)s” to question %(number)s.")) % words

    # The form (online and keyboard paper entry).

    def field_name(self, question):
        return f"q-{question.id}"

    def common(self, question):
        value = question.value
        return {"label": value["text"], "help_text": value["help_text"], "required": bool(value["required"])}

    def form_fields(self, question):
        """(name, form field) of the question's inputs."""
        return []

    def first_field(self, question):
        """The field that shows the question's errors."""
        return self.field_name(question)

    def collect(self, question, cleaned):
        """The stored answer from a form's cleaned data; ValidationError when it is not acceptable."""
        return None

    def initial(self, question, answer):
        """Form values from a stored answer, so going back or resuming shows what was entered."""
        name = self.field_name(question)
        if isinstance(answer, dict):
            return {name: answer.get("choices", answer.get("choice")), f"{name}-other": answer.get("other", "")}
        return {name: answer}

    def display(self, question, value):
        """An answer in words, for showing two paper entries side by side."""
        if value in EMPTY:
            return "—"
        labels = self.labels(question)
        if isinstance(value, dict) and "choices" in value:
            return ", ".join([str(labels.get(v, v)) for v in value["choices"]] + [value.get("other", "")])
        if isinstance(value, dict):
            return ", ".join(f"{labels.get(key, key)}: {item}" for key, item in value.items())
        if isinstance(value, list):
            return ", ".join(str(labels.get(v, v)) for v in value)
        return str(labels.get(value, value))

    # Results.

    def tally(self, question):
        return Tally()

    def count(self, question, tally, answer, channel, language):
        """Add one response's (non-empty) answer to the tally."""

    def summarise(self, question, tally, answered, summary):
        """Add the kind's figures (rows, stats, matrix, ranking) to the question's summary."""

    # Exports.

    def export_columns(self, question, code, districts, open_data):
        """The columns of the question and a function that reads their cells from a response's answers."""
        from core.exports import Column

        qid = question.id
        return [Column(code, question.text)], lambda answers: [answers.get(qid)]

    def sample_maker(self, question, districts):
        """function(rng, number) → a made-up answer or None, for benchmarks; None when the kind has none."""
        return None

    # Paper and scans.

    def paper_instruction(self, question):
        """How to answer on paper, printed under the question ("" for nothing): one cross, several crosses, …"""
        return ""

    def box_labels(self, question, group):
        """anchor → label of the boxes of a review task about `group` (the question, or one matrix row)."""
        prefix = f"box-{question.id}-"
        labels = {prefix + key: str(label) for key, label in self.labels(question).items()}
        labels[prefix + "other"] = gettext("Other")
        labels[prefix + "na"] = gettext("No answer")
        return labels

    def transcription_context(self):
        """What the review screen's input for handwriting needs besides the task."""
        return {}

    def from_written(self, text):
        """A transcribed handwritten answer → the stored value (None: not an answer)."""
        return text

    def from_scan(self, question, ticked, written):
        """The stored answer from a settled sheet: `ticked` lists what follows "box-<question id>-" for every
        ticked box; written(suffix) is the transcribed text of the field "box-<question id>-<suffix>" (or
        None). None when nothing was answered."""
        return None


FALLBACK = QuestionKind()
