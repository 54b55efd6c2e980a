"""No sheet lost, ever: blank backs, duplicates caught when read, late pages, review resolutions, survey
consent, the receipt slip that needs no page, uploads from a phone, and random interleavings of all of it
(hypothesis) with the invariant checked after every step.

The reader itself is replaced by prepared readings (the reader has its own tests): each stored page is a
tiny image whose height says which prepared reading it stands for."""

import io
import uuid

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from participation.paper import scan_blank, scan_import, scanning
from participation.paper.models import PrintBatch, ReviewTask, ScanImport, ScanPage, Sheet
from participation.paper.printing import master, print_sheet
from participation.paper.scan_import import lost_pages, resolve
from participation.paper.tasks import _next_serials, read_scan_page
from participation.surveys.models import SurveyResponse

pytestmark = pytest.mark.django_db


# Blank backs (pure)


def rendered_page(pdf, index=0, dpi=200):
    bitmap = pdfium.PdfDocument(pdf)[index].render(scale=dpi / 72, grayscale=True).to_numpy()
    return np.ascontiguousarray(bitmap[..., 0] if bitmap.ndim == 3 else bitmap)


def show_through(front, strength=0.14, paper=238, seed=1):
    """The back of a duplex scan: grey-ish paper, the front mirrored, blurred and faint, scanner noise."""
    rng = np.random.default_rng(seed)
    ink = (255 - cv2.GaussianBlur(front, (0, 0), 2.0).astype(np.float32)) / 255
    back = paper * (1 - strength * ink[:, ::-1])
    back += np.linspace(-6, 6, back.shape[1])[None, :]  # uneven light across the bed
    back += rng.normal(0, 2.5, back.shape)
    return np.clip(back, 0, 255).astype(np.uint8)


def test_a_blank_back_with_mirrored_show_through_is_blank_and_a_nearly_empty_real_page_is_not(survey):
    pdf, _version, _refused = print_sheet(survey, serial="")
    front = rendered_page(pdf)
    back = show_through(front)
    assert scan_blank.is_blank(back)
    assert scan_blank.is_blank(show_through(front, strength=0.2, paper=215, seed=2))  # recycled paper
    assert not scan_blank.is_blank(front)
    # A real page with hardly anything on it: its corner marks and a faint code, on the same grey paper.
    nearly_empty = np.full_like(front, 236)
    marks = front < 80
    corners = np.zeros_like(marks)
    for y, x in ((0, 0), (0, 1), (1, 0), (1, 1)):  # only the four corner regions of the printed page
        h, w = front.shape[0] // 8, front.shape[1] // 8
        ys = slice(y * (front.shape[0] - h), y * (front.shape[0] - h) + h)
        xs = slice(x * (front.shape[1] - w), x * (front.shape[1] - w) + w)
        corners[ys, xs] = marks[ys, xs]
    nearly_empty[corners] = 120  # printed at half contrast (an ageing toner)
    assert not scan_blank.is_blank(nearly_empty)
    for contrast in (0.45, 0.2):  # the whole page printed faintly, its code the right way round
        faint = (255 - (255 - front.astype(np.float32)) * contrast).astype(np.uint8)
        assert not scan_blank.is_blank(faint)
        assert not scan_blank.is_blank(np.ascontiguousarray(faint[::-1, ::-1]))  # fed upside down
    assert scan_blank.is_blank(np.full_like(front, 240))  # plain empty paper


def test_a_faint_real_page_goes_to_a_person_and_a_blank_back_is_set_aside(survey, analyst, client):
    pdf, _version, _refused = print_sheet(survey, serial="")
    front = rendered_page(pdf)
    faint = (255 - (255 - front.astype(np.float32)) * 0.25).astype(np.uint8)  # faint print
    px = 200 / 25.4
    faint[int(8 * px):int(45 * px), -int(45 * px):] = 255  # and its code torn off: nothing to decode
    scan = ScanImport.objects.create(original_name="duplex.tif", sha256=uuid.uuid4().hex * 2, uploaded_by=analyst,
                                     status=ScanImport.Status.READING)
    for index, array in enumerate((show_through(front), faint)):
        page = ScanPage(scan_import=scan, index=index)
        page.image.save(f"p{index}.jpg", ContentFile(scan_import._jpeg(array)), save=False)
        page.save()
    for page in scan.pages.all():
        read_scan_page(page.pk)
    blank, real = scan.pages.order_by("index")
    assert blank.status == ScanPage.Status.BLANK and not blank.tasks.exists()
    assert real.status == ScanPage.Status.UNIDENTIFIED and real.tasks.filter(status="open").exists()
    assert lost_pages(scan.pages.all()) == []
    client.force_login(analyst)
    html = client.get("/de/papiererfassung/scans/").content.decode()
    assert "data-blanks>1<" in html


