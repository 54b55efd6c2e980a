"""The form definition of a survey or an idea call, as the held-out generator needs it: every tick box's
anchor and label in print order, grouped by question, with the question's kind. Labels come from the
survey's StreamField / the idea call's categories and districts and the print templates' strings."""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext


@dataclass
class Group:
    id: str  # question id (matrix: question id + row id)
    kind: str  # single | multiple | consent | follow | ranking
    anchors: list
    required: bool = False
    max_choices: int | None = None
    key: str = ""  # the question's key (conditions refer to it)
    labels: dict = field(default_factory=dict)  # anchor -> label
    condition: tuple | None = None  # (question key, answer label) that shows the group's section


@dataclass
class FormDef:
    kind: str  # "survey" | "idea"
    language: str
    groups: list
    expected: list  # [(anchor, group id, label, "option" | ("matrix", row label))] in print order
    slip_marker: str
    rtl: bool = False


def _is_survey(target):
    return target.__class__.__name__ == "SurveyPage"


def form_definition(target, language):
    with translation.override(language):
        definition = _survey(target, language) if _is_survey(target) else _idea(target, language)
        definition.rtl = translation.get_language_bidi()
    return definition


def _survey(survey, language):
    from participation.surveys.questions import sections

    groups, expected = [], []

    def add(group, items):
        groups.append(group)
        for anchor, label, how in items:
            group.anchors.append(anchor)
            group.labels[anchor] = label
            expected.append((anchor, group.id, label, how))

    for section in sections(survey):
        condition = None
        if section.value.get("show_if_question"):
            condition = (section.value["show_if_question"], section.value.get("show_if_answer", ""))
        for q in section.questions:
            value, required = q.value, bool(q.value.get("required"))
            common = {"required": required, "key": q.key, "condition": condition}
            if q.kind in ("single", "dropdown", "multiple", "ranking"):
                items = [(f"box-{q.id}-{oid}", label, "option") for oid, label in q.options]
                if q.kind != "ranking" and value.get("allow_other"):
                    items.append((f"box-{q.id}-other", gettext("Other:"), "option"))
                kind = {"multiple": "multiple", "ranking": "ranking"}.get(q.kind, "single")
                add(Group(q.id, kind, [], max_choices=value.get("max_choices"), **common), items)
            elif q.kind == "yesno":
                add(Group(q.id, "single", [], **common),
                    [(f"box-{q.id}-yes", gettext("Yes"), "option"), (f"box-{q.id}-no", gettext("No"), "option")])
            elif q.kind == "scale":
                items = [(f"box-{q.id}-{v}", v, "option") for v in q.scale_values()]
                if value.get("allow_no_answer"):
                    items.append((f"box-{q.id}-na", gettext("No answer"), "option"))
                add(Group(q.id, "single", [], **common), items)
            elif q.kind == "matrix":
                columns = [(v, v) for v in q.scale_values()]
                if value.get("allow_no_answer"):
                    columns.append(("na", gettext("No answer")))
                for row_id, row_label in q.rows:
                    add(Group(f"{q.id}-{row_id}", "single", [], **common),
                        [(f"box-{q.id}-{row_id}-{v}", label, ("matrix", row_label)) for v, label in columns])
    follow = _follow_label(survey)
    if follow:
        add(Group("follow", "follow", []), [("box-follow", follow, "option")])
    add(Group("consent", "consent", [], required=True),
        [("box-consent", gettext("I agree that my answers are used for this survey."), "option")])
    return FormDef("survey", language, groups, expected, gettext("Cut off here and keep this part as your receipt."))


def _idea(process, language):
    from core.models import District

    groups, expected = [], []
    for gid, items, required in (
        ("category", [(f"box-category-{c.slug}", c.name) for c in process.allowed_categories()], True),
        ("district", [(f"box-district-{d.slug}", d.name) for d in District.objects.all()], False),
    ):
        group = Group(gid, "single", [a for a, _l in items], required=required, labels=dict(items))
        groups.append(group)
        expected += [(anchor, gid, label, "option") for anchor, label in items]
    follow = _follow_label(process)
    groups.append(Group("follow", "follow", ["box-follow"], labels={"box-follow": follow}))
    expected.append(("box-follow", "follow", follow, "option"))
    label = gettext("I agree that my idea is published with the name I give.") + " *"
    groups.append(Group("consent", "consent", ["box-consent"], required=True, labels={"box-consent": label}))
    expected.append(("box-consent", "consent", label, "option"))
    return FormDef("idea", language, groups, expected, gettext("Cut off here and keep this part as your receipt."))


def _follow_label(target):
    """The "Keep me informed" box's words on an idea form, or on a survey form inside a participation process
    (None elsewhere)."""
    from participation.ideas.models import ParticipationProcessPage

    target = target.specific
    if not isinstance(target, ParticipationProcessPage) and not isinstance(target.get_parent().specific,
                                                                           ParticipationProcessPage):
        return None
    return gettext("Yes, keep me informed about this process: new phases, events, official answers.")
