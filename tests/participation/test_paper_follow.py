"""'Keep me informed' on paper (issue 25): the idea form and a process's survey form carry the box and a line for
an address; ticked, the sheet's writer follows the process once the sheet is counted, typed in or read from a scan.
A survey outside a process has no box; a tick without an address makes nobody a follower."""

import datetime

import pytest
from django.utils import timezone

from participation.ideas.models import Follower, Idea, ProcessNews
from participation.paper.models import PrintBatch, Sheet
from participation.paper.printing import master
from participation.paper.tasks import _next_serials
from participation.surveys.models import SurveyPage, SurveyResponse
from tests.participation.conftest import idea_data, set_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def process_survey(process):
    """A short survey inside the idea call's participation process."""
    now = timezone.now()
    common = {"help_text": "", "required": False, "show_if_question": "", "show_if_answer": ""}
    page = SurveyPage(title="Kurzbefragung Beteiligung", slug="kurzbefragung-beteiligung",
                      audience=SurveyPage.Audience.ANYONE, opens_at=now - datetime.timedelta(days=1),
                      closes_at=now + datetime.timedelta(days=9),
                      questions=[("section", {"title": "Teil 1", "intro": "", "show_if_question": "",
                                              "show_if_answer": "", "questions": [
                                                  ("yesno", {"text": "Waren Sie schon einmal dabei?", "key": "dabei",
                                                             **common})]})])
    process.add_child(instance=page)
    page.save_revision().publish()
    return page


def sheet_of(target, double=False):
    key = {"survey": target} if isinstance(target, SurveyPage) else {"process": target}
    batch = PrintBatch.objects.create(count=1, double_entry=double, **key)
    return Sheet.objects.create(batch=batch, serial=_next_serials(1)[0])


def anchors(version):
    return {anchor for page in version.layout.values() for anchor in page}


def test_the_box_is_printed_on_idea_forms_and_on_surveys_of_a_process_only(process, survey, process_survey):
    for variant in ("standard", "large"):
        _pdf, version, _refused = master(process, variant=variant)
        last = version.layout[f"page-{version.page_count}"]
        assert {"box-follow", "box-follow_address-text", "box-consent", "receipt-slip"} <= set(last)
    _pdf, version, _refused = master(process_survey)
    assert {"box-follow", "box-follow_address-text"} <= anchors(version)
    _pdf, version, _refused = master(survey)  # the demo survey stands on the home page: no process to follow
    assert not {a for a in anchors(version) if "follow" in a}


def test_a_typed_idea_sheet_with_the_tick_makes_its_writer_a_follower(client, process, analyst):
    set_phase(process, "collect")
    client.force_login(analyst)
    ticked, unticked, no_address = sheet_of(process), sheet_of(process), sheet_of(process)
    html = client.get(f"/de/papiererfassung/{ticked.serial}/").content.decode()
    assert "„Auf dem Laufenden halten“ ist auf dem Bogen angekreuzt." in html
    client.post(f"/de/papiererfassung/{ticked.serial}/", {
        **idea_data(title="Bank am Kanal", contact_email="Hanna@Example.org", author_name="Hanna"),
        "follow": "on", "finalise": "1"})
    client.post(f"/de/papiererfassung/{unticked.serial}/", {
        **idea_data(title="Licht am Wall", contact_email="ole@example.org"), "finalise": "1"})
    client.post(f"/de/papiererfassung/{no_address.serial}/", {
        **idea_data(title="Wasser am Markt", contact_email=""), "follow": "on", "finalise": "1"})
    assert Idea.objects.filter(title__in=["Bank am Kanal", "Licht am Wall", "Wasser am Markt"]).count() == 3
    follower = Follower.objects.get(process=process)  # only Hanna: Ole did not tick, the third left no address
    assert (follower.email, follower.name, follower.channel) == ("hanna@example.org", "Hanna", "paper")
    assert follower.confirmed_at is not None and follower.entered_by == analyst


def test_a_typed_survey_sheet_follows_with_a_postal_address_once_the_second_entry_counts(
        client, process, process_survey, analyst, django_user_model):
    from django.contrib.auth.models import Group

    from tests.participation.conftest import ANALYSTS

    second = django_user_model.objects.create_user("zweite@luebeck.example", "Ein-Langes-Passwort-1",
                                                   is_staff=True)
    second.groups.add(Group.objects.get(name=ANALYSTS))
    sheet = sheet_of(process_survey, double=True)
    address = "Anna Beispiel\nMoislinger Allee 1\n23558 Lübeck"
    data = {"paper-follow": "on", "paper-follow_address": address, "finalise": "1"}
    client.force_login(analyst)
    assert "Adresse für Neuigkeiten, wie auf dem Bogen geschrieben" in client.get(
        f"/de/papiererfassung/{sheet.serial}/").content.decode()
    client.post(f"/de/papiererfassung/{sheet.serial}/", data)
    assert not Follower.objects.exists()  # a first entry counts for nothing yet
    client.force_login(second)
    client.post(f"/de/papiererfassung/{sheet.serial}/", data)
    assert SurveyResponse.objects.get(paper_sheet=sheet.serial).submitted_at is not None
    follower = Follower.objects.get(process=process)
    assert follower.email == "" and follower.postal_address == address and follower.channel == "paper"
    # The news reach her as a letter (the process's "Write to participants" prints it).
    from participation.ideas.following import by_post

    assert by_post(process) == [follower]


def test_news_of_the_process_reach_a_follower_from_paper(process, analyst, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    from participation.ideas.following import announce
    from participation.paper.follow import follow_from_sheet

    follow_from_sheet(process, ticked=True, written="lena @ example.org", language="tr", entered_by=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        news = announce(process, ProcessNews.Kind.EVENT, "event-test", title="Bürgerwerkstatt", path="/de/")
    assert news is not None
    mail, = [m for m in mailoutbox if "lena@example.org" in m.to]
    assert "Bürgerwerkstatt" in mail.body
