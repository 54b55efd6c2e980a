import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import User
from accounts.roles import ANALYSTS
from participation.ideas.models import IdeaCategory, ParticipationProcessPage, Phase
from participation.surveys.models import SurveyPage
from participation.surveys.questions import all_questions

PROCESS_URL = "/de/ideen-digitale-beteiligung/"
PASSWORD = "Ein-Langes-Passwort-1"


@pytest.fixture
def survey(demo_site):
    """The demo survey (participation/surveys/demo.py) in German; test_surveys.py and test_datasets.py build
    their own."""
    return SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")


@pytest.fixture
def analyst(demo_site):
    """A member of staff in the analysts' group: results, dashboards, paper entry and scans."""
    user = User.objects.create_user("ana.auswertung@luebeck.example", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=ANALYSTS))
    return user


def question(survey, key):
    """The survey's question with this key (the demo survey's keys: participation/surveys/demo.py). Tests find a
    question by its key, not by its position, so a reordered survey does not break them."""
    found = [q for q in all_questions(survey) if q.key == key]
    assert len(found) == 1, f"{survey} has {len(found)} questions with the key {key!r}"
    return found[0]


def option_id(question, label):
    """The id of the question's option with this label."""
    return next(key for key, text in question.options if text == label)


def one_question_survey(title, slug, audience):
    """An open survey of one page with one yes/no question, under the home page, published."""
    from wagtail.models import Site

    from participation.surveys.models import SurveyPage

    home = Site.objects.get(is_default_site=True).root_page.specific
    now = timezone.now()
    question = {"text": "Fahren Sie Bus?", "key": "bus", "help_text": "", "required": True,
                "show_if_question": "", "show_if_answer": ""}
    page = SurveyPage(title=title, slug=slug, audience=audience,
                      opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=1),
                      questions=[("section", {"title": "Seite 1", "intro": "", "show_if_question": "",
                                              "show_if_answer": "", "questions": [("yesno", question)]})])
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def process(demo_site):
    return ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")


def ideas_listed(client, url=PROCESS_URL):
    """How many published ideas the public list says it has: its status line and its channel table agree."""
    import re

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(url).content, "html.parser")
    said = int(re.match(r"\s*(\d+)", soup.select_one("#ideas-heading ~ p[role=status]").get_text()).group(1))
    assert int(soup.select(".channel-totals tbody td")[-1].get_text()) == said
    return said


def set_phase(process, kind):
    """Move the process so that `kind` is running now (the other phases around it)."""
    now = timezone.now()
    process.phases.all().delete()
    order = [Phase.Kind.COLLECT, Phase.Kind.SUPPORT, Phase.Kind.REVIEW, Phase.Kind.RESULT]
    offset = order.index(kind) if kind else len(order)
    for position, phase_kind in enumerate(order):
        start = now + datetime.timedelta(days=30 * (position - offset)) - datetime.timedelta(days=1)
        Phase.objects.create(process=process, kind=phase_kind, starts_at=start,
                             ends_at=start + datetime.timedelta(days=30), sort_order=position)


@pytest.fixture
def resident():
    return User.objects.create_user("pia.resident@example.org", "Ein-Langes-Passwort-1", display_name="Pia")


@pytest.fixture
def moderator():
    user = User.objects.create_user("mo.moderation@luebeck.example", "Ein-Langes-Passwort-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderation"))
    return user


def photo(name="foto.jpg", size=(64, 48), gps=True, image_format="JPEG"):
    image = Image.new("RGB", size, (200, 40, 40))
    buffer = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {2: (53.0, 52.0, 10.0), 4: (10.0, 41.0, 5.0)}  # GPS position in Lübeck
        exif[0x010F] = "Kamerahersteller"
    image.save(buffer, format=image_format, exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


def idea_data(**overrides):
    from core.antispam import form_started_token

    data = {
        "title": "Trinkbrunnen am Koberg",
        "description": "Im Sommer fehlt Trinkwasser in der Innenstadt.",
        "category": IdeaCategory.objects.get(slug="gesundheit").pk,
        "district": "",
        "location_text": "Koberg",
        "author_name": "",
        "notify": "on",
        "consent": "on",
        "form_started": form_started_token(),
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def _old_enough_forms(monkeypatch):
    """Tests fill forms in microseconds; the minimum fill time is tested on its own."""
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
