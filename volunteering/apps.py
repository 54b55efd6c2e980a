from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    """Organisations, opportunities, shifts, sign-ups and matching (issue 8)."""

    name = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self):
        from core.cache import invalidate_on_change
        from core.registry import register_menu_link, register_project_section
        from volunteering import datasets  # noqa: F401 - registers the export datasets
        from volunteering.models import OpportunityTranslation, Shift
        from volunteering.personal_data import register as register_personal_data

        register_menu_link(_("Volunteering"), "volunteering:opportunities")
        register_project_section(_project_opportunities)
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
