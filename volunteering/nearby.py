"""Engagements near a place, across the region (issue 26): a district of any municipality as the starting point
and a radius in km; the list keeps what lies within it, nearest first, with the distance shown.

An opportunity's place is its own district's centre, else its organisation's (the same straight-line distance as
the suggestions, `matching.km_between`); an opportunity with neither has no known place and is left out of a
distance search. The distances are worked out on the list's small rows (id, date, four coordinates), so the page
costs the same queries whatever the number of opportunities.
"""

from collections import namedtuple

from volunteering.matching import km_between

RADII = (5, 10, 20, 50)
DEFAULT_RADIUS = 10
Row = namedtuple("Row", "pk next_shift km")
COORDINATES = ("district__latitude", "district__longitude", "organisation__district__latitude",
               "organisation__district__longitude")


def starting_points():
    """[(municipality name, [district])]: every district with a centre, grouped by its municipality (the default
    site's for districts without one), municipalities by name. Three queries."""
    from wagtail.models import Site

    from core.models import District, Municipality

    towns = dict(Municipality.objects.values_list("site_id", "name"))
    names, default_id = {}, None
    for pk, site_name, hostname, is_default in Site.objects.values_list("pk", "site_name", "hostname",
                                                                         "is_default_site"):
        names[pk] = towns.get(pk) or site_name or hostname
        default_id = pk if is_default else default_id
    groups = {}
    for district in District.objects.filter(latitude__isnull=False, longitude__isnull=False):
        groups.setdefault(names.get(district.site_id or default_id, ""), []).append(district)
    return sorted(groups.items())


def radius(value):
    """The radius asked for, if it is one offered; else the default."""
    return int(value) if value in {str(km) for km in RADII} else DEFAULT_RADIUS


def near(rows, start, km):
    """`rows` (an opportunity queryset's values: pk, next_shift and COORDINATES) within `km` of the district
    `start`, nearest first (then by date), each with its distance."""
    point = (start.latitude, start.longitude)
    found = []
    for pk, next_shift, *coordinates in rows:
        own, organisation = coordinates[:2], coordinates[2:]
        distance = km_between(point, own if None not in own else organisation)
        if distance is not None and distance <= km:
            found.append(Row(pk, next_shift, round(distance, 1)))
    return sorted(found, key=lambda row: (row.km, row.next_shift is None, row.next_shift or 0, row.pk))
