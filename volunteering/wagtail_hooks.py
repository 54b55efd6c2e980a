from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from volunteering.models import Interest, Opportunity, Organisation, Skill


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "district", "verified_at"]
    search_fields = ["name", "description"]


class OpportunityViewSet(SnippetViewSet):
    model = Opportunity
    icon = "calendar"
    list_display = ["title", "organisation", "kind", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["title", "description"]


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
