"""Staff side: barrier reports (list with due dates, overdue ones marked) and the DGS videos."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.models import Site
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from accessibility import feedback
from accessibility.models import FeedbackTicket, SignLanguageVideo
from accounts.roles import MODERATORS
from core.staff_scope import ScopedViewSetMixin

REPORTER_FIELDS = ["kind", "page", "description", "preferred_format", "name", "email"]


class FeedbackTicketForm(WagtailAdminModelForm):
    """What the reporter wrote stays as they wrote it; staff set the status and write the answer. A report
    taken by phone is entered here with the reporter's words."""

    class Meta:
        model = FeedbackTicket
        fields = [*REPORTER_FIELDS, "status", "answer"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "answer": forms.Textarea(attrs={"rows": 8})}

    # The model's text fields have no length of their own (changing that needs a migration), the form sets it.
    description = FeedbackTicket._meta.get_field("description").formfield(
        max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    answer = FeedbackTicket._meta.get_field("answer").formfield(
        max_length=10_000, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in REPORTER_FIELDS:
                self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email") if "email" in cleaned else self.instance.email
        if cleaned.get("status") == FeedbackTicket.Status.ANSWERED and email and not cleaned.get("answer", "").strip():
            self.add_error("answer", _("Write the answer: it is mailed to the reporter."))
        return cleaned


class _RecordChangesMixin:
    def save_instance(self):
        """Stamp answer and closing and queue the answer mail (accessibility.feedback) with the save; a report
        entered by staff belongs to the site they entered it at."""
        if self.form.instance.pk is None:
            self.form.instance.site = Site.find_for_request(self.request)
        with transaction.atomic():
            ticket = super().save_instance()
            feedback.record_staff_change(ticket, self.request.user, self.form.changed_data)
        return ticket


class FeedbackTicketCreateView(_RecordChangesMixin, CreateView):
    pass


class FeedbackTicketEditView(_RecordChangesMixin, EditView):
    pass


class DueColumn(Column):
    """The answer date; open reports past it are marked "overdue" (a tag with text, not colour alone)."""

    cell_template_name = "accessibility/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.is_overdue(parent_context.get("today") or timezone.localdate())
        return context


class FeedbackTicketViewSet(ScopedViewSetMixin, SnippetViewSet):
    """Barrier reports; a municipality's moderators see those that came in at its site (core.staff_scope)."""

    model = FeedbackTicket
    scope_roles, scope_site_field = (MODERATORS,), "site"
    url_prefix = "barrier-reports"
    icon = "warning"
    menu_label = _("Barrier reports")
    add_view_class = FeedbackTicketCreateView
    edit_view_class = FeedbackTicketEditView
    list_display = [
        "number",
        DateColumn("received_at", label=_("Received"), sort_key="received_at"),
        "kind",
        "page",
        StatusTagColumn("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        DueColumn("due_on", label=_("Answer due"), sort_key="due_on"),
    ]
    list_filter = ["status", "kind"]
    search_fields = ["number", "description", "page"]
    search_backend_name = None  # plain database search: the list needs no search index
    ordering = ["due_on", "pk"]
    inspect_view_enabled = True
    copy_view_enabled = False

    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("number", read_only=True), FieldPanel("received_at", read_only=True),
                       FieldPanel("due_on", read_only=True)]),
        MultiFieldPanel([FieldPanel(name) for name in REPORTER_FIELDS], heading=_("The report")),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("answer")], heading=_("Our answer")),
    ], base_form_class=FeedbackTicketForm)


class SignLanguageVideoViewSet(SnippetViewSet):
    model = SignLanguageVideo
    url_prefix = "sign-language-videos"
    icon = "media"
    menu_label = _("Sign language videos")
    list_display = ["title", "duration"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
