"""Input collected at an event is part of the results: staff choose the event when they enter ideas and paper
answers, and every dashboard, report and export splits and filters by event, with a query count that does not
grow with the number of events."""


import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import User
from accounts.roles import ANALYSTS
from core import registry
from core.cache import invalidate
from core.models import District
from participation.events import dashboards as event_dashboards
from participation.events.models import AccessibilityRequest, Registration
from participation.ideas.models import Channel, Idea, IdeaCategory
from participation.paper.models import PrintBatch, Sheet
from participation.paper.tasks import _next_serials
from participation.surveys.models import SurveyPage, SurveyResponse
from participation.surveys.results import compute
from tests.participation.conftest import PROCESS_URL, idea_data, question
from tests.participation.events.conftest import add_event
from tests.participation.test_datasets import table

pytestmark = pytest.mark.django_db

PASSWORD = "Ein-Langes-Passwort-1"


@pytest.fixture
def moderator(demo_site):
    user = User.objects.create_user("mo.moderation@luebeck.example", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Moderation"))
    return user


@pytest.fixture
def analyst(demo_site):
    user = User.objects.create_user("ana.auswertung@luebeck.example", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=ANALYSTS))
    return user


def idea(process, title, channel=Channel.ONLINE, event=None):
    now = timezone.now()
    return Idea.objects.create(process=process, title=title, description="Text", channel=channel, event=event,
                               category=IdeaCategory.objects.get(slug="mobilitaet"),
                               district=District.objects.get(slug="moisling"), contact_email="x@example.org",
                               consent_at=now, confirmed_at=now, published=True, published_at=now)


def events_with_ideas(process, count):
    """`count` events, the first with 3 ideas and each other with 1; 2 paper ideas and 1 desk idea without one."""
    events = [add_event(process, f"Werkstatt {n}", f"werkstatt-{n}", days=-n - 1) for n in range(count)]
    for n, event in enumerate(events):
        for number in range(3 if n == 0 else 1):
            idea(process, f"Idee {n}.{number}", Channel.EVENT, event)
    idea(process, "Vom Papier 1", Channel.PAPER)
    idea(process, "Vom Papier 2", Channel.PAPER)
    idea(process, "Vom Schalter", Channel.DESK)
    return events


