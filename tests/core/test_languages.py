"""Six languages: German (source), Leichte Sprache, English, Turkish, Arabic (right to left) and
Ukrainian. Every locale renders the home page, a survey and an opportunity with the right lang/dir;
answers in any language land in the same results; residents' own words keep their language; the
Arabic paper form reads right to left; code strings are translated; wagtail-localize's jobs go to
Celery and machine translation is off unless configured."""

import re

import polib
import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings
from wagtail.models import Locale

from core.i18n import source_of
from core.localize_content import translate_page
from participation.surveys.models import SurveyPage, SurveyResponse
from participation.surveys.questions import all_questions
from participation.surveys.results import compute
from tests.participation.conftest import option_id, question

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]
RTL = {"ar"}


def german_survey():
    return SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")


def survey_in(language):
    survey = german_survey()
    translated = survey.get_translation_or_none(Locale.objects.get(language_code=language))
    if translated is None:  # Leichte Sprache has no demo survey: an editor translates it now
        translated, _missing = translate_page(survey, language, {survey.title: "Umfrage: Unterwegs sein in Lübeck"})
    return translated.specific


def html_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def assert_lang_dir(soup, language):
    root = soup.find("html")
    assert root["lang"] == language
    assert root["dir"] == ("rtl" if language in RTL else "ltr")


def test_six_languages_with_their_own_names_and_one_tag_for_leichte_sprache():
    assert CODES == ["de", "de-x-ls", "en", "tr", "ar", "uk"]
    names = dict(settings.LANGUAGES)
    assert names["tr"] == "Türkçe" and names["ar"] == "العربية" and names["uk"] == "Українська"
    assert set(Locale.objects.values_list("language_code", flat=True)) >= set(CODES)


@pytest.mark.parametrize("language", CODES)
def test_each_language_renders_home_survey_and_opportunity_with_lang_and_dir(client, demo_site, language):
    home = html_of(client.get(f"/{language}/"))
    assert_lang_dir(home, language)
    # The switcher names every language in itself, marked with its own lang and direction.
    switcher = home.select_one(".language-switcher")
    arabic = switcher.find(lang="ar")
    assert arabic.get_text() == "العربية" and arabic["dir"] == "rtl"
    assert switcher.find(lang="tr").get_text() == "Türkçe"
    # hreflang alternates for every language the home page exists in.
    alternates = {link["hreflang"] for link in home.select('link[rel=alternate][hreflang]')}
    assert alternates >= set(CODES)

    survey = survey_in(language)
    page = html_of(client.get(survey.url))
    assert_lang_dir(page, language)
    assert page.h1.get_text(strip=True) == survey.title

    detail = html_of(client.get(f"/{language}/engagement/digitale-sprechstunde/"))
    assert_lang_dir(detail, language)
    heading = detail.h1
    if language in {"de", "en", "tr", "ar", "uk"}:
        # Translated (or the original): no lang of its own, the page's language applies.
        assert heading.get("lang") is None
        assert heading.get_text(strip=True) != "" and (language == "de") == (
            heading.get_text(strip=True) == "Digitale Sprechstunde in der Stadtbibliothek")
    else:
        # Not translated into Leichte Sprache: the German original is marked as German.
        assert heading["lang"] == "de" and heading["dir"] == "ltr"


def test_arabic_text_inside_a_german_page_runs_right_to_left(client, demo_site):
    from participation.ideas.models import Idea

    idea, german_idea = Idea.objects.filter(published=True).order_by("pk")[:2]
    idea.title, idea.language = "فكرة: مقاعد أكثر في الحديقة", "ar"
    idea.save()
    page = html_of(client.get(idea.get_absolute_url()))
    assert page.find("html")["dir"] == "ltr"
    heading = page.find("h1", string=idea.title)
    assert heading["lang"] == "ar" and heading["dir"] == "rtl"
    # In the list, too; an idea written in German on the German page needs nothing extra.
    listing = html_of(client.get(idea.process.url))
    assert listing.find("a", string=idea.title)["dir"] == "rtl"
    assert listing.find("a", string=german_idea.title).get("lang") is None


