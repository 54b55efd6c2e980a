"""Two moves of issue 23, each migrated on a database holding the demo and suite data (issue 23: "existing
databases migrate without losing a row"):

- District moved from participation to core (core holds what every app uses); the editors keep their right to
  add districts;
- participation split into three apps, ideas, surveys and paper; pages keep their type, groups their rights.

One test goes back once to before both moves and forward through each of them: going back renders every
migration's state up to the oldest one undone, the slow part (about 30 s for each move measured alone).
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page

from core.models import District
from participation.events.models import EventPage
from participation.ideas.models import Idea, ParticipationProcessPage
from participation.paper.models import PrintBatch, Sheet
from participation.surveys.models import AccessCode, SurveyPage, SurveyResponse

BEFORE_DISTRICT_MOVE = [("core", "0009_download_log_and_private_wagtail_files"),
                        ("participation", "0015_scan_blank_quality_sheet_lock"),
                        ("volunteering", "0006_opportunity_translations")]
AFTER_DISTRICT_MOVE = [("core", "0010_district"), ("participation", "0016_district_in_core"),
                       ("volunteering", "0007_district_in_core")]  # and before the split
MOVED = {"ideas": ["idea", "comment", "participationprocesspage", "phase"], "surveys": ["surveypage", "accesscode"],
         "paper": ["printbatch", "sheet", "scanimport", "reviewtask"]}
SPLIT = ({m: label for label, models in MOVED.items() for m in models}, {"ideas"})


def rows_per_table():
    """Rows per table that has any: a table made by a later migration (events, followers) is empty in a database
    from before the moves and is not there while it is migrated back; a table that loses all its rows shows."""
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            if table == "django_migrations":  # the record of what ran, not data
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names from the catalogue
            counts[table] = cursor.fetchone()[0]
    return {table: rows for table, rows in counts.items() if rows}


def migrate(targets=None):
    if connection.vendor == "postgresql":  # rows written in this transaction: check keys now, or ALTER TABLE refuses
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def editors_may(codename):
    return Group.objects.get(name="Redaktion").permissions.filter(codename=codename).values_list(
        "content_type__app_label", flat=True).first()


def owners():
    """The app each moved model's content type belongs to, and where the moderators' idea rights point."""
    found = {model: label for label, model in ContentType.objects.filter(
        model__in=[m for models in MOVED.values() for m in models]).values_list("app_label", "model")}
    rights = set(Permission.objects.filter(codename__in=["change_idea", "view_comment"], group__isnull=False)
                 .values_list("content_type__app_label", flat=True))
    return found, rights


@pytest.mark.django_db
def test_a_database_from_before_the_district_move_and_the_split_keeps_every_row_page_type_and_right(demo_site):
    district = District.objects.order_by("sort_order").first()
    idea = Idea.objects.filter(district__isnull=False).first() or Idea.objects.first()
    if idea.district_id is None:
        Idea.objects.filter(pk=idea.pk).update(district=district)
    survey = SurveyPage.objects.live().first()
    process = ParticipationProcessPage.objects.live().first()
    AccessCode.generate(survey, 3)
    SurveyResponse.objects.create(survey=survey, channel="paper", answers={"x": 1})
    batch = PrintBatch.objects.create(survey=survey, count=1, status=PrintBatch.Status.DONE)
    Sheet.objects.create(batch=batch, serial="990001")
    for event in EventPage.objects.all():  # a database from before the moves (issue 23) has no events (issue 25)
        Idea.objects.filter(event=event).update(event=None, channel="desk")
        event.delete()
    counts = rows_per_table()
    assert counts["participation_district"] > 0 and editors_may("add_district") == "core"
    assert counts["participation_idea"] and counts["participation_accesscode"] and counts["participation_sheet"]
    assert owners() == SPLIT

    later = {"core_municipality"}  # tables made after these moves (issue 26): gone in the old schema, made again
    earlier = {table: rows for table, rows in counts.items() if table not in later}
    migrate(BEFORE_DISTRICT_MOVE)  # the schema before both moves: the content types belonged to participation
    assert rows_per_table() == earlier
    assert editors_may("add_district") == "participation"
    found, rights = owners()
    assert set(found.values()) == {"participation"} and rights == {"participation"}

    migrate(AFTER_DISTRICT_MOVE)  # districts in core, participation not yet split
    assert rows_per_table() == earlier
    assert editors_may("add_district") == "core"
    assert Permission.objects.filter(content_type__app_label="participation", codename="add_district").count() == 0
    # Only the columns of that time (later migrations add some, such as the event of issue 25).
    moved = Idea.objects.select_related("district").only("district__name").get(pk=idea.pk).district
    assert isinstance(moved, District) and moved.name
    found, rights = owners()
    assert set(found.values()) == {"participation"} and rights == {"participation"}

    migrate()  # the split, and the single city becoming one municipality (issue 26): every row is back
    assert rows_per_table() == counts
    from core.models import Municipality

    assert Municipality.objects.get(site__is_default_site=True).name == "Hansestadt Lübeck"
    assert owners() == SPLIT
    assert isinstance(Page.objects.get(pk=process.pk).specific, ParticipationProcessPage)
    assert isinstance(Page.objects.get(pk=survey.pk).specific, SurveyPage)
    assert survey.latest_revision.as_object().title == survey.title
    assert Idea.objects.count() == counts["participation_idea"]
