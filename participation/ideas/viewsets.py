"""The moderators' idea queue in the Wagtail admin: filters, search, and every change logged."""

from django import forms
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import EditView, InspectView, SnippetViewSet

from accounts.roles import MODERATORS
from core.staff_scope import ScopedViewSetMixin
from participation.ideas import comments, moderation
from participation.ideas.models import Comment, Idea


class IdeaDatalistInput(forms.TextInput):
    """A text box that suggests the ideas of the idea's own process while typing (number or title), from a
    <datalist>: searchable without script, and a process with hundreds of ideas is no endless dropdown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = []

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "list": f"{name}-ideas", "autocomplete": "off"}
        options = format_html_join("", '<option value="{}">{} – {}</option>', self.options)
        return format_html('{}<datalist id="{}-ideas">{}</datalist>', super().render(name, value, attrs, renderer),
                           name, options)


class DuplicateOfField(forms.CharField):
    """The idea this one duplicates, given by its receipt number; only ideas of the same process, never itself."""

    widget = IdeaDatalistInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = Idea.objects.none()

    def limit_to(self, idea):
        self.candidates = Idea.objects.filter(process_id=idea.process_id).exclude(pk=idea.pk)
        self.widget.options = [(reference, reference, title) for reference, title
                               in self.candidates.order_by("-created_at").values_list("reference", "title")]

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None
        reference = text.split()[0].upper()
        # A receipt number as printed carries check characters at the end ("ID-2026-0012-K7QX").
        found = (self.candidates.filter(reference=reference).first()
                 or self.candidates.filter(reference=reference.rsplit("-", 1)[0]).first())
        if found is None:
            raise forms.ValidationError(_("No other idea of this process has the number %(reference)s.")
                                        % {"reference": reference})
        return found


class IdeaModerationForm(WagtailAdminModelForm):
    # The model's text fields have no length of their own (changing that needs a migration), the form sets it.
    official_answer = Idea._meta.get_field("official_answer").formfield(max_length=10_000)
    status_note = forms.CharField(
        label=_("Public note on the status"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Shown on the idea's timeline and mailed to the author. Required when rejecting."),
    )
    note = forms.CharField(
        label=_("Add an internal note"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Only staff see it."),
    )
    duplicate_of = DuplicateOfField(
        label=_("Duplicate of"), required=False, max_length=40,
        help_text=_("Type the receipt number or words of the title: ideas of the same process are suggested."),
    )

    class Meta:
        model = Idea
        fields = ["status", "published", "hidden", "official_answer", "duplicate_of", "title", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["duplicate_of"].limit_to(self.instance)
            original = self.instance.duplicate_of
            self.initial["duplicate_of"] = original.reference if original else ""

    def clean(self):
        cleaned = super().clean()
        rejecting = cleaned.get("status") == Idea.Status.REJECTED and "status" in self.changed_data
        if rejecting and not (cleaned.get("status_note") or "").strip():
            self.add_error("status_note", _("Please give a reason: it reaches the author."))
        return cleaned


class IdeaEditView(EditView):
    def save_instance(self):
        """Apply each change through participation.ideas.moderation, so it is logged and mailed."""
        data, changed, user = self.form.cleaned_data, self.form.changed_data, self.request.user
        idea = Idea.objects.select_related("process").get(pk=self.form.instance.pk)
        if {"title", "description"} & set(changed):
            idea.title, idea.description = data["title"], data["description"]
            idea.save(update_fields=["title", "description", "updated_at"])
            moderation._log(idea, user, "edit", ", ".join(sorted({"title", "description"} & set(changed))))
        if "published" in changed:
            moderation.publish(idea, user) if data["published"] else moderation.hide(idea, user, "unpublished")
        if "hidden" in changed and data["hidden"]:
            moderation.hide(idea, user)
        elif "hidden" in changed:
            moderation.publish(idea, user)
        if "status" in changed or data.get("status_note"):
            moderation.set_status(idea, user, data["status"], data.get("status_note", ""))
        if "official_answer" in changed:
            moderation.answer(idea, user, data["official_answer"])
        if "duplicate_of" in changed and data["duplicate_of"]:
            moderation.mark_duplicate(idea, user, data["duplicate_of"])
        if data.get("note"):
            moderation.add_note(idea, user, data["note"])
        idea.refresh_from_db()
        return idea


class ModerationLogPanel(Panel):
    """Who did what to the idea, and when: the moderation log, read-only, on the idea's moderation page."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "ideas/admin/moderation_log_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            entries = self.instance.moderation_log.select_related("user") if self.instance.pk else []
            context["entries"] = [(entry, *moderation.describe(entry)) for entry in entries]
            return context


