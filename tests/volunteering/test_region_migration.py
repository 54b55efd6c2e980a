"""A single-city database migrates into "one municipality" (issue 26) without losing a row: every organisation goes
to the default site, every district stays (empty site: the default site's), desk people keep their profiles."""

import pytest
from wagtail.models import Site

from core.models import District
from tests.core.test_schema_moves import migrate, rows_per_table
from volunteering.models import Organisation

BEFORE = [("core", "0012_municipal_staff"), ("volunteering", "0008_volunteer_profile_full_name")]


@pytest.mark.django_db
def test_organisations_from_before_belong_to_the_default_site_and_no_row_is_lost(demo_site, opportunity):
    counts = rows_per_table()
    migrate(BEFORE)
    assert rows_per_table() == counts
    migrate()
    assert rows_per_table() == counts
    default = Site.objects.get(is_default_site=True)
    assert set(Organisation.objects.values_list("site_id", flat=True)) == {default.pk}
    assert not District.objects.filter(site__isnull=False).exists()
