"""GDPR: download my data, delete my account, consent records, inactive accounts (accounts app)."""

import datetime
import io
import json
import re
import zipfile

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.utils import timezone

from accessibility.models import FeedbackTicket
from accounts import personal_data
from accounts.models import ConsentRecord, DataExport, User
from accounts.tasks import delete_expired_data_exports, retire_inactive_accounts
from participation.ideas.models import Comment, Idea, IdeaCategory, ParticipationProcessPage
from participation.surveys.models import SurveyPage, SurveyResponse
from volunteering import signup as signups
from volunteering.models import Opportunity, Organisation, Shift, Signup, VolunteerProfile

pytestmark = pytest.mark.django_db

PASSWORD = "Ein-Langes-Passwort-1"


def person(email, **extra):
    user = User.objects.create_user(email, PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def process():
    return ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")


def idea_by(user, process, title):
    return Idea.objects.create(
        process=process, title=title, description="Beschreibung", category=IdeaCategory.objects.first(),
        author=user, author_name=user.display_name, consent_at=timezone.now(), confirmed_at=timezone.now(),
        published=True,
    )


@pytest.fixture
def shift():
    organisation = Organisation.objects.create(name="Tafel Lübeck", slug="tafel-luebeck", auto_confirm=True,
                                               contact_email="info@tafel.example", verified_at=timezone.now())
    opportunity = Opportunity.objects.create(organisation=organisation, title="Lebensmittel ausgeben",
                                             slug="ausgabe", description="Samstags ausgeben.", published=True)
    start = timezone.now() + datetime.timedelta(days=3)
    return Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=3),
                                capacity=1)


@pytest.fixture
def pia(process, shift):
    """A resident with an idea, a comment, a survey answer, a support and a sign-up."""
    pia = person("pia.petersen@example.org", display_name="Pia P.", first_name="Pia", last_name="Petersen")
    idea = idea_by(pia, process, "Bänke an der Obertrave")
    Comment.objects.create(idea=idea, author=pia, author_name="Pia P.", text="Und Schatten bitte!", published=True)
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    SurveyResponse.objects.create(survey=survey, user=pia, answers={"q1": "Mit dem Rad zur Arbeit"},
                                  submitted_at=timezone.now())
    signups.sign_up(shift.pk, pia)
    VolunteerProfile.objects.create(user=pia, phone="0451 123456")
    return pia


@pytest.fixture
def other(process):
    tom = person("tom.mueller@example.org", display_name="Tom M.")
    idea = idea_by(tom, process, "Fremde Idee Holstentor")
    Comment.objects.create(idea=idea, author=tom, author_name="Tom M.", text="Fremder Kommentar", published=True)
    return tom


def request_export(client, capture):
    with capture(execute=True):
        response = client.post("/de/konto/meine-daten/")
    assert response.status_code == 302
    return DataExport.objects.filter(user=User.objects.get(pk=client.session["_auth_user_id"])).get()


def download_link(client):
    html = client.get("/de/konto/").content.decode()
    match = re.search(r'href="(/de/konto/meine-daten/[0-9a-f-]{36}/)"', html)
    return match.group(1) if match else None


def test_my_data_zip_holds_my_contributions_and_nothing_of_anyone_else(
        client, pia, other, django_capture_on_commit_callbacks):
    client.force_login(pia)
    export = request_export(client, django_capture_on_commit_callbacks)
    assert export.status == DataExport.Status.DONE
    assert not export.file.name.startswith(("/", "media")) and "data-exports/" in export.file.name
    assert ["pia.petersen@example.org"] in [m.to for m in mail.outbox]  # "your data is ready"

    link = download_link(client)
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {"README.txt", "account.json", "ideas.json", "comments.json", "survey_responses.json",
            "supports.json", "volunteering_signups.json", "volunteer_profile.json", "consent_records.json"} <= names
    data = {name: json.loads(archive.read(name)) for name in names if name.endswith(".json")}
    assert data["account.json"][0]["email"] == "pia.petersen@example.org"
    assert [idea["title"] for idea in data["ideas.json"]] == ["Bänke an der Obertrave"]
    assert [comment["text"] for comment in data["comments.json"]] == ["Und Schatten bitte!"]
    assert data["survey_responses.json"][0]["answers"] == {"q1": "Mit dem Rad zur Arbeit"}
    assert data["volunteering_signups.json"][0]["opportunity"] == "Lebensmittel ausgeben"
    assert data["volunteer_profile.json"][0]["phone"] == "0451 123456"
    readme = archive.read("README.txt").decode()
    assert "Deutsch" in readme and "English" in readme
    everything = b"".join(archive.read(name) for name in names).decode()
    assert "tom.mueller" not in everything and "Fremde Idee" not in everything and "Fremder" not in everything


