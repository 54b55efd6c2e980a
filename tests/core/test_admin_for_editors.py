"""The admin as a German editor meets it (issue 24, point 16): block names in German, a new choice question
without an error before anyone typed, print actions in sight, and blog categories and authors Redaktion can add."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.functional import Promise
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from accounts.models import User
from accounts.roles import EDITORS
from blog.models import Author, Category
from participation.surveys.models import SurveyPage

pytestmark = pytest.mark.django_db


def editor(client):
    user = User.objects.create_user("redaktion@luebeck.example", "Redaktion-Passwort-2026", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def stream_blocks():
    """Every block an editor can pick in any page's StreamField, with where it is."""
    seen = {}

    def walk(block, path):
        children = dict(getattr(block, "child_blocks", {}))
        if isinstance(block, blocks.ListBlock):
            children = {"item": block.child_block}
        for name, child in children.items():
            if (type(block), name) not in seen:
                seen[type(block), name] = (f"{path}.{name}", child)
                walk(child, f"{path}.{name}")

    for model in get_page_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                walk(field.stream_block, f"{model.__name__}.{field.name}")
    return seen.values()


def test_every_block_an_editor_picks_has_a_translated_name():
    untranslated = [path for path, block in stream_blocks()
                    if not isinstance(block.label, Promise) and path.rsplit(".", 1)[-1] != "item"]
    assert untranslated == []
    with translation.override("de"):
        names = {str(block.label) for _path, block in stream_blocks()}
    assert {"Überschrift", "Aufruf mit Schaltfläche", "Hinweis"} <= names
    assert not {"Heading", "Call to action", "Notice"} & names


def test_a_new_choice_question_starts_with_two_empty_options():
    with translation.override("de"):
        question_block = SurveyPage._meta.get_field("questions").stream_block.child_blocks["section"]
        single = question_block.child_blocks["questions"].child_blocks["single"]
        ranking = question_block.child_blocks["questions"].child_blocks["ranking"]
        matrix = question_block.child_blocks["questions"].child_blocks["matrix"]
    assert len(single.get_default()["options"]) == 2  # Wagtail's "at least 2" is met before anyone types
    assert len(ranking.get_default()["options"]) == 2
    assert len(matrix.get_default()["rows"]) == 1


def test_print_actions_are_buttons_in_the_survey_editor(client, demo_site):
    editor(client)
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    html = client.get(f"/admin/pages/{survey.pk}/edit/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    panel = html[html.index('class="page-actions"'):]
    panel = panel[:panel.index("</ul>")]
    assert f"/admin/paper/{survey.pk}/print/" in panel and "?variant=large" in panel
    assert f"/admin/paper/{survey.pk}/sheets/" in panel and f"/admin/surveys/{survey.pk}/codes/" in panel
    assert "Papier und Ergebnisse" in html


def test_redaktion_adds_a_blog_category_and_an_author(client, demo_site):
    editor(client)
    category_add = client.get("/admin/snippets/blog/category/add/")
    assert category_add.status_code == 200
    response = client.post("/admin/snippets/blog/category/add/",
                           {"name": "Smarte Hanse", "slug": "smarte-hanse", "description": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Category.objects.filter(slug="smarte-hanse").exists()
    response = client.post("/admin/snippets/blog/author/add/",
                           {"name": "Jana Peters", "slug": "jana-peters", "role": "Projektleitung ROADS"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Author.objects.filter(slug="jana-peters").exists()