def answer_survey(client, survey, choice_label, remark=""):
    """Answer the demo survey on `survey` (any language): the way to travel, the required scale, and a
    remark on the last page. (Faster than a person could: the caller lifts the minimum fill time.)"""
    start = client.post(survey.url)
    assert start.status_code == 302
    questions = {q.key: q for q in all_questions(survey)}
    option = next(key for key, label in questions["verkehrsmittel"].options if label == choice_label)
    response = client.post(start["Location"], {f"q-{questions['verkehrsmittel'].id}": option,
                                               f"q-{questions['baustellen'].id}": "3"})
    while response.status_code == 302 and "/antworten/" in response["Location"]:
        response = client.post(response["Location"], {f"q-{questions['freitext'].id}": remark})
    assert response.status_code == 302 and "/danke/" in response["Location"], response.content[:500]
    return option


def test_answers_in_any_language_land_in_the_same_results(client, demo_site, monkeypatch):
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
    german, turkish, arabic = german_survey(), survey_in("tr"), survey_in("ar")
    assert source_of(turkish) == german and source_of(arabic) == german
    # Options keep their ids in every translation; the labels are translated.
    transport = {page: dict(question(page, "verkehrsmittel").options) for page in (german, turkish, arabic)}
    assert list(transport[turkish]) == list(transport[german])
    bike = option_id(question(german, "verkehrsmittel"), "Fahrrad")
    assert transport[turkish][bike] != transport[german][bike]

    chosen = {answer_survey(client, german, transport[german][bike], "Mehr Radwege bitte"),
              answer_survey(client, turkish, transport[turkish][bike], "Daha çok bisiklet yolu"),
              answer_survey(client, arabic, transport[arabic][bike], "المزيد من ممرات الدراجات")}
    assert chosen == {bike}  # the same option, chosen in three languages

    stored = SurveyResponse.objects.filter(submitted_at__isnull=False)
    assert set(stored.values_list("survey", flat=True)) == {german.pk}
    assert sorted(stored.values_list("language", flat=True)) == ["ar", "de", "tr"]
    for page in (german, turkish, arabic):
        results = compute(page)
        assert results["total"] == 3
        by_key = {entry["question"].key: entry for entry in results["questions"]}
        row = next(r for r in by_key["verkehrsmittel"]["rows"] if r["key"] == bike)
        assert row["count"] == 3
        # ...and each language's results page shows its own labels.
        assert row["label"] == transport[page][bike]
    # Residents' own words keep their language on the results page.
    freitext = next(entry for entry in compute(turkish)["questions"] if entry["question"].key == "freitext")
    texts = {str(t): t.language for t in freitext["texts"]}
    assert texts == {"Mehr Radwege bitte": "de", "Daha çok bisiklet yolu": "tr", "المزيد من ممرات الدراجات": "ar"}


def test_a_condition_works_in_a_translation(client, demo_site):
    """The demo survey shows "Radfahren" only to cyclists; the condition names the German option and
    still works when a Turkish resident picks the Turkish label."""
    turkish = survey_in("tr")
    first = question(turkish, "verkehrsmittel")
    bike = option_id(question(german_survey(), "verkehrsmittel"), "Fahrrad")
    assert bike in dict(first.options)
    url = client.post(turkish.url)["Location"]
    scale = question(turkish, "baustellen")
    second = client.post(url, {f"q-{first.id}": bike, f"q-{scale.id}": "2"})
    assert second["Location"].endswith("/2/")
    page_two = html_of(client.get(second["Location"]))
    radfahren = [s for s in turkish.questions if s.value["title"] and s.value["show_if_question"]][0]
    assert page_two.find(string=re.compile(re.escape(radfahren.value["title"])))


