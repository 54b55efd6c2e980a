"""What every question block of a survey shares: its text, key, help text, "required" and the condition that
shows it. Each question kind defines its own block on these (participation.surveys.question_kinds); blocks.py
offers one per registered kind in the survey's StreamField."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class OptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Answer option"), max_length=200)

    class Meta:
        icon = "radio-full"


class ConditionTextBlock(blocks.CharBlock):
    """Part of a condition: refers to a question key and an answer option of the survey in its source
    language, so wagtail-localize keeps it as it is in every translation (conditions are evaluated
    against the source survey's questions; option ids are the same in every language)."""

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class ConditionMixin(blocks.StructBlock):
    show_if_question = ConditionTextBlock(
        label=_("Show only if question"), required=False, max_length=60,
        help_text=_("The key of an earlier question. Leave empty to always show this."),
    )
    show_if_answer = ConditionTextBlock(
        label=_("… was answered with"), required=False, max_length=200,
        help_text=_("The exact text of one of its answer options (or “yes”/“no”)."),
    )


class QuestionBlock(ConditionMixin):
    text = blocks.CharBlock(label=_("Question"), max_length=300)
    key = blocks.RegexBlock(
        label=_("Key"), regex=r"^[a-z0-9_-]*$", required=False, max_length=60,
        help_text=_("A short name (letters, digits, - and _) for conditions and exports, e.g. “mobility”."),
        error_messages={"invalid": _("Use lower-case letters, digits, - and _ only.")},
    )
    help_text = blocks.CharBlock(label=_("Help text"), required=False, max_length=300)
    required = blocks.BooleanBlock(label=_("Answer required"), required=False, default=False)

    class Meta:
        icon = "help"


def filled_list(child, label, minimum):
    """A list that starts with as many empty entries as it needs: a new question shows fields to fill in, not
    Wagtail's "The minimum number of items is 2" before anyone has typed."""
    return blocks.ListBlock(child, label=label, min_num=minimum, default=[child.get_default()] * minimum)


class ChoiceQuestionBlock(QuestionBlock):
    options = filled_list(OptionBlock(), _("Answer options"), 2)
    allow_other = blocks.BooleanBlock(label=_("Offer “other, please specify”"), required=False)


class MatrixRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Row"), max_length=200)
