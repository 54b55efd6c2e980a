"""The region portal (issue 26): one place where a resident of the region sees every municipality's open
participation and events, filtered by municipality and district, each item linking to its own site.

Feature apps contribute their lists through core.registry.region_sections; this view only builds the scope.
Decisions: the portal lives at the same address on every municipality's site (`/de/region/`); items link to the
site they belong to (Wagtail's page URLs carry the host when it is another site's). The district filter narrows
what has a district (events); calls for ideas and surveys concern a whole municipality and stay listed.
"""

from dataclasses import dataclass, field

from django import forms
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core import registry
from core.i18n import SourceLanguageSelect
from core.municipalities import every_root_path, within


@dataclass
class Scope:
    """The municipalities chosen (their root paths: each home page and its translations) and the district."""

    names: dict = field(default_factory=dict)  # root path -> municipality name
    district: object = None

    @property
    def paths(self):
        return list(self.names)

    def filter(self, queryset):
        return within(queryset, self.paths)

    def town_of(self, page):
        return next((name for path, name in self.names.items() if page.path.startswith(path)), "")


def municipalities():
    """[(site id, name, [root paths])] of every municipality, by name: three queries however many there are."""
    from wagtail.models import Site

    from core.models import Municipality

    towns = {town.site_id: town.display_name for town in Municipality.objects.select_related("site")}
    sites = list(Site.objects.select_related("root_page"))
    paths = every_root_path(sites)
    result = [(site.pk, towns.get(site.pk) or site.site_name or site.hostname, paths[site.pk]) for site in sites]
    return sorted(result, key=lambda item: item[1])


class RegionFilter(forms.Form):
    # Municipality and district names are German names: marked so on a page in another language.
    kommune = forms.TypedChoiceField(label=_("Municipality"), required=False, coerce=int, empty_value=None,
                                     widget=SourceLanguageSelect)
    bezirk = forms.ModelChoiceField(label=_("District"), required=False, queryset=None, to_field_name="slug",
                                    empty_label=_("All districts"), widget=SourceLanguageSelect)

    def __init__(self, *args, towns, **kwargs):
        from core.models import District

        super().__init__(*args, **kwargs)
        self.fields["kommune"].choices = [("", _("All municipalities"))] + [(pk, name) for pk, name, _p in towns]
        self.fields["bezirk"].queryset = District.objects.all()
        for chosen in self.fields.values():
            chosen.widget.attrs["class"] = "kern-form-input__select"


def region(request):
    towns = municipalities()
    form = RegionFilter(request.GET or None, towns=towns, auto_id="region-%s")
    chosen, district = None, None
    if form.is_bound and form.is_valid():
        chosen, district = form.cleaned_data["kommune"], form.cleaned_data["bezirk"]
    scope = Scope({path: name for pk, name, paths in towns if chosen in (None, pk) for path in paths}, district)
    sections = mark_safe("".join(render(request, scope) or "" for render in registry.region_sections))  # noqa: S308
    return TemplateResponse(request, "core/region.html", {"form": form, "sections": sections, "towns": towns})
