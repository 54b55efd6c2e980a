"""Survey questions as StreamField blocks. Every question, section, option and matrix row keeps the
id Wagtail gives its block, so answers, paper forms and results refer to stable ids.

The questions a section offers are the blocks of the registered question kinds (participation.surveys.
question_kinds: each kind defines its block next to its form field, results and printed part), in the order of
their `position`: a new kind appears in the editor without touching this file (and a migration records it)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from participation.surveys.question_blocks import ConditionMixin
from participation.surveys.question_kinds import registered


def question_blocks():
    """(name, block) of every registered kind that has a block, in the editor's order."""
    kinds = sorted((kind for kind in registered().values() if kind.block), key=lambda kind: (kind.position, kind.name))
    return [(kind.name, kind.block()) for kind in kinds]


class QuestionStreamBlock(blocks.StreamBlock):
    def __init__(self, local_blocks=None, **kwargs):
        super().__init__(local_blocks=[*question_blocks(), *(local_blocks or [])], **kwargs)


class SectionBlock(ConditionMixin):
    title = blocks.CharBlock(label=_("Section title"), max_length=200)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    questions = QuestionStreamBlock(label=_("Questions"))

    class Meta:
        label = _("Section (one page)")
        icon = "folder-open-inverse"