class YesNoColumn(Column):
    """A yes/no value as an icon with the word beside it (not Python's True/False)."""

    cell_template_name = "ideas/admin/yes_no_cell.html"


class IdeaInspectView(InspectView):
    """The idea's details in words: yes/no instead of True/False, a dash instead of None."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(field, models.BooleanField):
            return _("Yes") if value else _("No")
        return "–" if value is None else value


class IdeaViewSet(ScopedViewSetMixin, SnippetViewSet):
    """A snippet viewset, so moderators get Wagtail's bulk actions (participation/wagtail_hooks.py). A
    municipality's moderators see its ideas only (core.staff_scope)."""

    model = Idea
    scope_roles, scope_through = (MODERATORS,), "process"
    url_prefix = "ideas"
    icon = "comment"
    menu_label = _("Ideas")
    edit_view_class = IdeaEditView
    inspect_view_class = IdeaInspectView
    # Fits 1280 px: the channel has its filter, the title wraps (ideas/admin/listing.css), dates are short.
    list_display = [
        "reference",
        Column("title", label=_("Title"), sort_key="title", classname="idea-title"),
        Column("get_status_display", label=_("Status"), sort_key="status"),
        YesNoColumn("published", label=_("Public"), sort_key="published"),
        Column("support_count", label=_("Supports"), sort_key="support_count"),
        DateColumn("created_at", label=_("Submitted"), sort_key="created_at"),
    ]
    list_filter = ["status", "published", "hidden", "channel", "category", "district", "process"]
    search_fields = ["reference", "title", "description"]
    search_backend_name = None  # plain database search: the queue needs no search index
    inspect_view_enabled = True
    copy_view_enabled = False

    edit_handler = ObjectList(
        [*(FieldPanel(name) for name in ["status", "status_note", "published", "hidden", "official_answer",
                                         "duplicate_of", "note", "title", "description"]),
         ModerationLogPanel(heading=_("Moderation log"))],
        base_form_class=IdeaModerationForm,
    )


class CommentModerationForm(WagtailAdminModelForm):
    class Meta:
        model = Comment
        fields = ["published", "hidden"]


class CommentEditView(EditView):
    def save_instance(self):
        """Publishing or hiding goes through participation.ideas.comments: counted, logged, mailed."""
        data, user = self.form.cleaned_data, self.request.user
        comment = Comment.objects.select_related("idea__process").get(pk=self.form.instance.pk)
        if data["hidden"]:
            comments.hide_comment(comment, user, "moderator")
        elif data["published"]:
            comments.publish_comment(comment, user)
        return comment


class CommentViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Comment
    scope_roles, scope_through = (MODERATORS,), "idea__process"
    url_prefix = "idea_comments"
    icon = "comment"
    menu_label = _("Comments")
    edit_view_class = CommentEditView
    list_display = [
        "__str__",
        Column("idea", label=_("Idea")),  # the foreign key has no verbose name: without a label it read "Idea"
        YesNoColumn("published", label=_("Published"), sort_key="published"),
        YesNoColumn("hidden", label=_("Hidden"), sort_key="hidden"),
        DateColumn("created_at", label=_("Written"), sort_key="created_at"),
    ]
    list_filter = ["published", "hidden"]
    search_fields = ["text", "author_name"]
    search_backend_name = None
    copy_view_enabled = False

    edit_handler = ObjectList([FieldPanel("published"), FieldPanel("hidden")], base_form_class=CommentModerationForm)

    def get_queryset(self, request):
        # The "idea" column: one query per row without it (18 queries for 5 comments, 33 for a full page of 20).
        return super().get_queryset(request).select_related("idea")
