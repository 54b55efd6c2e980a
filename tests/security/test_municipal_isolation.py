"""Isolation between municipalities (issue 26): two municipalities, each with an idea call, an idea and a comment, a
survey with a response, a printed sheet and a scan import waiting in review; their staff in every role try every
staff address and list of the other one. Nothing of the other municipality may be read or changed; their own
always works (the positive control, so that a 404 everywhere cannot pass); the region's staff reach both.
The volunteering side has its own matrix (tests/volunteering/test_region_scope.py)."""

import datetime
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from accessibility.models import FeedbackTicket
from accounts import roles
from core import municipalities
from participation.ideas.models import Comment, Idea, IdeaCategory, ParticipationProcessPage, Phase
from participation.paper.models import PrintBatch, ReviewTask, ScanImport, ScanPage, Sheet
from participation.surveys.models import SurveyPage, SurveyResponse

pytestmark = pytest.mark.django_db

TOWNS = {"schwartau": ("Bad Schwartau", "bad-schwartau.localhost"), "wismar": ("Hansestadt Wismar", "wismar.localhost")}
ROLES = {"moderator": roles.MODERATORS, "analyst": roles.ANALYSTS, "editor": roles.EDITORS,
         "coordinator": roles.VOLUNTEER_COORDINATORS}


