"""participation split into three apps, ideas, surveys and paper (issue 23). A database made before the split
migrates without losing a row; its pages keep their type, groups their rights, and everything migrates back."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page

from participation.ideas.models import Idea, ParticipationProcessPage
from participation.paper.models import PrintBatch, Sheet
from participation.surveys.models import AccessCode, SurveyPage, SurveyResponse
from tests.core.test_district_move import rows_per_table

BEFORE = [("participation", "0016_district_in_core")]
MOVED = {"ideas": ["idea", "comment", "participationprocesspage", "phase"], "surveys": ["surveypage", "accesscode"],
         "paper": ["printbatch", "sheet", "scanimport", "reviewtask"]}


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def owners():
    """The app each moved model's content type belongs to, and where the moderators' idea rights point."""
    found = {model: label for label, model in ContentType.objects.filter(
        model__in=[m for models in MOVED.values() for m in models]).values_list("app_label", "model")}
    rights = set(Permission.objects.filter(codename__in=["change_idea", "view_comment"], group__isnull=False)
                 .values_list("content_type__app_label", flat=True))
    return found, rights


@pytest.mark.django_db
def test_a_database_from_before_the_split_keeps_every_row_page_type_and_right(demo_site):
    survey = SurveyPage.objects.live().first()
    process = ParticipationProcessPage.objects.live().first()
    AccessCode.generate(survey, 3)
    SurveyResponse.objects.create(survey=survey, channel="paper", answers={"x": 1})
    batch = PrintBatch.objects.create(survey=survey, count=1, status=PrintBatch.Status.DONE)
    Sheet.objects.create(batch=batch, serial="990001")
    counts = rows_per_table()
    assert counts["participation_idea"] and counts["participation_accesscode"] and counts["participation_sheet"]
    assert owners() == ({m: label for label, models in MOVED.items() for m in models}, {"ideas"})

    migrate(BEFORE)  # the schema before the split: every model belonged to participation
    assert rows_per_table() == counts
    found, rights = owners()
    assert set(found.values()) == {"participation"} and rights == {"participation"}

    migrate()
    assert rows_per_table() == counts
    assert owners() == ({m: label for label, models in MOVED.items() for m in models}, {"ideas"})
    assert isinstance(Page.objects.get(pk=process.pk).specific, ParticipationProcessPage)
    assert isinstance(Page.objects.get(pk=survey.pk).specific, SurveyPage)
    assert survey.latest_revision.as_object().title == survey.title
    assert Idea.objects.count() == counts["participation_idea"]

