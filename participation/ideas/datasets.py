"""The idea calls' data staff export (see core.exports): ideas and comments (survey responses:
participation.surveys.datasets).

Each dataset reads its rows with ``values_list(...).iterator()``: a fixed number of queries and constant
memory, whatever the number of rows. Only ideas and survey responses that count are exported: ideas whose
sender confirmed them (or that staff entered), responses that were sent off (no drafts).
"""


from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import ANALYSTS
from core import staff_scope
from core.exports import Column, QuerySetDataset, date_range_lookups, source_id
from core.registry import register_export_dataset
from participation.ideas.models import Channel, Comment, Idea, ParticipationProcessPage, StatusChange

CHUNK_SIZE = 2000


def page_choices(model, user=None):
    """The pages of `model` (with `user`: of the user's municipalities) as export sources."""
    from core.i18n import data_holders

    pages = model.objects.all() if user is None else staff_scope.pages(model.objects.all(), user, ANALYSTS)
    return [(pk, f"{title} ({language})") for pk, title, language in
            data_holders(pages).order_by("title", "locale__language_code")
            .values_list("pk", "title", "locale__language_code")]


def _person_name(name_shown, display_name, first_name, last_name):
    return name_shown or display_name or f"{first_name or ''} {last_name or ''}".strip()


def _author_columns(personal):
    """Who wrote an idea or comment: only in an export with personal data (never in open data)."""
    if not personal:
        return []
    return [Column("author_name", _("Author"), personal=True),
            Column("author_email", _("Author's email"), personal=True)]


class ProcessDataset(QuerySetDataset):
    """What ideas and comments share: one idea call as the source, its slug in the file name and its page as
    the public page of an open-data export."""

    source_label = gettext_lazy("Participation process")

    def sources(self, user=None):
        return page_choices(ParticipationProcessPage, user)

    def file_stem(self, params):
        process = _process(params)
        return f"{process.slug}-{self.key}" if process else self.key

    def public_page(self, params):
        return _process(params, live=True)


class Ideas(ProcessDataset):
    key = "ideas"
    period_field = "created_at"
    label = gettext_lazy("Ideas")
    description = gettext_lazy("Ideas sent in online, on paper, at events and at the citizens' desk, with their "
                               "status, supports, comments and official answers.")
    date_range = True

    def queryset(self, params, open_data=False):
        ideas = Idea.objects.public() if open_data else Idea.objects.filter(confirmed_at__isnull=False)
        if source_id(params):
            ideas = ideas.filter(process_id=source_id(params))
        return ideas.filter(**date_range_lookups("created_at", params))


    def title(self, params):
        process = _process(params)
        return f"{process.title} – {self.label}" if process else str(self.label)

    def columns(self, params, personal=False, open_data=False):
        columns = [
            Column("reference", _("Receipt number")), Column("title", _("Title")),
            Column("description", _("Description"), free_text=True), Column("category", _("Category")),
            Column("district", _("District")), Column("channel", _("Channel")), Column("event", _("Event")),
            Column("status", _("Status")),
            Column("submitted", _("Submitted")), Column("published", _("Published")),
            Column("supports", _("Supports")), Column("comments", _("Comments")),
            Column("official_answer", _("Official answer"), free_text=True), Column("answered", _("Answered")),
            Column("status_history", _("Status history"), free_text=True),  # with the moderators' notes
        ]
        return columns + _author_columns(personal and not open_data)

    def rows(self, params, personal=False, open_data=False):
        personal = personal and not open_data
        ideas = self.queryset(params, open_data).order_by("pk")
        fields = ["pk", "reference", "title", "description", "category__name", "district__name", "channel",
                  "event__title", "status", "created_at", "published", "published_at", "support_count", "comment_count",
                  "official_answer", "answered_at"]
        if personal:
            fields += ["author_name", "author__display_name", "author__first_name", "author__last_name",
                       "contact_email", "author__email"]
        channels, statuses = dict(Channel.choices), dict(Idea.Status.choices)
        # The timeline comes from a second query in the same order, merged by idea id: no query per idea.
        history = StatusHistory(ideas)
        for values in ideas.values_list(*fields).iterator(chunk_size=CHUNK_SIZE):
            (pk, reference, title, description, category, district, channel, event, status, created_at, published,
             published_at, supports, comments, answer, answered_at) = values[:16]
            row = (reference, title, description, category, district, str(channels.get(channel, channel)),
                   event or "", str(statuses.get(status, status)), created_at, published_at if published else None,
                   supports, comments, answer, answered_at, history.text_for(pk))
            if personal:
                name_shown, display_name, first_name, last_name, contact_email, account_email = values[16:]
                row += (_person_name(name_shown, display_name, first_name, last_name),
                        contact_email or account_email or "")
            yield row


