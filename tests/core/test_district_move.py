"""District moved from participation to core (issue 23: core holds what every app uses). A database made
before the move migrates without losing a row, and the editors keep their right to add districts."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import District
from participation.ideas.models import Idea

BEFORE = [("core", "0009_download_log_and_private_wagtail_files"),
          ("participation", "0015_scan_blank_quality_sheet_lock"),
          ("volunteering", "0006_opportunity_translations")]
AFTER = [("core", "0010_district"), ("participation", "0016_district_in_core"),
         ("volunteering", "0007_district_in_core")]  # the newer migrations (the participation split) are not needed


def rows_per_table():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            if table == "django_migrations":  # the record of what ran, not data
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names from the catalogue
            counts[table] = cursor.fetchone()[0]
    return counts


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def editors_may(codename):
    return Group.objects.get(name="Redaktion").permissions.filter(codename=codename).values_list(
        "content_type__app_label", flat=True).first()


@pytest.mark.django_db
def test_a_database_from_before_the_move_keeps_every_row_and_the_editors_rights(demo_site):
    district = District.objects.order_by("sort_order").first()
    idea = Idea.objects.filter(district__isnull=False).first() or Idea.objects.first()
    if idea.district_id is None:
        Idea.objects.filter(pk=idea.pk).update(district=district)
    counts = rows_per_table()
    assert counts["participation_district"] > 0 and editors_may("add_district") == "core"

    migrate(BEFORE)  # today's schema before the move: the content type belonged to participation
    assert editors_may("add_district") == "participation"
    assert rows_per_table() == counts

    migrate(AFTER)
    assert rows_per_table() == counts
    assert editors_may("add_district") == "core"
    assert Permission.objects.filter(content_type__app_label="participation", codename="add_district").count() == 0
    moved = Idea.objects.select_related("district").get(pk=idea.pk).district
    assert isinstance(moved, District) and moved.name
