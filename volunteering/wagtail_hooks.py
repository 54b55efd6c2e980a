from django import forms
from django.db.models import F, Q
from django.urls import path, reverse_lazy
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet, SnippetChosenView
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet, SnippetViewSetGroup

from accounts.roles import VOLUNTEER_COORDINATORS, role_sites
from core import staff_scope
from core.staff_scope import ScopedViewSetMixin
from volunteering import dashboards
from volunteering import organisation as org
from volunteering.models import Interest, Opportunity, Organisation, Skill

WAITING, ON_HOLD, VERIFIED = "waiting", "on_hold", "verified"
VERIFICATION_STATES = [(WAITING, _("Waiting for verification")), (ON_HOLD, _("On hold")), (VERIFIED, _("Verified"))]
VERIFICATION_FILTERS = {
    WAITING: Q(verified_at__isnull=True, verification_note=""),
    ON_HOLD: Q(verified_at__isnull=True) & ~Q(verification_note=""),
    VERIFIED: Q(verified_at__isnull=False),
}


def verification_state(organisation):
    if organisation.verified_at:
        return _("Verified on %(date)s") % {"date": date_format(localtime(organisation.verified_at),
                                                                 "SHORT_DATE_FORMAT")}
    return dict(VERIFICATION_STATES)[ON_HOLD if organisation.verification_note else WAITING]


def municipality_of(organisation):
    site = organisation.site
    town = getattr(site, "municipality", None)  # a site without its settings row yet has none
    return town.display_name if town is not None else site.site_name or site.hostname


class OrganisationFilterSet(WagtailFilterSet):
    verification = ChoiceFilter(label=_("Verification"), choices=VERIFICATION_STATES, method="by_verification",
                                empty_label=_("All"))

    class Meta:
        model = Organisation
        fields = ["district", "auto_confirm"]

    def by_verification(self, queryset, name, value):
        return queryset.filter(VERIFICATION_FILTERS[value]) if value in VERIFICATION_FILTERS else queryset