# Prepared readings


class Reader:
    """Stands in for scanning.read_page and scan_blank.is_blank: page images are 8 px wide and 8 + k px
    high, k the index of the prepared reading ("blank" for a blank back)."""

    def __init__(self, monkeypatch):
        self.readings = []
        monkeypatch.setattr(scanning, "read_page", self.read_page)
        monkeypatch.setattr(scan_blank, "is_blank", lambda gray: self.readings[gray.shape[0] - 8] == "blank")

    def read_page(self, gray, layout_for, printed_for=None):
        return self.readings[gray.shape[0] - 8]

    def image(self, reading):
        self.readings.append(reading)
        buffer = io.BytesIO()
        Image.new("L", (8, 8 + len(self.readings) - 1), 255).save(buffer, format="PNG")
        return buffer.getvalue()


def reading_of(version, serial, number, *, review=False, consent=True, quality=()):
    layout = version.layout[f"page-{number}"]
    boxes = {}
    for anchor, rect in layout.items():
        if anchor.startswith("box-") and not anchor.endswith("-text") and 4 <= rect[2] - rect[0] <= 8:
            boxes[anchor] = {"state": "empty", "core": 0.0, "ring": 0.0}
    if "box-consent" in boxes and consent:
        boxes["box-consent"] = {"state": "ticked", "core": 0.3, "ring": 0.0}
    if review:
        from participation.surveys.questions import all_questions

        kinds = {q.id: q.kind for q in all_questions(version.survey)}
        anchor = next(a for a in boxes if kinds.get(scanning.group_of(a)[:36]) in ("single", "multiple", "yesno"))
        boxes[anchor] = {"state": "uncertain", "core": 0.03, "ring": 0.0}
    reading = scanning.PageReading("identified", version=version.pk, serial=serial, page=number, marks_found=4,
                                   boxes=boxes)
    if quality:  # as the reader reports a 1-bit page without one definite mark: pencil may be erased
        reading.quality, reading.unreliable, reading.rescan = list(quality), True, "bilevel" in quality
        for box in boxes.values():
            box["state"] = "uncertain"
    return reading


@pytest.fixture
def form(survey, monkeypatch):
    """The survey's form version with numbered sheets; the printed mask is not needed by prepared readings."""
    _pdf, version, _refused = master(survey)
    real = scan_import.version_data

    def cheap(version_id):
        from participation.paper.models import FormVersion

        found = FormVersion.objects.select_related("survey", "process").filter(pk=version_id).first()
        if found is None:
            return real(version_id)
        layouts = {n + 1: found.layout.get(f"page-{n + 1}") for n in range(found.page_count)}
        from participation.surveys.questions import all_questions

        return {"layouts": layouts, "masks": {}, "kinds": {q.id: q.kind for q in all_questions(found.survey)},
                "version": found}

    monkeypatch.setattr(scan_import, "version_data", cheap)
    return version


def new_sheets(survey, count):
    batch = PrintBatch.objects.create(survey=survey, count=count)
    return [Sheet.objects.create(batch=batch, serial=serial).serial for serial in _next_serials(count)]


def new_import(reader, user, readings, group=None):
    scan = ScanImport.objects.create(original_name=f"{uuid.uuid4().hex[:8]}.tif", sha256=uuid.uuid4().hex * 2,
                                     uploaded_by=user, status=ScanImport.Status.READING, page_count=len(readings),
                                     upload_group=group)
    for index, reading in enumerate(readings):
        page = ScanPage(scan_import=scan, index=index)
        page.image.save(f"{scan.pk}-{index}.png", ContentFile(reader.image(reading)), save=False)
        page.save()
    return scan


def read_all(scan):
    for page in scan.pages.order_by("index"):
        read_scan_page(page.pk)


def accept(task, user):
    """What a reviewer does: accept the machine's boxes, or (page task) say the consent tick is there."""
    if task.kind == ReviewTask.Kind.PAGE:
        return resolve(task, user, {"action": "count" if task.reason == "no_consent" else "manual"})
    return resolve(task, user, {"ticked": [a for a, s in task.machine.items() if s == "ticked"]})