def test_a_comment_and_an_idea_keep_the_language_they_were_written_in(client, demo_site, django_user_model):
    from participation.ideas.models import Comment, Idea

    idea = Idea.objects.filter(published=True).first()
    user = django_user_model.objects.create_user("yorum@example.org", "Ein-Langes-Passwort-1")
    from django.utils import translation

    from participation.ideas import comments
    with translation.override("tr"):
        comment = comments.add_comment(idea, user, "Bence çok iyi bir fikir.")
    assert Comment.objects.get(pk=comment.pk).language == "tr"
    Comment.objects.filter(pk=comment.pk).update(published=True)
    page = html_of(client.get(idea.get_absolute_url()))
    text = page.find(string=re.compile("Bence çok iyi"))
    assert text.find_parent(attrs={"lang": "tr"}) is not None


MARKS = re.compile("[\u064b-\u065f\u0670]")


def words_in_order(expected, text):
    """Each word of `expected` appears in `text` after the one before it. PDFium reverses the two
    letters of the lam-alef ligatures (لا لأ لإ لآ) when it extracts right-to-left text, so words with
    one are skipped; every other word must come out in reading order."""
    # PDFium also moves a word's vowel marks (shadda and the others) apart; compare the letters.
    expected, text = MARKS.sub("", expected), MARKS.sub("", text)
    position = 0
    for word in expected.split():
        if re.search("ل[اأإآ]", word):
            continue
        found = text.find(word, position)
        if found < 0:
            return False
        position = found + len(word)
    return True


def test_the_arabic_paper_form_lays_out_and_reads_right_to_left(demo_site):
    from participation.paper.printing import master

    german, arabic = german_survey(), survey_in("ar")
    pdf, version, refused = master(german, language="ar")
    assert refused == []
    text = "\n".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf))
    questions = [q.text for q in all_questions(arabic)]
    assert all(re.search("[\u0600-\u06ff]", q) for q in questions)
    for wording in questions:
        assert words_in_order(wording, text), wording
    # The title first, then the questions in the survey's order.
    assert words_in_order(" ".join([arabic.title, *questions]), text)
    assert not words_in_order(" ".join(reversed(questions)), text)
    # The answer boxes of a choice question stand at the right edge of an A4 page in Arabic, at the
    # left in German (layout rectangles in mm: x0, y0, x1, y1).
    first = question(arabic, "verkehrsmittel")
    ids = [f"box-{first.id}-{option}" for option, _label in first.options]

    def lefts(form_version):
        rects = {a: r for page in form_version.layout.values() for a, r in page.items()}
        return [rects[anchor][0] for anchor in ids]

    assert min(lefts(version)) > 150
    _pdf, german_version, _refused = master(german, language="de")
    assert max(lefts(german_version)) < 60


def test_sitemap_index_has_one_sitemap_per_language_with_alternates(client, demo_site):
    index = client.get("/sitemap.xml").content.decode()
    for code in CODES:
        assert f"/sitemap-{code}.xml</loc>" in index
    arabic = client.get("/sitemap-ar.xml").content.decode()
    assert "/ar/</loc>" in arabic and "/de/</loc>" not in arabic
    assert 'hreflang="de"' in arabic and 'hreflang="uk"' in arabic
    german = client.get("/sitemap-de.xml").content.decode()
    assert "/de/digitalblog/</loc>" in german and "/ar/</loc>" not in german


CATALOGUES = settings.PROJECT_ROOT / "site" / "locale"


@pytest.mark.parametrize("directory", ["de", "en"])
def test_german_and_english_catalogues_are_complete(directory):
    po = polib.pofile(str(CATALOGUES / directory / "LC_MESSAGES" / "django.po"))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    assert len(po) > 1000


def test_every_language_has_a_catalogue_and_the_coverage_report_names_them(capsys):
    from django.core.management import call_command

    call_command("translation_report")
    report = capsys.readouterr().out
    for directory in ["de", "de_X-ls", "en", "tr", "ar", "uk"]:
        assert (CATALOGUES / directory / "LC_MESSAGES" / "django.po").exists()
        assert re.search(rf"^{re.escape(directory)}\s+\d+ / \d+\s+\d+(\.\d)? %", report, re.M), report
    assert re.search(r"^tr\s+(\d+) / \1\s+100(\.0)? %", report, re.M), report