def test_download_link_only_for_the_owner_and_for_seven_days(client, pia, other, django_capture_on_commit_callbacks):
    client.force_login(pia)
    request_export(client, django_capture_on_commit_callbacks)
    link = download_link(client)

    stranger = Client()
    stranger.force_login(other)
    assert stranger.get(link).status_code == 404
    assert Client().get(link).status_code == 302  # anonymous: to the login

    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23), tick=False):
        client.force_login(pia)
        assert client.get(link).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1), tick=False):
        client.force_login(pia)
        assert client.get(link).status_code == 410
        assert 'data-export-state="expired"' in client.get("/de/konto/").content.decode()
        assert delete_expired_data_exports() == 1
        assert delete_expired_data_exports() == 0
    assert DataExport.objects.get(user=pia).file.name == ""


def test_a_failed_export_says_so_and_keeps_no_file(client, pia, monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("accounts.personal_data.write_zip", broken)
    client.force_login(pia)
    export = request_export(client, django_capture_on_commit_callbacks)
    assert export.status == DataExport.Status.FAILED and not export.file
    html = client.get("/de/konto/").content.decode()
    assert 'data-export-state="failed"' in html
    assert 'action="/de/konto/meine-daten/"' in html  # can try again


def test_deleting_my_account_anonymises_and_logs_out_everywhere(
        client, pia, shift, django_capture_on_commit_callbacks):
    waiting = person("wartende@example.org")
    assert signups.sign_up(shift.pk, waiting).status == Signup.Status.WAITLISTED
    idea = Idea.objects.get(author=pia)
    laptop, phone = Client(), Client()
    laptop.force_login(pia)
    phone.force_login(pia)

    wrong = laptop.post("/de/konto/loeschen/", {"password": "falsch"})
    assert wrong.status_code == 400
    assert 'role="alert"' in wrong.content.decode() and 'aria-invalid="true"' in wrong.content.decode()
    assert User.objects.get(pk=pia.pk).deleted_at is None

    with django_capture_on_commit_callbacks(execute=True):
        response = laptop.post("/de/konto/loeschen/", {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/de/konto/geloescht/"

    pia.refresh_from_db()
    assert pia.deleted_at and not pia.is_active and not pia.has_usable_password()
    assert pia.email.endswith("@deleted.invalid") and not pia.display_name and not pia.last_name
    assert not User.objects.filter(email="pia.petersen@example.org").exists()
    assert not EmailAddress.objects.filter(user=pia).exists()
    assert not VolunteerProfile.objects.filter(user=pia).exists()
    assert ConsentRecord.objects.filter(email="pia.petersen@example.org").count() == 0
    # Other devices are signed out and the person cannot sign in again.
    assert phone.get("/de/konto/").status_code == 302
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(pia.pk)]
    assert not Client().login(email="pia.petersen@example.org", password=PASSWORD)
    # Contributions stay, without the name.
    page = Client().get(idea.get_absolute_url()).content.decode()
    assert "Bänke an der Obertrave" in page and "Und Schatten bitte!" in page
    assert "gelöschtes Konto" in page or "deleted account" in page
    assert "Pia P." not in page
    # The future sign-up is withdrawn and the place offered to the next person.
    assert Signup.objects.get(volunteer=pia).status == Signup.Status.CANCELLED
    assert Signup.objects.get(volunteer=waiting).status == Signup.Status.OFFERED
    assert [m.to for m in mail.outbox][-2:].count(["pia.petersen@example.org"]) == 1  # the goodbye mail


def report(name, email, description):
    return FeedbackTicket.objects.create(kind=FeedbackTicket.Kind.BARRIER, page="/de/mitmachen/",
                                         description=description, name=name, email=email)


def test_my_barrier_reports_are_in_my_data_and_lose_name_and_address_when_i_delete_my_account(
        client, pia, other, django_capture_on_commit_callbacks):
    mine = report("Pia Petersen", "Pia.Petersen@example.org", "Der Kontrast der Knöpfe ist zu schwach.")
    toms = report("Tom Müller", "tom.mueller@example.org", "Fremde Meldung: Video ohne Untertitel")
    client.force_login(pia)
    request_export(client, django_capture_on_commit_callbacks)
    response = client.get(download_link(client))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    reports = json.loads(archive.read("barrier_reports.json"))
    assert [(r["number"], r["name"], r["description"]) for r in reports] == [
        (mine.number, "Pia Petersen", "Der Kontrast der Knöpfe ist zu schwach.")]
    assert "barrier_reports.json" in archive.read("README.txt").decode()
    assert "Fremde Meldung" not in archive.read("barrier_reports.json").decode()

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/de/konto/loeschen/", {"password": PASSWORD}).status_code == 302
    mine.refresh_from_db()
    # The report still counts for the accessibility statement, but no longer says who sent it.
    assert (mine.name, mine.email, mine.description) == ("", "", "Der Kontrast der Knöpfe ist zu schwach.")
    assert mine.personal_data_deleted_at is not None
    toms.refresh_from_db()
    assert (toms.name, toms.email, toms.personal_data_deleted_at) == ("Tom Müller", "tom.mueller@example.org", None)


def test_an_unconfirmed_address_finds_no_barrier_report(tmp_path):
    """Whoever signs up with someone else's address, without confirming it, gets none of their reports."""
    neighbour = report("Nachbarin", "nachbarin@example.org", "Das Formular lässt sich nicht vorlesen.")
    intruder = User.objects.create_user("nachbarin@example.org", PASSWORD)
    EmailAddress.objects.create(user=intruder, email="nachbarin@example.org", verified=False, primary=True)
    personal_data.write_zip(tmp_path / "data.zip", intruder)
    with zipfile.ZipFile(tmp_path / "data.zip") as archive:
        assert json.loads(archive.read("barrier_reports.json")) == []

    from accounts.deletion import delete_account

    assert delete_account(intruder)
    neighbour.refresh_from_db()
    assert (neighbour.name, neighbour.email) == ("Nachbarin", "nachbarin@example.org")


def test_staff_accounts_are_not_deleted_from_the_account_page(client):
    staff = person("mitarbeiterin@luebeck.example", is_staff=True)
    client.force_login(staff)
    assert client.post("/de/konto/loeschen/", {"password": PASSWORD}).status_code == 200
    staff.refresh_from_db()
    assert staff.deleted_at is None and staff.is_active


def test_signup_records_consent_with_text_version(client, django_capture_on_commit_callbacks):
    data = {"email": "neu.hier@example.org", "password1": "Moisling-Buntekuh-7", "password2": "Moisling-Buntekuh-7"}
    refused = client.post("/de/konto/signup/", data)
    assert refused.status_code == 200
    assert 'id="id_consent-error"' in refused.content.decode()
    assert not User.objects.filter(email="neu.hier@example.org").exists()

    response = client.post("/de/konto/signup/", {**data, "consent": "on"})
    assert response.status_code == 302
    record = ConsentRecord.objects.get(user__email="neu.hier@example.org")
    assert record.purpose == ConsentRecord.Purpose.ACCOUNT and record.text_version == "privacy-2026-11"
    assert record.email == "neu.hier@example.org" and len(record.text_sha256) == 64 and record.text

    user = User.objects.get(email="neu.hier@example.org")
    EmailAddress.objects.filter(user=user).update(verified=True)
    client.force_login(user)
    assert "privacy-2026-11" in client.get("/de/konto/").content.decode()


def test_submitting_an_idea_records_the_consent(client, process, monkeypatch):
    from tests.participation.conftest import PROCESS_URL, idea_data

    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
    resident = person("ideen.geberin@example.org")
    client.force_login(resident)
    assert client.post(PROCESS_URL + "idee/neu/", idea_data()).status_code == 302
    record = ConsentRecord.objects.get(purpose=ConsentRecord.Purpose.IDEA)
    assert (record.user, record.email, record.text_version) == (resident, resident.email, "privacy-2026-11")
    assert record.given_at == Idea.objects.get(author=resident).consent_at


START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_inactive_accounts_are_warned_then_deleted_unless_they_sign_in(django_capture_on_commit_callbacks):
    long_ago = START - datetime.timedelta(days=1100)
    sleeper = person("schlaefer@example.org", display_name="Schläfer")
    returner = person("rueckkehrer@example.org")
    staff = person("amt@luebeck.example", is_staff=True)
    recent = person("aktiv@example.org")
    User.objects.filter(pk__in=[sleeper.pk, returner.pk, staff.pk]).update(last_login=long_ago,
                                                                            date_joined=long_ago)
    User.objects.filter(pk=recent.pk).update(last_login=START - datetime.timedelta(days=10))

    with time_machine.travel(START, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert retire_inactive_accounts() == {"deleted": 0, "warned": 2}
        assert retire_inactive_accounts() == {"deleted": 0, "warned": 0}
    warned = sorted(m.to[0] for m in mail.outbox)
    assert warned == ["rueckkehrer@example.org", "schlaefer@example.org"]

    with time_machine.travel(START + datetime.timedelta(days=5), tick=False):
        assert Client().login(email="rueckkehrer@example.org", password=PASSWORD)

    mail.outbox.clear()
    with time_machine.travel(START + datetime.timedelta(days=31), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        assert retire_inactive_accounts() == {"deleted": 1, "warned": 0}
        assert retire_inactive_accounts() == {"deleted": 0, "warned": 0}
    assert [m.to for m in mail.outbox] == [["schlaefer@example.org"]]  # "your account has been deleted"
    assert User.objects.get(pk=sleeper.pk).deleted_at is not None
    assert not User.objects.filter(email="schlaefer@example.org").exists()
    for kept in (returner, staff, recent):
        kept.refresh_from_db()
        assert kept.deleted_at is None and kept.is_active


def test_guessing_the_password_on_the_delete_page_stops_after_five_tries(client, pia):
    """Someone at an open session cannot try passwords until one deletes the account."""
    client.force_login(pia)
    for _attempt in range(5):
        assert client.post("/de/konto/loeschen/", {"password": "geraten"}).status_code == 400
    locked = client.post("/de/konto/loeschen/", {"password": PASSWORD})
    assert locked.status_code == 429 and 'role="alert"' in locked.content.decode()
    pia.refresh_from_db()
    assert not pia.is_deleted and pia.is_active