def test_a_missing_page_gets_a_task_that_the_late_page_closes(survey, analyst, form, monkeypatch):
    reader = Reader(monkeypatch)
    serial, = new_sheets(survey, 1)
    first = new_import(reader, analyst, [reading_of(form, serial, 1)])
    read_all(first)
    task = ReviewTask.objects.get(status="open")
    assert task.reason == "incomplete" and lost_pages() == []
    late = new_import(reader, analyst, [reading_of(form, serial, 2)])
    read_all(late)
    task.refresh_from_db()
    assert task.status == "done" and task.result["action"] == "late_page"
    assert SurveyResponse.objects.filter(paper_sheet=serial).count() == 1
    assert set(ScanPage.objects.values_list("status", flat=True)) == {ScanPage.Status.COUNTED}


def test_a_sheet_printed_at_home_photographed_page_by_page_is_counted_once(survey, analyst, form, monkeypatch):
    """Two photos of one home-printed sheet (no serial) uploaded together, page 2 read before page 1 (two
    workers): the pages are joined into one run and counted once; a second sheet's photos start their own."""
    reader = Reader(monkeypatch)
    group = uuid.uuid4()
    photos = [new_import(reader, analyst, [reading_of(form, "", number)], group=group) for number in (1, 2, 1, 2)]
    for photo in (photos[1], photos[0], photos[3], photos[2]):
        read_all(photo)
        assert lost_pages() == []
    for photo in photos:
        scan_import.finish_import(photo)
    assert SurveyResponse.objects.filter(channel="paper").count() == 2
    assert not ReviewTask.objects.filter(status="open").exists()
    assert set(ScanPage.objects.values_list("status", flat=True)) == {ScanPage.Status.COUNTED}


def test_a_sheet_whose_other_page_was_reviewed_is_counted_or_gets_its_task(survey, analyst, form, monkeypatch):
    reader = Reader(monkeypatch)
    complete, partial = new_sheets(survey, 2)
    scan = new_import(reader, analyst, [reading_of(form, complete, 1, review=True), reading_of(form, complete, 2),
                                        reading_of(form, partial, 2, review=True)])
    read_all(scan)
    assert set(ReviewTask.objects.filter(status="open").values_list("reason", flat=True)) == {"uncertain"}
    for task in ReviewTask.objects.filter(status="open"):
        accept(task, analyst)
        assert lost_pages() == []
    assert SurveyResponse.objects.filter(paper_sheet=complete).count() == 1
    assert ReviewTask.objects.get(status="open").reason == "incomplete"  # raised after the review, not lost


def test_a_survey_sheet_without_consent_is_not_counted_silently(survey, analyst, form, monkeypatch, client):
    reader = Reader(monkeypatch)
    serial, = new_sheets(survey, 1)
    scan = new_import(reader, analyst, [reading_of(form, serial, 1), reading_of(form, serial, 2, consent=False)])
    read_all(scan)
    task = ReviewTask.objects.get(status="open")
    assert task.reason == "no_consent" and "box-consent" in task.page.boxes
    assert not SurveyResponse.objects.filter(paper_sheet=serial).exists()
    client.force_login(analyst)
    html = client.get(f"/de/papiererfassung/pruefen/{task.pk}/").content.decode()
    assert 'value="count"' in html
    client.post(f"/de/papiererfassung/pruefen/{task.pk}/", {"action": "discard"})
    assert not SurveyResponse.objects.filter(paper_sheet=serial).exists()
    assert set(scan.pages.values_list("status", flat=True)) == {ScanPage.Status.DUPLICATE}  # both set aside
    assert lost_pages() == []


def test_a_1bit_page_without_a_sure_mark_asks_for_a_rescan_that_then_replaces_it(
        survey, analyst, form, monkeypatch, client):
    """Nobody can see an erased pencil tick in a 1-bit picture: instead of one box question after another
    (where a reviewer would confirm lost ticks as empty) the page asks for a grey rescan or the paper. The
    grey rescan takes the first copy's place and is counted; the first copy is not counted twice."""
    reader = Reader(monkeypatch)
    serial, = new_sheets(survey, 1)
    scan = new_import(reader, analyst, [reading_of(form, serial, 1, quality=["bilevel"]), reading_of(form, serial, 2)])
    read_all(scan)
    first = scan.pages.get(index=0)
    assert first.quality == ["bilevel"] and first.status == ScanPage.Status.REVIEW
    task = first.tasks.get()
    assert (task.kind, task.reason) == ("page", "rescan")
    client.force_login(analyst)
    html = client.get("/de/papiererfassung/scans/").content.decode()
    assert "data-quality" in html and "1-bit" in html.lower()
    assert "data-open>1<" in html and "data-counted>0<" in html
    status = client.get(f"/de/papiererfassung/scans/{scan.pk}/status/").json()
    assert status["cells"] == {"counted": 0, "open": 1, "duplicates": 0, "blanks": 0, "manual": 0}
    html = client.get(f"/de/papiererfassung/pruefen/{task.pk}/").content.decode()
    assert "Graustufen" in html and 'value="count"' in html and 'value="manual"' in html

    grey = reading_of(form, serial, 1)
    ticked = next(a for a, box in grey.boxes.items() if a != "box-consent")
    grey.boxes[ticked] = {"state": "ticked", "core": 0.3, "ring": 0.0}
    rescan = new_import(reader, analyst, [grey])
    read_all(rescan)
    first.refresh_from_db()
    task.refresh_from_db()
    assert first.status == ScanPage.Status.DUPLICATE and task.status == "done" and task.result["action"] == "replaced"
    assert SurveyResponse.objects.filter(paper_sheet=serial).count() == 1
    assert rescan.pages.get().status == ScanPage.Status.COUNTED and lost_pages() == []
    assert not ReviewTask.objects.filter(status="open").exists()


