"""What moderators do to an idea. Every action is logged, public changes go on the timeline,
and the author is told by mail (after commit, by the worker)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation.ideas.models import Idea, ModerationLogEntry, StatusChange
from participation.ideas.notifications import send_idea_mail

# What each logged action is called on the idea's moderation page (the log stores the short code).
ACTIONS = {
    "publish": _("Published"),
    "hide": _("Hidden"),
    "status": _("Status changed"),
    "answer": _("Official answer"),
    "duplicate": _("Marked as duplicate"),
    "note": _("Internal note"),
    "edit": _("Text edited"),
    "comment-publish": _("Comment published"),
    "comment-hide": _("Comment hidden"),
}
DETAILS = {"reported": _("after reports"), "unpublished": _("unpublished"), "moderator": _("by a moderator")}


def describe(entry):
    """A log entry in words: (what was done, with what detail)."""
    detail = entry.detail
    if entry.action == "status":
        status, _sep, note = detail.partition(": ")
        label = dict(Idea.Status.choices).get(status, status)
        detail = f"{label}: {note}" if note else str(label)
    elif entry.action == "edit":  # the names of the fields edited
        fields = {field.name: field.verbose_name for field in Idea._meta.get_fields() if hasattr(field, "verbose_name")}
        detail = ", ".join(str(fields.get(name, name)) for name in detail.split(", "))
    else:
        detail = DETAILS.get(detail, detail)
    return ACTIONS.get(entry.action, entry.action), detail


def _log(idea, user, action, detail=""):
    ModerationLogEntry.objects.create(idea=idea, user=user, action=action, detail=detail)


@transaction.atomic
def publish(idea, user):
    if idea.published:
        return
    idea.published, idea.published_at, idea.hidden = True, timezone.now(), False
    idea.save(update_fields=["published", "published_at", "hidden", "updated_at"])
    _log(idea, user, "publish")


@transaction.atomic
def hide(idea, user, reason=""):
    idea.hidden = True
    idea.save(update_fields=["hidden", "updated_at"])
    _log(idea, user, "hide", reason)


@transaction.atomic
def set_status(idea, user, status, note=""):
    """Move the idea to a new status; a rejection needs a reason, which reaches the author."""
    if status == Idea.Status.REJECTED and not note.strip():
        raise ValueError("A rejection needs a reason.")
    if status == idea.status and not note:
        return
    idea.status = status
    if status == Idea.Status.REJECTED:
        idea.rejection_reason = note
    idea.save(update_fields=["status", "rejection_reason", "updated_at"])
    StatusChange.objects.create(idea=idea, status=status, note=note, changed_by=user)
    _log(idea, user, "status", f"{status}: {note}")
    send_idea_mail(idea, "status", note=note)


@transaction.atomic
def answer(idea, user, text):
    idea.official_answer, idea.answered_at = text, timezone.now()
    idea.save(update_fields=["official_answer", "answered_at", "updated_at"])
    _log(idea, user, "answer", text)
    send_idea_mail(idea, "answer")


@transaction.atomic
def mark_duplicate(idea, user, original):
    if original.pk == idea.pk:
        raise ValueError("An idea cannot duplicate itself.")
    idea.duplicate_of = original
    idea.save(update_fields=["duplicate_of", "updated_at"])
    _log(idea, user, "duplicate", original.reference)


@transaction.atomic
def add_note(idea, user, note):
    idea.internal_notes = (idea.internal_notes + "\n\n" if idea.internal_notes else "") + note
    idea.save(update_fields=["internal_notes", "updated_at"])
    _log(idea, user, "note", note)
