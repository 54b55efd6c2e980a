"""The demo turns earlier plain pages into the accessibility page types at the same address, and editors can
open every form of the app in the admin."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from accessibility import demo
from accessibility.models import AccessibilityStatementPage, EasyLanguagePage, FeedbackTicket, SignLanguagePage
from accounts.models import User
from core.models import FooterSettings, StandardPage

pytestmark = pytest.mark.django_db


def test_plain_pages_from_an_earlier_demo_become_the_new_page_types_at_the_same_address(client, demo_site):
    home = Page.objects.get(slug="impressum", locale__language_code="de").get_parent()
    english = Locale.objects.get(language_code="en")
    for model, slug in [(AccessibilityStatementPage, "barrierefreiheit"), (EasyLanguagePage, "leichte-sprache")]:
        for page in model.objects.all():
            page.delete()
        old = StandardPage(title=f"Alt: {slug}", slug=slug)
        home.add_child(instance=old)
        old.save_revision().publish()
        old.copy_for_translation(english).save_revision().publish()
    FooterSettings.objects.update(accessibility_page=Page.objects.get(slug="barrierefreiheit",
                                                                      locale__language_code="de"))

    demo.load()
    for path in ["/de/barrierefreiheit/", "/en/barrierefreiheit/", "/de/leichte-sprache/", "/en/leichte-sprache/"]:
        assert client.get(path).status_code == 200, path
    assert AccessibilityStatementPage.objects.count() == 2 and EasyLanguagePage.objects.count() == 2
    assert not StandardPage.objects.filter(slug__in=["barrierefreiheit", "leichte-sprache"]).exists()
    footer = FooterSettings.objects.get()
    assert footer.accessibility_page.specific_class is AccessibilityStatementPage

    # The whole demo brings back the statement in the other languages (tooling.demo_pages), then nothing more.
    call_command("load_demo_content", stdout=io.StringIO())
    count = Page.objects.count()
    call_command("load_demo_content", stdout=io.StringIO())
    assert Page.objects.count() == count


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("admin@luebeck.example", "Ein-Langes-Passwort-1"))
    return client


def test_every_admin_form_of_the_app_opens(admin_client, demo_site):
    home = Page.objects.get(slug="impressum", locale__language_code="de").get_parent()
    ticket = FeedbackTicket.objects.create(kind="barrier", description="Kontrast zu gering")
    urls = [f"/admin/pages/{page.pk}/edit/" for page in (
        AccessibilityStatementPage.objects.get(locale__language_code="de"),
        EasyLanguagePage.objects.get(locale__language_code="de"),
        SignLanguagePage.objects.get(locale__language_code="de"),
    )] + [
        f"/admin/pages/add/accessibility/signlanguagepage/{home.pk}/",
        "/admin/barrier-reports/", f"/admin/barrier-reports/edit/{ticket.pk}/", "/admin/barrier-reports/add/",
        f"/admin/barrier-reports/inspect/{ticket.pk}/",
        "/admin/sign-language-videos/", "/admin/sign-language-videos/add/",
    ]
    for url in urls:
        assert admin_client.get(url).status_code == 200, url
    # One statement per language tree: editors cannot add a second one.
    assert not AccessibilityStatementPage.can_create_at(home)
    assert admin_client.get(f"/admin/pages/add/accessibility/accessibilitystatementpage/{home.pk}/").status_code != 200