class OrganisationAdminForm(WagtailAdminModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"), required=False, widget=forms.RadioSelect,
        choices=[("", _("No change")),
                 ("verify", _("Verify: its published opportunities become public")),
                 ("hold", _("Put on hold or withdraw the verification: its opportunities are hidden"))],
        help_text=_("The organisation is told by email. Putting on hold needs a note, which the organisation sees."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "slug", "site", "description", "logo", "contact_email", "contact_phone", "address",
                  "district", "auto_confirm", "members", "verification_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the region's coordinators move an organisation to another municipality; a municipality's own add
        # to theirs (OrganisationCreateView) and never see the field.
        if self.for_user is None or role_sites(self.for_user, VOLUNTEER_COORDINATORS) is not None:
            self.fields.pop("site", None)
        elif "site" in self.fields:
            self.fields["site"].required = False  # left empty: stays where it is
        if self.instance.pk:
            self.fields["decision"].label = _("Decision (now: %(state)s)") % {
                "state": verification_state(self.instance)}

    def clean_site(self):
        return self.cleaned_data.get("site") or self.instance.site

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "hold" and not (cleaned.get("verification_note") or "").strip():
            self.add_error("verification_note", _("Please write what is missing: the organisation sees this note."))
        return cleaned


class DecisionMixin:
    """Save the organisation, then apply the coordinator's decision through volunteering.organisation
    (which sets who verified it and when, and mails the organisation)."""

    def save_instance(self):
        instance = super().save_instance()
        decision = self.form.cleaned_data.get("decision")
        if decision == "verify":
            org.verify(instance, self.request.user)
        elif decision == "hold":
            org.put_on_hold(instance, self.request.user, self.form.cleaned_data["verification_note"].strip())
        return instance


class OrganisationEditView(DecisionMixin, EditView):
    pass


class OrganisationCreateView(DecisionMixin, CreateView):
    def get_initial_form_instance(self):
        # The municipality of the site the coordinator works at (her own, if she works for another one only); the
        # region's coordinators may choose another in the form.
        instance = super().get_initial_form_instance() or Organisation()
        instance.site = org.site_for(self.request)
        return instance


class OrganisationIndexView(IndexView):
    def order_queryset(self, queryset):
        # Unless a column is sorted, the organisations waiting for a decision come first.
        if self.is_explicitly_ordered:
            return super().order_queryset(queryset)
        return queryset.order_by(F("verified_at").asc(nulls_first=True), "-created_at", "pk")


def own_organisations(user):
    """The organisations of the coordinator's municipalities (every one for the region's coordinators)."""
    return staff_scope.sites(Organisation.objects.all(), user, VOLUNTEER_COORDINATORS)


class OwnOrganisationsMixin:
    """The organisation chooser (an opportunity's organisation) offers the coordinator's own only."""

    def get_object_list(self):
        return super().get_object_list() & own_organisations(self.request.user)

    def get_object(self, pk):
        return own_organisations(self.request.user).get(pk=pk)


class OrganisationChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (OwnOrganisationsMixin, ChooseView), {})
    choose_results_view_class = type("ChooseResultsView", (OwnOrganisationsMixin, ChooseResultsView), {})
    chosen_view_class = type("ChosenView", (OwnOrganisationsMixin, SnippetChosenView), {})


class OrganisationViewSet(ScopedViewSetMixin, SnippetViewSet):
    """A municipality's coordinators see and change its organisations only (core.staff_scope); the region's all."""

    model = Organisation
    scope_roles, scope_site_field = (VOLUNTEER_COORDINATORS,), "site"
    chooser_viewset_class = OrganisationChooserViewSet
    icon = "group"
    index_view_class = OrganisationIndexView
    edit_view_class = OrganisationEditView
    add_view_class = OrganisationCreateView
    list_display = ["name", Column("site", label=_("Municipality"), accessor=municipality_of), "district",
                    Column("verification", label=_("Verification"), accessor=verification_state), "created_at"]
    filterset_class = OrganisationFilterSet
    search_fields = ["name", "description"]
    search_backend_name = None  # plain database search: the list is short
    copy_view_enabled = False
    edit_handler = ObjectList(
        [*Organisation.panels, FieldPanel("site"),
         MultiFieldPanel([FieldPanel("decision"), FieldPanel("verification_note")], heading=_("Verification"))],
        base_form_class=OrganisationAdminForm,
    )

    def get_queryset(self, request):
        # The "district" column: one query per row without it (19 queries for 5 organisations, 34 for 20).
        return super().get_queryset(request).select_related("district", "site__municipality")


class OpportunityAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only organisations of the coordinator's municipalities can be chosen (core.staff_scope).
        if "organisation" in self.fields and self.for_user is not None:
            self.fields["organisation"].queryset = own_organisations(self.for_user)


class OpportunityViewSet(ScopedViewSetMixin, SnippetViewSet):
    """Opportunities belong to a municipality through their organisation."""

    model = Opportunity
    scope_roles, scope_site_field = (VOLUNTEER_COORDINATORS,), "organisation__site"
    icon = "calendar"
    list_display = ["title", "organisation", "kind", "published"]
    edit_handler = ObjectList(Opportunity.panels, base_form_class=OpportunityAdminForm)
    list_filter = ["kind", "published"]
    search_fields = ["title", "description"]

    def get_queryset(self, request):
        # The "organisation" column: one query per row without it (20 queries for 5 opportunities, 33 for 20).
        return super().get_queryset(request).select_related("organisation")


class InterestViewSet(SnippetViewSet):
    model = Interest
    icon = "tag"


class SkillViewSet(SnippetViewSet):
    model = Skill
    icon = "tick"


class VolunteeringViewSetGroup(SnippetViewSetGroup):
    """The volunteering coordinators' menu."""

    menu_label = _("Volunteering")
    menu_icon = "group"
    menu_order = 260
    items = (OrganisationViewSet, OpportunityViewSet, InterestViewSet, SkillViewSet)


register_snippet(VolunteeringViewSetGroup)


class DeskMenuItem(MenuItem):
    """The volunteer desk is a public-site page (large type, no admin chrome); coordinators reach it from
    the admin menu."""

    def is_shown(self, request):
        from volunteering.desk_views import is_coordinator

        return is_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return DeskMenuItem(_("Volunteer desk"), reverse_lazy("volunteering:desk"), icon_name="user", order=261)


@hooks.register("register_admin_urls")
def register_dashboard_url():
    return [path("dashboards/volunteering/", dashboards.dashboard, name="volunteering_dashboard")]


@hooks.register("register_dashboard_summary")
def volunteering_dashboard_summary(request):
    """The volunteering figures on the analysts' dashboards overview (core.dashboards)."""
    return dashboards.overview_summary(request)