def _process(params, live=False):
    """The process an export is limited to, or None."""
    if not source_id(params):
        return None
    processes = ParticipationProcessPage.objects.live() if live else ParticipationProcessPage.objects.all()
    return processes.filter(pk=source_id(params)).first()


class StatusHistory:
    """Status changes of the exported ideas, read alongside them in idea order ("2026-05-01 Received;
    2026-05-03 Accepted: note")."""

    def __init__(self, ideas):
        changes = StatusChange.objects.filter(idea__in=ideas.values("pk")).order_by("idea_id", "created_at", "pk")
        self.changes = changes.values_list("idea_id", "created_at", "status", "note").iterator(chunk_size=CHUNK_SIZE)
        self.statuses = dict(Idea.Status.choices)
        self.pending = None

    def text_for(self, idea_id):
        entries = []
        while True:
            if self.pending is None:
                self.pending = next(self.changes, False)
            if not self.pending or self.pending[0] > idea_id:
                break
            change_idea, created_at, status, note = self.pending
            self.pending = None
            if change_idea == idea_id:
                text = f"{timezone.localtime(created_at):%Y-%m-%d} {self.statuses.get(status, status)}"
                entries.append(f"{text}: {note}" if note else text)
        return "; ".join(entries)


class Comments(ProcessDataset):
    key = "comments"
    period_field = "created_at"
    label = gettext_lazy("Comments")
    description = gettext_lazy("Comments on ideas, with the idea's receipt number and their moderation status.")

    def queryset(self, params, open_data=False):
        comments = Comment.objects.all()
        if open_data:
            comments = comments.public().filter(idea__in=Idea.objects.public())
        if source_id(params):
            comments = comments.filter(idea__process_id=source_id(params))
        return comments


    def columns(self, params, personal=False, open_data=False):
        columns = [Column("idea", _("Idea (receipt number)")), Column("text", _("Comment"), free_text=True),
                   Column("written", _("Written")), Column("status", _("Status")),
                   Column("reply_to", _("Reply to comment"))]
        return columns + _author_columns(personal and not open_data)

    def rows(self, params, personal=False, open_data=False):
        personal = personal and not open_data
        fields = ["idea__reference", "text", "created_at", "published", "hidden", "parent_id"]
        if personal:
            fields += ["author_name", "author__display_name", "author__first_name", "author__last_name",
                       "author__email"]
        states = {"hidden": _("Hidden"), "published": _("Published"), "waiting": _("Awaiting moderation")}
        comments = self.queryset(params, open_data).order_by("pk").values_list(*fields)
        for values in comments.iterator(chunk_size=CHUNK_SIZE):
            reference, text, written, published, hidden, parent = values[:6]
            state = states["hidden"] if hidden else states["published"] if published else states["waiting"]
            row = (reference, text, written, state, parent)
            if personal:
                name_shown, display_name, first_name, last_name, email = values[6:]
                row += (_person_name(name_shown, display_name, first_name, last_name), email or "")
            yield row


register_export_dataset(Ideas())
register_export_dataset(Comments())
