"""Survey questions as StreamField blocks. Every question, section, option and matrix row keeps the
id Wagtail gives its block, so answers, paper forms and results refer to stable ids."""

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

    kind = "question"

    class Meta:
        icon = "help"


class ChoiceQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("Answer options"), min_num=2)
    allow_other = blocks.BooleanBlock(label=_("Offer “other, please specify”"), required=False)


class SingleChoiceBlock(ChoiceQuestionBlock):
    kind = "single"

    class Meta:
        label = _("Single choice")
        icon = "radio-full"


class MultipleChoiceBlock(ChoiceQuestionBlock):
    min_choices = blocks.IntegerBlock(label=_("At least"), required=False, min_value=0)
    max_choices = blocks.IntegerBlock(label=_("At most"), required=False, min_value=1)
    kind = "multiple"

    class Meta:
        label = _("Multiple choice")
        icon = "tick-inverse"


class DropdownBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("Answer options"), min_num=2)
    kind = "dropdown"

    class Meta:
        label = _("Dropdown")
        icon = "arrow-down"


class YesNoBlock(QuestionBlock):
    kind = "yesno"

    class Meta:
        label = _("Yes / no")
        icon = "tick"


class ScaleBlock(QuestionBlock):
    minimum = blocks.IntegerBlock(label=_("From"), default=1)
    maximum = blocks.IntegerBlock(label=_("To"), default=5)
    min_label = blocks.CharBlock(label=_("Label of the lowest value"), required=False, max_length=80)
    max_label = blocks.CharBlock(label=_("Label of the highest value"), required=False, max_length=80)
    allow_no_answer = blocks.BooleanBlock(label=_("Offer “no answer”"), required=False, default=True)
    kind = "scale"

    class Meta:
        label = _("Scale")
        icon = "order"


class MatrixRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Row"), max_length=200)


class MatrixBlock(ScaleBlock):
    rows = blocks.ListBlock(MatrixRowBlock(), label=_("Rows"), min_num=1)
    kind = "matrix"

    class Meta:
        label = _("Matrix (rows × one scale)")
        icon = "table"


class RankingBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("Items to rank"), min_num=2)
    kind = "ranking"

    class Meta:
        label = _("Ranking")
        icon = "list-ol"


class ShortTextBlock(QuestionBlock):
    max_length = blocks.IntegerBlock(label=_("Maximum length"), default=200, min_value=1, max_value=500)
    kind = "short_text"

    class Meta:
        label = _("Short text")
        icon = "pilcrow"


class LongTextBlock(QuestionBlock):
    max_length = blocks.IntegerBlock(label=_("Maximum length"), default=2000, min_value=1, max_value=10000)
    kind = "long_text"

    class Meta:
        label = _("Long text")
        icon = "doc-full"


class NumberBlock(QuestionBlock):
    minimum = blocks.DecimalBlock(label=_("Smallest allowed"), required=False)
    maximum = blocks.DecimalBlock(label=_("Largest allowed"), required=False)
    kind = "number"

    class Meta:
        label = _("Number")
        icon = "plus-inverse"


class DateQuestionBlock(QuestionBlock):
    kind = "date"

    class Meta:
        label = _("Date")
        icon = "date"


class DistrictQuestionBlock(QuestionBlock):
    kind = "district"

    class Meta:
        label = _("District")
        icon = "site"


class QuestionStreamBlock(blocks.StreamBlock):
    single = SingleChoiceBlock()
    multiple = MultipleChoiceBlock()
    dropdown = DropdownBlock()
    yesno = YesNoBlock()
    scale = ScaleBlock()
    matrix = MatrixBlock()
    ranking = RankingBlock()
    short_text = ShortTextBlock()
    long_text = LongTextBlock()
    number = NumberBlock()
    date = DateQuestionBlock()
    district = DistrictQuestionBlock()


class SectionBlock(ConditionMixin):
    title = blocks.CharBlock(label=_("Section title"), max_length=200)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    questions = QuestionStreamBlock(label=_("Questions"))

    class Meta:
        label = _("Section (one page)")
        icon = "folder-open-inverse"