def test_interface_strings_are_shown_in_each_language(client, demo_site):
    expected = {"de": "Zum Hauptinhalt springen", "en": "Skip to main content", "tr": None, "ar": None, "uk": None}
    for code in ("de", "en", "tr", "ar", "uk"):
        skip = html_of(client.get(f"/{code}/")).select_one(".skip-link").get_text(strip=True)
        if expected[code]:
            assert skip == expected[code]
        else:
            assert skip not in {"Zum Hauptinhalt springen", "Skip to main content"}, code


def test_machine_translation_is_off_unless_configured(admin_client, demo_site):
    from django.urls import reverse
    from wagtail_localize.machine_translators import get_machine_translator
    from wagtail_localize.models import StringTranslation, Translation

    assert get_machine_translator() is None
    survey = survey_in("uk")
    translation = Translation.objects.get(source__object_id=german_survey().translation_key,
                                          target_locale__language_code="uk")
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    assert url not in admin_client.get(f"/admin/pages/{survey.pk}/edit/").content.decode()
    admin_client.post(url, {"next": "/admin/"})
    assert not StringTranslation.objects.filter(translation_type="machine").exists()
    # One string left untranslated; a configured translator fills it in, marked as machine-made.
    left = StringTranslation.objects.filter(locale__language_code="uk", context__object=translation.source.object)
    left.filter(translation_of__data="Auto").delete()
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
            "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}):
        assert url in admin_client.get(f"/admin/pages/{survey.pk}/edit/").content.decode()
        response = admin_client.post(url, {"next": "/admin/"})
        assert response.status_code == 302, response.content.decode()[:3000]
    made = StringTranslation.objects.get(locale__language_code="uk", translation_of__data="Auto",
                                         context__object=translation.source.object)
    assert made.translation_type == "machine"


def test_translating_a_subtree_runs_as_a_celery_job(admin_client, demo_site, django_capture_on_commit_callbacks):
    from unittest import mock

    from blog.models import BlogIndexPage
    from core import localize_jobs

    index = BlogIndexPage.objects.get(locale__language_code="de")
    assert index.get_children().exists()
    turkish = Locale.objects.get(language_code="tr")
    with mock.patch.object(localize_jobs.run_localize_job, "delay", wraps=localize_jobs.run_localize_job.delay) as job:
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(f"/admin/localize/submit/page/{index.pk}/", {
                "locales": [Locale.objects.get(language_code="ar").pk], "include_subtree": "on"})
            # The editor's request answers before the job runs: only the index is translated yet.
            arabic = Locale.objects.get(language_code="ar")
            assert index.get_translation_or_none(arabic) is not None
            assert all(child.get_translation_or_none(arabic) is None for child in index.get_children())
        errors = re.findall(r'class="error-message"[^<]*', response.content.decode())
        assert response.status_code == 302, errors
    path, args, _kwargs = job.call_args.args
    assert path == "wagtail_localize.operations.translate_page_subtree"
    assert args[0] == index.pk and args[1][0] == {"__model__": "wagtailcore.locale",
                                                   "pk": Locale.objects.get(language_code="ar").pk}
    # The worker (eager in tests) translated every child of the index into Arabic, and nothing into Turkish.
    for child in index.get_children():
        assert child.get_translation_or_none(Locale.objects.get(language_code="ar")) is not None
        assert child.get_translation_or_none(turkish) is None


def test_editors_download_and_upload_a_po_file_of_a_translation(admin_client, demo_site):
    """The route for translation agencies: download the PO file, fill it, upload it again."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from wagtail_localize.models import StringTranslation, Translation

    survey_in("uk")
    translation = Translation.objects.get(source__object_id=german_survey().translation_key,
                                          target_locale__language_code="uk")
    download = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    entry = next(e for e in po if e.msgid == "Auto")
    assert entry.msgstr  # the demo translation is in the file
    entry.msgstr = "Легковий автомобіль"
    upload = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("uk.po", str(po).encode(), content_type="text/x-gettext-translation"),
         "next": "/admin/"},
    )
    assert upload.status_code == 302
    assert StringTranslation.objects.get(locale__language_code="uk", translation_of__data="Auto",
                                         context__object=translation.source.object).data == "Легковий автомобіль"