def _town(key, serial):
    name, host = TOWNS[key]
    town = municipalities.create(name, host, slug=key)
    home = town.site.root_page
    now = timezone.now()
    process = ParticipationProcessPage(title=f"Ideen {key}", slug=f"ideen-{key}")
    process.phases = [Phase(kind=Phase.Kind.COLLECT, starts_at=now - datetime.timedelta(days=5),
                            ends_at=now + datetime.timedelta(days=30))]
    home.add_child(instance=process)
    process.save_revision().publish()
    idea = Idea.objects.create(process=process, title=f"Idee {key}", description="Text", consent_at=now,
                               category=IdeaCategory.objects.first(),
                               confirmed_at=now, contact_email=f"{key}@example.org", published=True)
    comment = Comment.objects.create(idea=idea, text=f"Kommentar {key}", author_name="Rita", published=True)
    common = {"help_text": "", "required": False, "show_if_question": "", "show_if_answer": ""}
    survey = SurveyPage(title=f"Umfrage {key}", slug=f"umfrage-{key}", audience=SurveyPage.Audience.ANYONE,
                        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=20),
                        questions=[("section", {"title": "Teil 1", "intro": "", "show_if_question": "",
                                                "show_if_answer": "", "questions": [
                                                    ("yesno", {"text": "Frage?", "key": "frage", **common})]})])
    home.add_child(instance=survey)
    survey.save_revision().publish()
    SurveyResponse.objects.create(survey=survey, answers={}, submitted_at=now)
    sheet = Sheet.objects.create(batch=PrintBatch.objects.create(survey=survey, count=1), serial=serial)
    scan = ScanImport.objects.create(original_name=f"stapel-{key}.tif", sha256=uuid.uuid4().hex * 2,
                                     status=ScanImport.Status.DONE, page_count=1, pages_read=1, site=town.site)
    page = ScanPage(scan_import=scan, index=0, status=ScanPage.Status.UNIDENTIFIED)
    page.image.save(f"{key}.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    page.save()
    task = ReviewTask.objects.create(page=page, kind=ReviewTask.Kind.PAGE, reason="unknown_sheet")
    report = FeedbackTicket.objects.create(description=f"Stufe am Eingang {key}", site=town.site)
    return {"town": town, "report": report, "process": process, "idea": idea, "comment": comment, "survey": survey,
            "sheet": sheet, "scan": scan, "task": task, "host": host}


@pytest.fixture
def towns(demo_site):
    return {"schwartau": _town("schwartau", "910001"), "wismar": _town("wismar", "910002")}


def staff(key, role, django_user_model):
    """A client signed in as `role` of municipality `key` (its group "Name: Rolle"), or of the region (key None)."""
    user = django_user_model.objects.create_user(f"{role}.{key}@iso.example", "Isoliert-geprueft-2026")
    group = ROLES[role] if key is None else f"{TOWNS[key][0]}: {ROLES[role]}"
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def addresses(t):
    """(role that works with it, address, host, text that only this municipality's page shows or None)."""
    return [
        ("moderator", "/admin/ideas/", None, t["idea"].title),
        ("moderator", f"/admin/ideas/edit/{t['idea'].pk}/", None, None),
        ("moderator", f"/admin/ideas/inspect/{t['idea'].pk}/", None, None),
        ("moderator", f"/admin/ideas/history/{t['idea'].pk}/", None, None),
        ("moderator", "/admin/idea_comments/", None, t["comment"].text),
        ("moderator", f"/admin/idea_comments/edit/{t['comment'].pk}/", None, None),
        ("moderator", f"/admin/processes/{t['process'].pk}/write/", None, None),
        ("moderator", f"/admin/processes/{t['process'].pk}/followers/add/", None, None),
        ("moderator", f"/admin/surveys/{t['survey'].pk}/write/", None, None),
        ("moderator", "/admin/write-to-participants/", None, t["survey"].title),
        ("moderator", "/admin/barrier-reports/", None, t["report"].number),
        ("moderator", f"/admin/barrier-reports/edit/{t['report'].pk}/", None, None),
        ("analyst", "/admin/dashboards/", None, t["process"].title),
        ("analyst", "/admin/dashboards/", None, t["survey"].title),
        ("analyst", f"/admin/dashboards/process/{t['process'].pk}/", None, None),
        ("analyst", f"/admin/dashboards/survey/{t['survey'].pk}/", None, None),
        ("analyst", "/admin/exports/?dataset=survey_responses", None, t["survey"].title),
        ("analyst", "/admin/exports/?dataset=ideas", None, t["process"].title),
        ("analyst", "/de/" + t["survey"].slug + "/ergebnisse/", t["host"], None),
        ("analyst", "/de/papiererfassung/", None, t["survey"].title),
        ("analyst", "/de/papiererfassung/scans/", t["host"], t["scan"].original_name),
        ("analyst", f"/de/papiererfassung/scans/{t['scan'].pk}/status/", t["host"], None),
        ("analyst", f"/de/papiererfassung/pruefen/{t['task'].pk}/", t["host"], None),
        ("editor", f"/admin/pages/{t['survey'].pk}/edit/", None, None),
        ("editor", f"/admin/paper/{t['survey'].pk}/sheets/", None, None),
        ("editor", f"/admin/surveys/{t['survey'].pk}/codes/", None, None),
    ]


def reached(client, address, host, text):
    response = client.get(address, HTTP_HOST=host or "testserver")
    if text is not None:
        return response.status_code == 200 and text in response.content.decode()
    return 200 <= response.status_code < 300


def test_no_municipality_reads_the_others_and_each_reaches_its_own(towns, django_user_model):
    clients = {(key, role): staff(key, role, django_user_model) for key in TOWNS for role in ROLES}
    region = {role: staff(None, role, django_user_model) for role in ROLES}
    wrong = []
    for own, other in (("schwartau", "wismar"), ("wismar", "schwartau")):
        for _role, address, host, text in addresses(towns[other]):
            for any_role in ROLES:  # no role of one municipality reaches the other's
                if reached(clients[(own, any_role)], address, host, text):
                    wrong.append(f"{own} {any_role} reached {other}'s {address} {text or ''}")
        for role, address, host, text in addresses(towns[own]):
            if not reached(clients[(own, role)], address, host, text):
                wrong.append(f"{own} {role} did not reach its own {address} {text or ''}")
            if not reached(region[role], address, host, text):
                wrong.append(f"the region's {role} did not reach {own}'s {address} {text or ''}")
    assert wrong == [], "\n".join(wrong)


def test_nothing_of_the_other_municipality_can_be_changed(towns, django_user_model):
    moderator = staff("wismar", "moderator", django_user_model)
    idea = towns["schwartau"]["idea"]
    response = moderator.post(f"/admin/ideas/edit/{idea.pk}/", {"status": "rejected", "status_note": "Nein",
                                                                "published": "", "title": "Übernommen",
                                                                "description": "x"})
    assert response.status_code == 404
    moderator.post(f"/admin/bulk/ideas/idea/hide_ideas/?next=/admin/ideas/&id={idea.pk}", {})
    moderator.post(f"/admin/idea_comments/edit/{towns['schwartau']['comment'].pk}/", {"hidden": "on"})
    idea.refresh_from_db()
    assert (idea.title, idea.published, idea.hidden) == ("Idee schwartau", True, False)
    assert Comment.objects.get(pk=towns["schwartau"]["comment"].pk).hidden is False
    # The same bulk action on its own idea works: the refusal above is the municipality, not the form.
    own = towns["wismar"]["idea"]
    moderator.post(f"/admin/bulk/ideas/idea/hide_ideas/?next=/admin/ideas/&id={own.pk}", {})
    own.refresh_from_db()
    assert own.hidden is True


def test_paper_of_the_other_municipality_is_refused_with_a_clear_message(towns, django_user_model):
    analyst = staff("wismar", "analyst", django_user_model)
    response = analyst.get("/de/papiererfassung/", {"serial": "910001"})
    assert "gehört zu Bad Schwartau („Umfrage schwartau“)" in response.content.decode()
    response = analyst.get("/de/papiererfassung/910001/", follow=True)
    assert "gehört zu Bad Schwartau" in response.content.decode()
    assert analyst.get("/de/papiererfassung/910002/").status_code == 200  # its own sheet opens
    # A stack uploaded at another municipality's site would count there: refused.
    assert analyst.get("/de/papiererfassung/scans/", HTTP_HOST="bad-schwartau.localhost").status_code == 403
    task = towns["schwartau"]["task"]
    analyst.post("/de/papiererfassung/pruefen/", {"kind": "page"}, HTTP_HOST="wismar.localhost")
    task.refresh_from_db()
    assert task.locked_by_id is None  # the queue hands out its own municipality's tasks only
    assert ReviewTask.objects.get(pk=towns["wismar"]["task"].pk).locked_by_id is not None


def test_exports_of_one_municipality_cannot_reach_the_others_rows(towns, django_user_model):
    analyst = staff("wismar", "analyst", django_user_model)
    other = towns["schwartau"]["survey"]
    response = analyst.post("/admin/exports/", {"dataset": "survey_responses", "source": other.pk, "format": "csv",
                                                "headings": "labels"})
    assert response.status_code == 200 and "text/csv" not in response["Content-Type"]
    response = analyst.post("/admin/exports/", {"dataset": "ideas", "source": "", "format": "csv",
                                                "headings": "labels"})
    assert "text/csv" not in response["Content-Type"]  # "all processes" is not offered to one municipality
    response = analyst.post("/admin/exports/", {"dataset": "ideas", "source": towns["wismar"]["process"].pk,
                                                "format": "csv", "headings": "labels"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Idee wismar" in body and "Idee schwartau" not in body


def test_open_data_of_a_municipality_is_published_in_its_name(towns):
    from core import exports, opendata

    town = towns["wismar"]["town"]
    town.official_key, town.contact_email = "13074087", "smart@wismar.example"
    town.save()
    dataset = exports.get_dataset("survey_responses")
    wismar = opendata.metadata(dataset, {"source": towns["wismar"]["survey"].pk}, "umfrage.csv", 10, None, None,
                               timezone.now())
    assert wismar["dct:publisher"]["foaf:name"] == "Hansestadt Wismar"
    assert wismar["dcat:contactPoint"]["vcard:hasEmail"]["@id"] == "mailto:smart@wismar.example"
    assert wismar["dcatde:politicalGeocodingURI"]["@id"].endswith("/municipalityKey/13074087")
    assert wismar["dcat:contactPoint"]["vcard:hasURL"]["@id"].startswith("http://wismar.localhost")
    demo = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    lubeck = opendata.metadata(dataset, {"source": demo.pk}, "umfrage.csv", 10, None, None, timezone.now())
    assert lubeck["dct:publisher"]["foaf:name"] == "Hansestadt Lübeck"
    assert lubeck["dcatde:politicalGeocodingURI"]["@id"].endswith("/districtKey/01003")
