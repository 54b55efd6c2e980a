"""Editor support: Wagtail's content checker set up for this site, and warnings about very long sentences and
link texts that say nothing, after saving a page."""

import json

import pytest
from wagtail.admin.userbar import Userbar
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accessibility.models import EasyLanguagePage
from accessibility.readability import check_page, long_sentences, vague_links
from accounts.models import User
from core.models import StandardPage

pytestmark = pytest.mark.django_db

LONG = ("Die Hansestadt Lübeck lädt alle Menschen der Region herzlich dazu ein, ihre Ideen für eine lebenswerte, "
        "digitale und nachhaltige Stadt online, auf Papier oder bei einer Veranstaltung im Stadtteil einzubringen.")


def test_sentences_over_25_words_are_found_and_shorter_ones_are_not():
    assert len(LONG.split()) == 30
    (finding,) = long_sentences(LONG)
    assert finding.words == 30
    short = " ".join(LONG.split()[:25]) + "."
    assert long_sentences(short) == []
    assert long_sentences(f"{short} {short}") == []  # two sentences, each short enough


def test_abbreviations_and_list_items_do_not_make_one_long_sentence():
    text = "Wir bieten z. B. Umfragen an. Die Ergebnisse kommen bald.\nPunkt eins\nPunkt zwei"
    assert long_sentences(text, limit=6) == []


def test_link_texts_that_say_nothing_are_found():
    html = '<p>Mehr dazu <a href="/x/">hier</a>. Die <a linktype="page" id="3">Umfrage zur Mobilität</a> läuft.</p>'
    assert [finding.text for finding in vague_links(html)] == ["hier"]


def test_page_check_reads_rich_text_inside_stream_blocks_and_uses_the_page_types_limit(demo_site):
    page = StandardPage(title="Test", slug="test", intro="Kurz.",
                        body=[("paragraph", f"<p>{LONG}</p>"),
                              ("accordion", {"title": "", "items": [{"question": "Frage?",
                                                                     "answer": f"<p>{LONG}</p>"}]})])
    assert [finding.words for finding in check_page(page)] == [30, 30]

    easy = EasyLanguagePage(title="Leicht", slug="leicht",
                            body=[("paragraph", "<p>Mitgestalten ist eine Internet-Seite von der Stadt Lübeck "
                                                "für alle Menschen in der ganzen Region.</p>")])
    assert [finding.words for finding in check_page(easy)] == [15]  # Leichte Sprache: at most 12 words


def test_the_demo_pages_in_easy_language_keep_their_own_rule(demo_site):
    for page in EasyLanguagePage.objects.all():
        assert check_page(page) == [], page.url


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("redaktion@luebeck.example", "Ein-Langes-Passwort-1")


def edit_form(page, paragraph_html):
    return nested_form_data({
        "title": page.title, "slug": page.slug, "intro": page.intro,
        "body": streamfield([("paragraph", rich_text(paragraph_html))]),
        "comments": inline_formset([]),
    })


def test_saving_a_page_warns_about_long_sentences_and_vague_links_but_saves_it(client, demo_site, editor):
    page = StandardPage.objects.get(slug="ueber-mitgestalten", locale__language_code="de")
    client.force_login(editor)
    response = client.post(f"/admin/pages/{page.pk}/edit/",
                           edit_form(page, f'<p>{LONG} Mehr <a href="https://luebeck.de">hier</a>.</p>'), follow=True)
    assert response.status_code == 200
    warnings = [str(message) for message in response.context["messages"] if message.level_tag == "warning"]
    assert len(warnings) == 2
    assert "30" in warnings[0] and "Die Hansestadt Lübeck lädt alle Menschen" in warnings[0]
    assert "„hier“" in warnings[1]
    assert LONG in Page.objects.get(pk=page.pk).get_latest_revision_as_object().body[0].value.source


def test_autosave_gets_no_warning(client, demo_site, editor):
    page = StandardPage.objects.get(slug="ueber-mitgestalten", locale__language_code="de")
    client.force_login(editor)
    response = client.post(f"/admin/pages/{page.pk}/edit/", edit_form(page, f"<p>{LONG}</p>"),
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["success"]
    follow_up = client.get(f"/admin/pages/{page.pk}/edit/")
    assert not [message for message in follow_up.context["messages"] if message.level_tag == "warning"]


def test_content_checker_runs_the_rules_for_alt_text_headings_links_and_descriptions(rf, demo_site, editor):
    request = rf.get("/de/")
    request.user = editor
    page = Page.objects.get(slug="impressum", locale__language_code="de").specific
    html = Userbar(object=page).render_html({"request": request, "page": page})
    config = json.loads(html.split('id="checker-axe-configuration" type="application/json">')[1].split("</script>")[0])
    rules = config["options"]["runOnly"]
    for rule in ["image-alt", "alt-text-quality", "heading-order", "empty-heading", "link-name",
                 "identical-links-same-purpose", "empty-meta-description", "video-caption"]:
        assert rule in rules
    assert {"image-alt", "identical-links-same-purpose", "video-caption"} <= set(config["messages"])
