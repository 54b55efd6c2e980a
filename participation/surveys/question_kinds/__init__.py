"""Survey question kinds: one class per kind, registered by the name its StreamField block carries
(participation.surveys.blocks). Callers ask `kind_for(question)` instead of switching on the name.

Every module of this package is imported here, so a new kind is one new module (its StreamField block
included: blocks.py offers every registered kind's block) and its tests; see base.QuestionKind for what a kind
owns."""

import importlib
import pkgutil

from participation.surveys.question_kinds.base import (  # noqa: F401
    EMPTY,
    NO_ANSWER,
    OTHER,
    YES_NO,
    QuestionKind,
    Tally,
    TextAnswer,
    get_kind,
    kind_for,
    register,
    registered,
    unregister,
)

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
