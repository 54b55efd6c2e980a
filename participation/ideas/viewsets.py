"""The moderators' idea queue in the Wagtail admin: filters, search, and every change logged."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from participation.ideas import comments, moderation
from participation.ideas.models import Comment, Idea


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

    class Meta:
        model = Idea
        fields = ["status", "published", "hidden", "official_answer", "duplicate_of", "title", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["duplicate_of"].queryset = Idea.objects.filter(process=self.instance.process).exclude(
                pk=self.instance.pk
            )

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


class IdeaViewSet(SnippetViewSet):
    """A snippet viewset, so moderators get Wagtail's bulk actions (participation/wagtail_hooks.py)."""

    model = Idea
    url_prefix = "ideas"
    icon = "comment"
    menu_label = _("Ideas")
    edit_view_class = IdeaEditView
    list_display = ["reference", "title", "status", "published", "channel", "support_count", "created_at"]
    list_filter = ["status", "published", "hidden", "channel", "category", "district", "process"]
    search_fields = ["reference", "title", "description"]
    search_backend_name = None  # plain database search: the queue needs no search index
    inspect_view_enabled = True
    copy_view_enabled = False

    edit_handler = ObjectList(
        [FieldPanel(name) for name in ["status", "status_note", "published", "hidden", "official_answer",
                                       "duplicate_of", "note", "title", "description"]],
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


class CommentViewSet(SnippetViewSet):
    model = Comment
    url_prefix = "idea_comments"
    icon = "comment"
    menu_label = _("Comments")
    edit_view_class = CommentEditView
    list_display = ["__str__", "idea", "published", "hidden", "created_at"]
    list_filter = ["published", "hidden"]
    search_fields = ["text", "author_name"]
    search_backend_name = None
    copy_view_enabled = False

    edit_handler = ObjectList([FieldPanel("published"), FieldPanel("hidden")], base_form_class=CommentModerationForm)

    def get_queryset(self, request):
        # The "idea" column: one query per row without it (18 queries for 5 comments, 33 for a full page of 20).
        return Comment.objects.select_related("idea")