def test_a_rescan_task_settles_when_the_paper_shows_nothing_ticked(survey, analyst, form, monkeypatch, client):
    reader = Reader(monkeypatch)
    serial, = new_sheets(survey, 1)
    scan = new_import(reader, analyst, [reading_of(form, serial, 1, quality=["bilevel"]), reading_of(form, serial, 2)])
    read_all(scan)
    task = ReviewTask.objects.get(status="open", reason="rescan")
    client.force_login(analyst)
    client.post(f"/de/papiererfassung/pruefen/{task.pk}/", {"action": "count"})
    assert SurveyResponse.objects.filter(paper_sheet=serial).count() == 1
    assert set(scan.pages.values_list("status", flat=True)) == {ScanPage.Status.COUNTED} and lost_pages() == []


def test_the_sweep_gives_a_lost_page_a_task(survey, analyst, form, monkeypatch, caplog):
    from django.conf import settings as django_settings

    from participation.paper.tasks import sweep_lost_scan_pages

    beat = django_settings.CELERY_BEAT_SCHEDULE["sweep-lost-scan-pages"]
    assert beat["task"] == "participation.paper.tasks.sweep_lost_scan_pages" and beat["schedule"] <= 3600

    reader = Reader(monkeypatch)
    serial, = new_sheets(survey, 1)
    scan = new_import(reader, analyst, [reading_of(form, serial, 1, review=True), reading_of(form, serial, 2)])
    read_all(scan)
    ReviewTask.objects.filter(status="open").delete()  # a task lost by some fault
    assert len(lost_pages()) == 2
    assert sweep_lost_scan_pages() >= 1
    assert lost_pages() == [] and "was lost" in caplog.text
    for task in ReviewTask.objects.filter(status="open"):
        resolve(task, analyst, {"action": "manual"})
    assert lost_pages() == []


def test_the_idea_form_keeps_its_receipt_on_the_last_page_of_questions(process):
    for variant in ("standard", "large"):
        _pdf, version, _refused = master(process, variant=variant)
        slip = [n for n in range(1, version.page_count + 1) if "receipt-slip" in version.layout[f"page-{n}"]]
        assert slip == [version.page_count]
        assert "box-consent" in version.layout[f"page-{version.page_count}"]  # no page of its own
        assert scan_import.required_pages(version) == set(range(1, version.page_count + 1))


def test_phone_photos_each_become_an_import_with_a_plain_quality_warning(client, analyst, survey):
    client.force_login(analyst)
    html = client.get("/de/papiererfassung/scans/").content.decode()
    assert 'capture="environment"' in html and 'accept="image/*"' in html and html.count("multiple") >= 2
    photos = []
    for seed in range(2):
        buffer = io.BytesIO()
        Image.fromarray(np.random.default_rng(seed).integers(0, 255, (1800, 1300), dtype=np.uint8)).save(
            buffer, format="JPEG", quality=95)
        photos.append(SimpleUploadedFile(f"foto-{seed}.jpg", buffer.getvalue(), "image/jpeg"))
    bilevel = io.BytesIO()
    Image.new("1", (1240, 1754), 1).save(bilevel, format="PNG")
    fax = SimpleUploadedFile("fax.png", bilevel.getvalue(), "image/png")
    small = io.BytesIO()
    Image.new("L", (600, 850), 255).save(small, format="JPEG", quality=20)
    tiny = SimpleUploadedFile("klein.jpg", small.getvalue(), "image/jpeg")
    response = client.post("/de/papiererfassung/scans/", {"photos": photos, "file": [fax, tiny]}, follow=True)
    assert ScanImport.objects.count() == 4
    html = response.content.decode()
    assert "fax.png" in html and "1-bit" in html.lower()
    assert ScanImport.objects.get(original_name="klein.jpg").quality == ["low_resolution", "compressed"]
    assert ScanImport.objects.get(original_name="foto-0.jpg").quality == []
    fax_pdf = io.BytesIO()
    Image.new("1", (1240, 1754), 1).save(fax_pdf, format="PDF", resolution=150)
    client.post("/de/papiererfassung/scans/", {"file": SimpleUploadedFile("fax.pdf", fax_pdf.getvalue())})
    assert ScanImport.objects.get(original_name="fax.pdf").quality == ["bilevel"]
    again = client.post("/de/papiererfassung/scans/", {"photos": [SimpleUploadedFile("x.jpg", b"nope")]})
    assert again.status_code == 200 and 'id="form-errors"' in again.content.decode()


