"""Fragments kept per content version (core/templatetags/content_cache.py) and pages served from the route
cache (core/serving.py): a publish shows at once, also to signed-in people (who never get the page cache), and
per-request HTML can never end up in a shared fragment."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from accounts.models import User
from participation.ideas.models import ParticipationProcessPage
from tests.participation.conftest import PROCESS_URL

pytestmark = pytest.mark.django_db


def test_a_published_change_to_a_process_shows_at_once_to_signed_in_people(client, demo_site,
                                                                            django_capture_on_commit_callbacks):
    client.force_login(User.objects.create_user("lena.leser@example.org", "Ein-Langes-Passwort-1"))
    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    old_intro = process.intro
    for _ in range(2):  # the second answer comes from the kept fragment and the kept page
        assert old_intro in client.get(PROCESS_URL).content.decode()

    process.intro = "Neu: Ideen auch am Bürgertelefon abgeben."
    with django_capture_on_commit_callbacks(execute=True):  # the cache follows what is committed
        process.save_revision().publish()
    html = client.get(PROCESS_URL).content.decode()
    assert "Neu: Ideen auch am Bürgertelefon abgeben." in html and old_intro not in html

    process.title = "Ideen für ein digitales Lübeck"
    process.save_revision()  # a draft changes nothing for visitors
    assert "Ideen für ein digitales Lübeck" not in client.get(PROCESS_URL).content.decode()


def test_a_fragment_with_a_csrf_token_is_refused_instead_of_shared(demo_site):
    request = RequestFactory().get("/de/")
    template = Template('{% load content_cache %}{% contentcache "form" %}{% csrf_token %}{% endcontentcache %}')
    with pytest.raises(TemplateSyntaxError, match="csrfmiddlewaretoken"):
        template.render(Context({"request": request, "csrf_token": "secret-of-one-visitor"}))
