"""Who may do what with ideas, and when: named in one place, tested as a truth table.

Roles: anonymous visitors (may submit as guests with an email address), residents (signed
in), moderators (group Moderation, or the change-idea permission) and admins (superusers).
Phases come from the process: collect, support, review, result.
"""

from accounts.roles import ANALYSTS, MODERATORS, has_role
from core import staff_scope
from participation.ideas.models import Idea, Phase

SUBMIT_PHASES = {Phase.Kind.COLLECT}
SUPPORT_PHASES = {Phase.Kind.COLLECT, Phase.Kind.SUPPORT}
# Staff enter ideas handed in at a desk, at an event or on paper until the review is over:
# paper forms posted before the deadline arrive days later.
DESK_PHASES = {Phase.Kind.COLLECT, Phase.Kind.SUPPORT, Phase.Kind.REVIEW}


def is_moderator(user):
    if not user.is_authenticated:
        return False
    return user.has_perm("ideas.change_idea") or has_role(user, MODERATORS)


def can_submit_idea(user, process, moment=None):
    return process.ideas_enabled and process.current_phase_kind(moment) in SUBMIT_PHASES


def can_enter_at_desk(user, process, moment=None):
    return is_moderator(user) and process.ideas_enabled and process.current_phase_kind(moment) in DESK_PHASES


def open_for_support(idea, moment=None):
    """A public idea in a support phase that was not rejected (supporting a rejected idea changes nothing)."""
    return (
        idea.is_public
        and idea.status != Idea.Status.REJECTED
        and idea.process.current_phase_kind(moment) in SUPPORT_PHASES
    )


def can_support(user, idea, moment=None):
    return user.is_authenticated and open_for_support(idea, moment)


COMMENT_PHASES = {Phase.Kind.COLLECT, Phase.Kind.SUPPORT, Phase.Kind.REVIEW}


def can_comment(user, idea, moment=None):
    return (
        user.is_authenticated
        and idea.is_public
        and idea.process.current_phase_kind(moment) in COMMENT_PHASES
    )


def can_support_as_guest(idea, moment=None):
    """Without an account, a confirmed email address counts as one person."""
    return open_for_support(idea, moment)


def can_see_results(user, page=None):
    """Analysts and moderators see survey results at any time (of `page`: only if it is their municipality's,
    core.staff_scope); the public only after closing, if the editor allows."""
    if not has_role(user, ANALYSTS, MODERATORS):
        return False
    return page is None or staff_scope.allows_page(user, page, ANALYSTS, MODERATORS)


def can_moderate(user, page=None):
    """A moderator; with `page` (a process, survey or event): one of that page's municipality."""
    return is_moderator(user) and (page is None or staff_scope.allows_page(user, page, MODERATORS))
