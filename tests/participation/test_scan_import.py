"""Scanned stacks end to end: upload, one task per page, review by keyboard-sized requests, responses
counted once, nothing lost, imports safe to repeat, scans deleted after the retention time."""

import datetime
import io
import os

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageSequence

from participation.paper.models import ReviewTask, ScanAudit, ScanImport, ScanPage, Sheet
from participation.paper.scan_import import resolve
from participation.paper.tasks import import_scan, read_scan_page
from participation.surveys.models import SurveyResponse
from participation.surveys.questions import all_questions
from tests.participation.scan_helpers import filled_stack

pytestmark = pytest.mark.django_db


def upload(client, data, name, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/de/papiererfassung/scans/", {"file": SimpleUploadedFile(name, data, "image/tiff")})


def accounted(scan_import):
    """Every page is counted, a duplicate, a blank back, entered by hand, or has an open task: none is lost."""
    from participation.paper.scan_import import lost_pages

    assert lost_pages(scan_import.pages.all()) == []
    return scan_import.pages.count()


def consented(truth, serial):
    return any(ticked.get("box-consent") for (s, _page), (ticked, _written) in truth.items() if s == serial)


def clear_queue(user):
    """A reviewer accepts what the machine read and counts sheets whose consent tick is on the paper."""
    for _round in range(10):
        tasks = list(ReviewTask.objects.filter(status="open"))
        if not tasks:
            return
        for task in tasks:
            extra = {"action": "count" if task.reason == "no_consent" else "manual"} if task.kind == "page" else {}
            resolve(task, user, {"ticked": [a for a, s in task.machine.items() if s == "ticked"], "value": "Ja",
                                 **extra})


def test_a_stack_is_read_reviewed_and_counted_once(client, survey, analyst, django_capture_on_commit_callbacks):
    data, truth, version = filled_stack(survey, 5)
    client.force_login(analyst)
    response = upload(client, data, "stapel-1.tif", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    scan_import = ScanImport.objects.get()
    assert scan_import.status == "done" and scan_import.page_count == 5 * version.page_count
    assert scan_import.pages_read == scan_import.page_count
    assert client.get(f"/de/papiererfassung/scans/{scan_import.pk}/status/").json()["percent"] == 100
    assert accounted(scan_import) == 5 * version.page_count

    again = upload(client, data, "nochmal.tif", django_capture_on_commit_callbacks)
    assert again.status_code == 200 and "bereits" in again.content.decode()
    assert ScanImport.objects.count() == 1

    # Clear the queue the way the screens do: tick boxes as on the paper, type the handwriting.
    queue = client.post("/de/papiererfassung/pruefen/", {"kind": ""})
    rounds = 0
    while queue.status_code == 302 and not queue["Location"].endswith("/pruefen/") and rounds < 200:
        rounds += 1
        location = queue["Location"]
        if "/text/" in location:
            html = client.get(location).content.decode()
            tasks = ReviewTask.objects.filter(status="open", kind="text", locked_by=analyst)
            assert all(f'name="value-{t.pk}"' in html for t in tasks)
            queue = client.post(location, {f"value-{t.pk}": "Mehr Bänke bitte" for t in tasks})
        else:
            task = ReviewTask.objects.get(pk=int(location.rstrip("/").split("/")[-1]))
            assert client.get(location).status_code == 200
            image = client.get(f"{location}bild/")
            assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
            if task.kind == "page":  # a sheet without the consent tick is set aside, never counted silently
                assert task.reason == "no_consent" and not consented(truth, task.page.serial)
                queue = client.post(location, {"action": "discard"})
                continue
            sheet_truth = truth[(task.page.serial, task.page.page_number)][0]
            queue = client.post(location, {"ticked": [a for a in task.machine if sheet_truth.get(a)]})
    assert not ReviewTask.objects.filter(status="open").exists()
    counted = SurveyResponse.objects.filter(channel="paper", capture_method__startswith="scan")
    with_consent = {serial for (serial, _page) in truth if consented(truth, serial)}
    assert set(counted.values_list("paper_sheet", flat=True)) == with_consent
    assert all(r.submitted_at for r in counted)
    assert ScanAudit.objects.filter(action="viewed", user=analyst).exists()

    # What was counted is what was on the paper.
    single = next(q for q in all_questions(survey) if q.kind == "single")
    for response in counted:
        ticked = [a for a, on in truth[(response.paper_sheet, 1)][0].items() if on and a.startswith(f"box-{single.id}")]
        expected = ticked[0][len(f"box-{single.id}-"):] if len(ticked) == 1 else None
        got = response.answers.get(single.id)
        assert (got["choice"] if isinstance(got, dict) else got) == expected
    html = client.get(survey.url + "ergebnisse/").content.decode()
    assert f'data-channel="paper">{len(with_consent)}<' in html
    assert accounted(scan_import) == 5 * version.page_count
    listed = client.get("/de/papiererfassung/scans/").content.decode()
    assert f"data-counted>{len(with_consent) * version.page_count}<" in listed and "data-open>0<" in listed


def test_a_page_read_twice_and_a_sheet_scanned_twice_count_once(client, survey, analyst,
                                                                 django_capture_on_commit_callbacks):
    data, _truth, version = filled_stack(survey, 2, seed=9)
    client.force_login(analyst)
    upload(client, data, "stapel-a.tif", django_capture_on_commit_callbacks)
    first = ScanImport.objects.get()
    for page in first.pages.all():  # a worker that died and was retried
        read_scan_page(page.pk)
    import_scan(first.pk)
    assert first.pages.count() == 2 * version.page_count
    clear_queue(analyst)
    responses = SurveyResponse.objects.filter(channel="paper").count()
    assert responses == 2
    # The same sheets scanned again (another file): duplicates, never counted twice.
    with Image.open(io.BytesIO(data)) as stack:
        frames = [frame.copy().rotate(180) for frame in ImageSequence.Iterator(stack)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    upload(client, buffer.getvalue(), "stapel-b.tif", django_capture_on_commit_callbacks)
    second = ScanImport.objects.exclude(pk=first.pk).get()
    assert SurveyResponse.objects.filter(channel="paper").count() == responses
    assert set(second.pages.values_list("status", flat=True)) == {ScanPage.Status.DUPLICATE}
    # Set aside when read: nobody reviews a copy; the import list counts them.
    assert not ReviewTask.objects.filter(page__scan_import=second).exists()
    assert accounted(second) == 2 * version.page_count
    html = client.get("/de/papiererfassung/scans/").content.decode()
    assert f'data-duplicates>{second.pages.count()}<' in html


def test_bad_uploads_get_a_clear_error(client, analyst, resident):
    client.force_login(analyst)
    for name, data in [("brief.tif", b"GIF89a not a scan"), ("kaputt.jpg", b"\xff\xd8\xff\xe0 broken")]:
        response = client.post("/de/papiererfassung/scans/", {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 200 and name in response.content.decode()
        assert 'id="form-errors"' in response.content.decode()
    assert not ScanImport.objects.exists()
    client.force_login(resident)
    assert client.get("/de/papiererfassung/scans/").status_code == 403
    assert client.get("/de/papiererfassung/pruefen/").status_code == 403


def test_scans_are_deleted_after_the_retention_time_and_the_answers_stay(client, survey, analyst, settings,
                                                                         django_capture_on_commit_callbacks):
    from participation.paper.scan_import import delete_settled_scans

    data, _truth, _version = filled_stack(survey, 1, seed=11)
    client.force_login(analyst)
    upload(client, data, "stapel-r.tif", django_capture_on_commit_callbacks)
    scan_import = ScanImport.objects.get()
    clear_queue(analyst)  # settle everything
    paths = [p.image.path for p in scan_import.pages.all()] + [scan_import.file.path]
    settings.SCAN_RETENTION_DAYS = 30
    assert delete_settled_scans(timezone.now() + datetime.timedelta(days=29)) == 0
    assert delete_settled_scans(timezone.now() + datetime.timedelta(days=31)) == 1
    assert not any(os.path.exists(path) for path in paths)
    scan_import.refresh_from_db()
    assert scan_import.files_deleted_at and SurveyResponse.objects.filter(channel="paper").count() == 1
    assert not Sheet.objects.exclude(scan="").exists()



def test_a_scanned_idea_form_becomes_a_paper_idea_for_the_moderators(client, analyst, process,
                                                                      django_capture_on_commit_callbacks):
    from participation.ideas.models import Follower, Idea
    from participation.paper.models import PrintBatch
    from participation.paper.tasks import render_print_batch
    from tooling.scans.synth import _handwriting, _mark, decode, degrade, render

    batch = PrintBatch.objects.create(process=process, count=2)
    render_print_batch(batch.pk)
    batch.refresh_from_db()
    version = batch.form_version
    rng = np.random.default_rng(3)
    px = 200 / 25.4
    with batch.file.open("rb") as handle:
        pdf = handle.read()
    frames = []
    for sheet_index in range(2):
        # The 1st sheet asks to be kept informed (by post); the 2nd has no consent.
        marks = ["box-category-mobilitaet"] + (["box-consent", "box-follow"] if sheet_index == 0 else [])
        for number in range(1, version.page_count + 1):
            layout = version.layout[f"page-{number}"]
            image = render(pdf, sheet_index * version.page_count + number - 1, 200)
            for anchor in marks:
                if anchor in layout:
                    _mark(image, layout[anchor], px, rng, harsh=False)
            for anchor in ("box-title-text", "box-description-text") + (("box-follow_address-text",)
                                                                         if sheet_index == 0 else ()):
                if anchor in layout:
                    _handwriting(image, layout[anchor], px, rng)
            frames.append(Image.fromarray(decode(degrade(image, 200, rng, harsh=False)[0])))
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    client.force_login(analyst)
    upload(client, buffer.getvalue(), "ideen.tif", django_capture_on_commit_callbacks)

    for field, value in (("title", "Fahrradbügel am Bahnhof"), ("description", "Es fehlen Abstellplätze.")):
        tasks = ReviewTask.objects.filter(kind="text", question_id=field, status="open")
        assert tasks.count() == 2
        html = client.get(f"/de/papiererfassung/pruefen/text/{field}/").content.decode()
        assert "Titel Ihrer Idee" in html or "Ihre Idee" in html
        client.post(f"/de/papiererfassung/pruefen/text/{field}/", {f"value-{t.pk}": value for t in tasks})
    address, = ReviewTask.objects.filter(kind="text", question_id="follow_address", status="open")
    html = client.get("/de/papiererfassung/pruefen/text/follow_address/").content.decode()
    assert "Adresse für Neuigkeiten zum Verfahren" in html
    client.post("/de/papiererfassung/pruefen/text/follow_address/",
                {f"value-{address.pk}": "Jan Muster, Breite Straße 1, 23552 Lübeck"})
    idea = Idea.objects.get(title="Fahrradbügel am Bahnhof")
    follower = Follower.objects.get(process=process)  # the tick made the writer a follower, by post
    assert follower.postal_address == "Jan Muster, Breite Straße 1, 23552 Lübeck" and follower.channel == "paper"
    assert idea.channel == "paper" and not idea.published and idea.category.slug == "mobilitaet"
    assert idea.entered_by == analyst and idea.sheet.batch == batch
    waiting = ReviewTask.objects.get(status="open")
    assert waiting.reason == "no_consent"  # no consent ticked: a person decides, nothing is published
    assert Idea.objects.filter(channel="paper", title="Fahrradbügel am Bahnhof").count() == 1