def by_event_table(client, process, **query):
    response = client.get(reverse("participation_process_dashboard", args=[process.pk]), query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = soup.select("[data-by-event] tbody tr")
    return soup, {row.th.get_text(strip=True): int(row.td.get_text()) for row in rows}


# Entering


def test_the_desk_form_offers_the_process_events_and_an_event_sets_the_channel(client, process_de, moderator, workshop):
    client.force_login(moderator)
    soup = BeautifulSoup(client.get(PROCESS_URL + "idee/schalter/").content, "html.parser")
    options = [option.get_text() for option in soup.select("select[name=event] option")]
    assert options[0] == "Nein: nicht bei einer Veranstaltung" and "Bürgerwerkstatt Testweg" in options
    assert "Stadtteilspaziergang St. Lorenz-Nord: Baustellen im Blick" not in options  # another project's event
    response = client.post(PROCESS_URL + "idee/schalter/", idea_data(channel="desk", event=workshop.pk))
    assert response.status_code == 302
    saved = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert saved.event == workshop and saved.channel == Channel.EVENT and saved.entered_by == moderator


def test_an_idea_sheet_filled_in_at_an_event_counts_for_it_and_still_waits_for_a_moderator(
        client, process_de, moderator, workshop):
    batch = PrintBatch.objects.create(process=process_de, count=1)
    sheet = Sheet.objects.create(batch=batch, serial=_next_serials(1)[0])
    client.force_login(moderator)
    data = idea_data(event=workshop.pk)
    data.pop("website")
    response = client.post(f"/de/papiererfassung/{sheet.serial}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert saved.event == workshop and saved.channel == Channel.EVENT and not saved.published


def test_a_survey_sheet_filled_in_at_an_event_counts_for_it(client, process_de, analyst, workshop):
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    survey.move(process_de, pos="last-child")
    survey = SurveyPage.objects.get(pk=survey.pk)
    batch = PrintBatch.objects.create(survey=survey, count=1)
    sheet = Sheet.objects.create(batch=batch, serial=_next_serials(1)[0])
    first = question(survey, "verkehrsmittel")
    client.force_login(analyst)
    url = f"/de/papiererfassung/{sheet.serial}/"
    assert "Bürgerwerkstatt Testweg" in client.get(url).content.decode()
    client.post(url, {f"paper-q-{first.id}": first.options[1][0], "paper-event": workshop.pk, "finalise": "1"})
    stored = SurveyResponse.objects.get(paper_sheet=sheet.serial)
    assert stored.event == workshop and stored.channel == Channel.EVENT and stored.submitted_at
    assert compute(survey, event=str(workshop.pk))["total"] == 1
    assert compute(survey, event="0")["total"] == 0
    results = BeautifulSoup(client.get(survey.url + "ergebnisse/", {"event": workshop.pk}).content, "html.parser")
    assert results.select_one("#r-event option[selected]").get_text() == "Bürgerwerkstatt Testweg"


# Counting


def test_the_process_dashboard_splits_ideas_by_event_and_filters_to_one(client, process_de, analyst):
    process_de.ideas.all().delete()
    events = events_with_ideas(process_de, 2)
    client.force_login(analyst)
    soup, rows = by_event_table(client, process_de)
    assert rows == {"Werkstatt 1": 1, "Werkstatt 0": 3, "Papier, ohne Veranstaltung": 2,
                    "Bürgerbüro, ohne Veranstaltung": 1}
    assert list(rows)[:2] == ["Werkstatt 1", "Werkstatt 0"]  # the older event first
    link = soup.select_one(f'[data-event="{events[0].pk}"] a')["href"]
    assert link.endswith(f"event={events[0].pk}")

    filtered = BeautifulSoup(client.get(reverse("participation_process_dashboard", args=[process_de.pk]),
                                        {"event": events[0].pk}).content, "html.parser")
    assert filtered.select_one('[data-figure="ideas"] dd').get_text(strip=True) == "3"
    assert filtered.select_one(f'#id_event option[value="{events[0].pk}"]').has_attr("selected")


def test_the_dashboard_needs_the_same_queries_for_1_and_5_events(client, process_de, analyst):
    client.force_login(analyst)
    url = reverse("participation_process_dashboard", args=[process_de.pk])

    def queries(count):
        process_de.ideas.all().delete()
        for child in process_de.get_children().type(Registration._meta.get_field("event").related_model):
            child.delete()
        events_with_ideas(process_de, count)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        _soup, rows = by_event_table(client, process_de)
        assert len(rows) == count + 2
        return len(captured)

    assert queries(1) == queries(5)


def test_the_report_names_the_event_it_is_limited_to(client, process_de, analyst):
    from tests.participation.test_printing import text_of

    events = events_with_ideas(process_de, 1)
    client.force_login(analyst)
    response = client.get(reverse("participation_process_report", args=[process_de.pk]), {"event": events[0].pk})
    assert "Veranstaltung: Werkstatt 0" in " ".join(text_of(response.content)[0].split())


def test_the_ideas_export_has_the_event(process_de):
    events = events_with_ideas(process_de, 1)
    codes, rows = table(registry.export_datasets["ideas"], {"source": process_de.pk})
    by_title = {row[codes.index("title")]: row[codes.index("event")] for row in rows}
    assert by_title["Idee 0.0"] == "Werkstatt 0" and by_title["Vom Papier 1"] == ""
    assert events[0].ideas.count() == 3


def test_the_survey_export_and_dashboard_have_the_event(client, process_de, analyst):
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    survey.move(process_de, pos="last-child")
    event = add_event(process_de, "Infostand Markt", "infostand-markt", days=-3)
    now = timezone.now()
    SurveyResponse.objects.create(survey=survey, channel=Channel.EVENT, event=event, submitted_at=now, answers={})
    SurveyResponse.objects.create(survey=survey, channel=Channel.ONLINE, submitted_at=now, answers={})
    codes, rows = table(registry.export_datasets["survey_responses"], {"source": survey.pk})
    assert sorted(row[codes.index("event")] for row in rows) == ["", "Infostand Markt"]
    client.force_login(analyst)
    url = reverse("participation_survey_dashboard", args=[survey.pk])
    soup = BeautifulSoup(client.get(url, {"event": event.pk}).content, "html.parser")
    assert soup.select_one('[data-figure="responses"] dd').get_text(strip=True) == "1"
    assert "Infostand Markt" in soup.select_one("#responses-by-event").get_text()


def test_the_events_table_counts_people_and_contributions_with_the_same_queries_for_1_and_3_events(
        client, process_de, analyst):
    client.force_login(analyst)
    request = client.get(reverse("dashboards")).wsgi_request

    def queries():
        with CaptureQueriesContext(connection) as captured:
            html = event_dashboards.overview_section(request)
        return len(captured), BeautifulSoup(html, "html.parser")

    events = events_with_ideas(process_de, 1)
    one, _soup = queries()
    events += [add_event(process_de, f"Weitere {n}", f"weitere-{n}", days=n + 1) for n in range(2)]
    Registration.objects.create(event=events[0], name="Ayşe", reference="AN-2026-0001", status="registered",
                                attended_at=timezone.now())
    Registration.objects.create(event=events[0], name="Bernd", reference="AN-2026-0002", status="registered")
    wanda = Registration.objects.create(event=events[0], name="Wanda", reference="AN-2026-0003", status="waitlisted")
    AccessibilityRequest.objects.create(registration=wanda, kind="dgs", details="Bitte mit Dolmetschung")
    AccessibilityRequest.objects.create(registration=wanda, kind="childcare", status="arranged", answer="Ja")
    type(events[0]).objects.filter(pk=events[0].pk).update(walk_ins=4)
    three, soup = queries()
    assert one == three
    row = soup.select_one(f'[data-event="{events[0].pk}"]')
    cells = {td["data-cell"]: td.get_text(strip=True) for td in row.select("td[data-cell]")}
    assert cells == {"registered": "2", "attended": "1", "walk-ins": "4", "ideas": "3", "answers": "0",
                     "requests": "2 (1)"}
    needs = {tr.th.get_text(strip=True): [td.get_text() for td in tr.select("td")]
             for tr in soup.select("[data-needs] tbody tr")}
    assert needs["Gebärdensprachdolmetschung (DGS)"] == ["1", "0"] and needs["Kinderbetreuung"] == ["0", "1"]
    assert "Bitte mit Dolmetschung" not in str(soup)  # counted, never shown
    assert row.select_one('[data-cell="ideas"] a')["href"].endswith(f"?event={events[0].pk}")


# Results on the process page


def publish_result(event, text):
    event.result = f"<p>{text}</p>"
    event.save_revision().publish()


def test_the_process_page_shows_the_results_of_past_events(client, process_de, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the publishes renew the page's cached parts
        past = add_event(process_de, "Stadtteilspaziergang", "spaziergang", days=-7)
        publish_result(past, "Drei Bänke und ein Zebrastreifen.")
        add_event(process_de, "Ohne Ergebnis", "ohne-ergebnis", days=-3)
        coming = add_event(process_de, "Bald", "bald", days=5)
        publish_result(coming, "Noch nicht")
    soup = BeautifulSoup(client.get(PROCESS_URL).content, "html.parser")
    section = soup.select_one("[data-event-results]")
    shown = [h3.get_text(strip=True) for h3 in section.select("h3")]
    assert shown[0] == "Stadtteilspaziergang" and not {"Ohne Ergebnis", "Bald"} & set(shown)  # newest first
    assert "Drei Bänke und ein Zebrastreifen." in section.get_text()


def test_the_process_page_needs_the_same_queries_for_1_and_4_event_results(client, process_de,
                                                                           django_capture_on_commit_callbacks):
    def queries(first, last):
        """Queries of the page rendered afresh (its cached parts renewed by the publishes)."""
        with django_capture_on_commit_callbacks(execute=True):
            for n in range(first, last):
                publish_result(add_event(process_de, f"Ergebnis {n}", f"ergebnis-{n}", days=-n - 1), "Ergebnis")
        client.get(PROCESS_URL)  # what is cached apart from the content (counts per channel) is cached now
        with django_capture_on_commit_callbacks(execute=True):
            invalidate()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(PROCESS_URL)
        soup = BeautifulSoup(response.content, "html.parser")
        return len(captured), {h3.get_text(strip=True) for h3 in soup.select("[data-event-results] h3")}

    one, shown = queries(0, 1)
    assert "Ergebnis 0" in shown
    four, shown = queries(1, 4)
    assert four == one and {"Ergebnis 0", "Ergebnis 1", "Ergebnis 2", "Ergebnis 3"} <= shown


# Photos


def test_a_photo_without_consent_cannot_be_published(workshop):
    from django.core.exceptions import ValidationError
    from wagtail.images.tests.utils import get_test_image_file

    from core.models import CustomImage
    from participation.events.models import EventPhoto

    image = CustomImage.objects.create(title="Werkstatt", file=get_test_image_file())
    photo = EventPhoto(event=workshop, image=image, caption="Am Tisch")
    with pytest.raises(ValidationError) as error:
        photo.full_clean()
    assert "consent" in error.value.message_dict
    photo.consent = True
    photo.full_clean()


def test_the_editor_refuses_to_publish_an_event_with_a_photo_without_consent(client, workshop):
    from wagtail.images.tests.utils import get_test_image_file

    from core.models import CustomImage

    admin = User.objects.create_superuser("root@luebeck.example", PASSWORD)
    client.force_login(admin)
    image = CustomImage.objects.create(title="Werkstatt", file=get_test_image_file())
    edit = reverse("wagtailadmin_pages:edit", args=[workshop.pk])
    form = BeautifulSoup(client.get(edit).content, "html.parser").select_one("form#page-edit-form")
    assert form is not None
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = field.select("option[selected]")
            if field.has_attr("multiple"):
                continue
            data[name] = chosen[0]["value"] if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", field.get_text() if field.name == "textarea" else "")
    data.update({"photos-TOTAL_FORMS": "1", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0",
                 "photos-MAX_NUM_FORMS": "1000", "photos-0-image": str(image.pk), "photos-0-caption": "Am Tisch",
                 "photos-0-ORDER": "1", "photos-0-id": "", "photos-0-DELETE": "", "action-publish": "action-publish"})
    response = client.post(edit, data)
    assert response.status_code == 200  # the form again, with the error at the box
    with translation.override("de"):
        message = gettext("Only photos whose people agreed may be published: tick the box or remove the photo.")
    assert message in response.content.decode()
    assert not workshop.photos.exists()
    data["photos-0-consent"] = "on"
    assert client.post(edit, data).status_code == 302
    assert workshop.photos.count() == 1 and workshop.photos.get().consent


def test_requests_of_a_cancelled_registration_are_not_counted_as_open(process_de):
    from participation.events.registration import request_counts

    event = add_event(process_de, "Werkstatt Abgesagt", "werkstatt-abgesagt")
    staying = Registration.objects.create(event=event, name="Bleibt", reference="AN-2026-9201", status="registered")
    gone = Registration.objects.create(event=event, name="Sagt ab", reference="AN-2026-9202", status="cancelled")
    for registration in (staying, gone):
        AccessibilityRequest.objects.create(registration=registration, kind="dgs")
    assert request_counts([event])["dgs"] == {"label": "Gebärdensprachdolmetschung (DGS)", "open": 1, "answered": 0}
