"""Staff side: the consent records, to look up and never to change (they are the proof of GDPR Art. 7(1)).

Who sees them: superusers, and anyone an admin gives "accounts.view_consentrecord" (directly or through a
group). No role in accounts.roles handles data protection requests yet, so no role gets it by default: a
group for the data protection officer would list the permission there.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from django_filters import ChoiceFilter
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.models import ConsentRecord


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """"view" as Django's permissions say; "add", "change" and "delete" for nobody, superusers included."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"])


def _text_versions():
    return [(version, version) for version in ConsentRecord.objects.order_by("-text_version")
            .values_list("text_version", flat=True).distinct()]


class ConsentRecordFilterSet(WagtailFilterSet):
    # The versions that occur, newest first: one click, not a typed string.
    text_version = ChoiceFilter(label=gettext_lazy("text version"), choices=_text_versions,
                                empty_label=gettext_lazy("All"), widget=forms.RadioSelect)

    class Meta:
        model = ConsentRecord
        fields = ["purpose", "text_version"]


def account(user):
    """The account's address; for a deleted one "deleted account", not the random address it was given."""
    if user is None or user.is_deleted:
        return gettext("deleted account")
    return user.email


def person(record):
    """The address the consent was given with (blanked when the account is deleted)."""
    return record.email or account(record.user)


class ConsentRecordInspectView(InspectView):
    def get_field_label(self, field_name, field):
        if field_name == "user":  # the model's field has no translated name (adding one needs a migration)
            return capfirst(gettext("user"))
        return super().get_field_label(field_name, field)

    def get_user_display_value(self):
        return account(self.object.user)

    def get_withdrawn_at_display_value(self):
        return self.object.withdrawn_at or "–"


class ConsentRecordViewSet(ModelViewSet):
    model = ConsentRecord
    name = "consent_records"
    url_prefix = "consent-records"
    icon = "doc-full"
    add_to_settings_menu = True  # next to Users and Groups
    inspect_view_class = ConsentRecordInspectView
    inspect_view_enabled = True  # the text agreed to and its SHA-256 are on the record's page
    copy_view_enabled = False
    filterset_class = ConsentRecordFilterSet
    search_fields = ["email", "user__email", "text_version"]
    search_backend_name = None  # plain database search: the model is not in the search index
    ordering = ["-given_at", "-pk"]
    inspect_view_fields = ["user", "email", "purpose", "text_version", "text", "text_sha256", "given_at",
                           "withdrawn_at"]

    @property
    def list_display(self):
        return [
            TitleColumn("person", label=gettext_lazy("Person"), accessor=person, sort_key="email",
                        get_url=lambda record: reverse(self.get_url_name("inspect"), args=[record.pk])),
            "purpose", "text_version", "given_at", "withdrawn_at",
        ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset=ConsentRecord.objects.select_related("user"), **kwargs)

    def get_common_view_kwargs(self, **kwargs):
        # Only the views in get_urlpatterns exist, so no page may link to another.
        gone = {f"{view}_url_name": None for view in ("add", "edit", "delete", "history", "usage")}
        return super().get_common_view_kwargs(**{**gone, **kwargs})

    def get_urlpatterns(self):
        # The list and each record's page; adding, editing, deleting (and their history) have no address at
        # all, so a request for one is a 404 for everyone.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{self.pk_path_converter}:pk>/", self.inspect_view, name="inspect"),
        ]

    @property
    def url_finder_class(self):
        # Wagtail's finder would point at the edit view, which does not exist; the record's page is the
        # inspect view (the finder offers it to no one: the policy grants no "change").
        return type("ConsentRecordURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("inspect")})

    def get_permissions_to_register(self):
        # The group screen offers "view" only: add, change and delete would do nothing.
        content_type = ContentType.objects.get_for_model(ConsentRecord)
        return Permission.objects.filter(content_type=content_type, codename="view_consentrecord")