# Interleavings


PLANS = st.lists(
    st.fixed_dictionaries({
        "uploads": st.tuples(st.integers(0, 2), st.integers(0, 2)),  # in which upload each page comes
        "review": st.tuples(st.booleans(), st.booleans()),
        "duplicate": st.one_of(st.none(), st.tuples(st.integers(1, 2), st.integers(0, 2))),
        "blank_backs": st.booleans(),
    }),
    min_size=1, max_size=3,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(plans=PLANS, data=st.data())
def test_random_interleavings_never_lose_a_page_and_count_every_sheet_once(survey, analyst, form, monkeypatch,
                                                                           plans, data):
    reader = Reader(monkeypatch)
    serials = new_sheets(survey, len(plans))
    uploads = [[], [], []]
    for serial, plan in zip(serials, plans, strict=True):
        for number in (1, 2):
            uploads[plan["uploads"][number - 1]].append(reading_of(form, serial, number,
                                                                  review=plan["review"][number - 1]))
            if plan["blank_backs"]:
                uploads[plan["uploads"][number - 1]].append("blank")
        if plan["duplicate"]:
            number, upload = plan["duplicate"]
            uploads[upload].append(reading_of(form, serial, number))
    imports = []
    for readings in uploads:
        if readings:
            order = data.draw(st.permutations(readings))
            imports.append(new_import(reader, analyst, order))
    ours = ScanPage.objects.filter(scan_import__in=imports)
    # Steps: read a page of an upload (uploads in order, pages in their order) or resolve an open task.
    pending = [list(scan.pages.order_by("index")) for scan in imports]
    # A reviewer leaves "a page is missing" alone while pages are still to come (the late page closes it).
    reviewable = ReviewTask.objects.filter(page__in=ours, status="open").exclude(reason="incomplete")
    while any(pending) or reviewable.exists():
        tasks = list(reviewable.order_by("pk"))
        if tasks and (not any(pending) or data.draw(st.booleans())):
            accept(data.draw(st.sampled_from(tasks)), analyst)
        else:
            upload = next(p for p in pending if p)
            read_scan_page(upload.pop(0).pk)
        assert lost_pages(ours) == [], [(p.pk, p.status, p.sheet_key) for p in lost_pages(ours)]
    assert not ReviewTask.objects.filter(page__in=ours, status="open").exists()
    for serial in serials:
        assert SurveyResponse.objects.filter(paper_sheet=serial).count() == 1
    assert not ours.exclude(status__in=scan_import.SETTLED_STATES).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_reading_both_copies_of_a_page_at_once_make_one_duplicate(survey, form, monkeypatch,
                                                                              django_user_model):
    """Two copies of one page read at the same moment by two workers: the sheet's lock row makes the
    second wait for the first, so it sees the first copy and is set aside as a duplicate at once."""
    import threading
    import time

    from django.db import connection

    user = django_user_model.objects.create_user("pipeline.race@luebeck.example", "Ein-Langes-Passwort-1")
    reader = Reader(monkeypatch)
    serial, = new_sheets(survey, 1)
    scan = new_import(reader, user, [reading_of(form, serial, 1), reading_of(form, serial, 1)])
    original = scan_import._tasks_for

    def slow(*args, **kwargs):  # inside the read's transaction, after looking for another copy
        time.sleep(0.5)
        return original(*args, **kwargs)

    monkeypatch.setattr(scan_import, "_tasks_for", slow)
    start, errors = threading.Barrier(2), []

    def worker(page_id):
        try:
            start.wait()
            read_scan_page(page_id)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(page.pk,)) for page in scan.pages.all()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted(scan.pages.values_list("status", flat=True))
    assert statuses.count(ScanPage.Status.DUPLICATE) == 1
    assert not ReviewTask.objects.filter(page__status=ScanPage.Status.DUPLICATE).exists()
    assert lost_pages() == []
