from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    """Organisations, opportunities, shifts, sign-ups and matching (issue 8)."""

    name = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self):
        from core.cache import invalidate_on_change
        from core.registry import register_menu_link, register_project_section, register_region_section
        from volunteering import datasets  # noqa: F401 - registers the export datasets
        from volunteering.models import OpportunityTranslation, Shift
        from volunteering.personal_data import register as register_personal_data

        register_menu_link(_("Volunteering"), "volunteering:opportunities")
        register_project_section(_project_opportunities)
        register_region_section(_region_opportunities)
        register_personal_data()  # "download my data" and account deletion (accounts)
        # Project pages (cached) show each opportunity's next date, in the visitor's language.
        invalidate_on_change(Shift)
        invalidate_on_change(OpportunityTranslation)


def _project_opportunities(project, request):
    """The project page's "Take part" slot: public opportunities linked to the project (in any language
    of the page, since opportunities point at the source page)."""
    from django.db.models import Min, Q
    from django.template.loader import render_to_string
    from django.utils import timezone

    from volunteering.models import localize_opportunities
    from volunteering.views import public_opportunities

    opportunities = list(
        public_opportunities().filter(project__translation_key=project.translation_key)
        .select_related("organisation", "district").prefetch_related("translations")
        .annotate(next_shift=Min("shifts__starts_at", filter=Q(shifts__starts_at__gt=timezone.now())))
        .order_by("next_shift", "title")[:10]
    )
    if not opportunities:
        return ""
    localize_opportunities(opportunities)
    return render_to_string("volunteering/includes/project_opportunities.html", {"opportunities": opportunities},
                            request=request)


REGION_LIMIT = 20


def _region_opportunities(request, scope):
    """The region portal's open engagements of the chosen municipalities (and district), each with its town and a
    link to the opportunity on its own municipality's site. Open: public, and either with a date still to come or
    without dates (recurring, long-term). Four queries whatever the number of municipalities and opportunities."""
    from django.db.models import Exists, OuterRef, Q
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import timezone
    from wagtail.models import Site

    from volunteering.models import Opportunity, Shift, localize_opportunities
    from volunteering.views import public_opportunities

    towns = {pk: scope.names[path] for pk, path in
             Site.objects.filter(root_page__path__in=scope.paths).values_list("pk", "root_page__path")}
    upcoming = Shift.objects.filter(opportunity=OuterRef("pk"), starts_at__gt=timezone.now())
    opportunities = (public_opportunities().filter(organisation__site__in=towns)
                     .filter(~Q(kind=Opportunity.Kind.ONE_OFF) | Exists(upcoming)))
    if scope.district is not None:
        opportunities = opportunities.filter(Q(district=scope.district)
                                             | Q(district__isnull=True, organisation__district=scope.district))
    opportunities = list(opportunities.select_related("organisation__site", "district")
                         .prefetch_related("translations").order_by("title", "pk")[:REGION_LIMIT])
    here = Site.find_for_request(request)
    for opportunity in localize_opportunities(opportunities):
        site = opportunity.organisation.site
        path = reverse("volunteering:opportunity", args=[opportunity.slug])
        opportunity.url = path if here is not None and site.pk == here.pk else site.root_url + path
        opportunity.town = towns[site.pk]
    return render_to_string("volunteering/includes/region_opportunities.html",
                            {"opportunities": opportunities, "limit": REGION_LIMIT}, request=request)
