"""Lübeck demo content for the site-wide pages.

Idempotent: pages are found by slug; a page that exists is left as it is, so running the
command again never overwrites what editors changed.

Feature apps add their own demo content through ``load_demo_content`` (see that command); the
accessibility statement and the pages in Leichte Sprache and DGS come from ``accessibility.demo``.
"""


from wagtail.models import Locale, Page, Site

from core import links
from core.models import FooterSettings, HomePage, StandardPage


def rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


HOME = {
    "de": {
        "title": "Mitgestalten in der Smart City Region Lübeck",
        "intro": (
            "Hier bringen Sie Ihre Ideen ein, beantworten Umfragen – online oder auf Papier – und finden ein "
            "Ehrenamt, das zu Ihnen passt. Für alle Menschen in der Region Lübeck."
        ),
        "body": [
            ("heading", {"text": "Was ist Smart City?", "level": "h2"}),
            ("paragraph", rich(
                "Smart City bedeutet Stadtentwicklung mit digitalen Hilfsmitteln. Die Beteiligung der "
                "Stadtgesellschaft ist dabei unabdingbar: Alle Mitglieder der Stadtgesellschaft sollen die "
                "Möglichkeit haben, die Stadt und die Region aktiv mitzugestalten.",
                "Ob Wohnen, Mobilität, Arbeiten, Gesundheit oder Freizeit: Ihre Erfahrung zählt.",
            )),
            ("quote", {
                "text": "Smart City gelingt nur gemeinsam unter Einbeziehung der Stadtgesellschaft.",
                "attribution": "Smart City Team der Hansestadt Lübeck",
            }),
        ],
    },
    "en": {
        "title": "Shape the Smart City Region Lübeck",
        "intro": (
            "Share your ideas, answer surveys – online or on paper – and find volunteering that suits you. "
            "For everyone in the Lübeck region."
        ),
        "body": [
            ("heading", {"text": "What is a smart city?", "level": "h2"}),
            ("paragraph", rich(
                "A smart city is urban development supported by digital tools. Taking part is essential: "
                "every member of the community should be able to help shape the city and the region.",
                "Housing, mobility, work, health or leisure: your experience counts.",
            )),
        ],
    },
}

STANDARD_PAGES = [
    {
        "slug": "ueber-mitgestalten",
        "menu": True,
        "de": {
            "title": "Über Mitgestalten",
            "intro": "Mitgestalten ist die Beteiligungsplattform der Smart City Region Lübeck.",
            "body": rich(
                "Die Plattform gehört zum Projekt „Digitale Beteiligung“ im Modellprojekt Smart City, gefördert "
                "vom Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen. Analoge Zugänge und Formate "
                "werden mit den digitalen Angeboten vernetzt: Jede Online-Beteiligung gibt es auch auf Papier.",
            ),
        },
        "en": {
            "title": "About Mitgestalten",
            "intro": "Mitgestalten is the participation platform of the Smart City Region Lübeck.",
            "body": rich(
                "The platform is part of the “Digital participation” project in the federal Smart City model "
                "programme. Offline formats are linked with the online ones: every online participation is "
                "also available on paper.",
            ),
        },
    },
    {
        "slug": "impressum",
        "footer": "imprint_page",
        "de": {
            "title": "Impressum",
            "intro": "Angaben gemäß § 5 DDG.",
            "body": rich(
                "Hansestadt Lübeck, Bereich Digitalisierung, Organisation und Strategie (DOS), Breite Straße 62, "
                "23552 Lübeck.",
                "Vertreten durch den Bürgermeister. Dies ist eine Demo-Installation; die Angaben sind Beispiele.",
            ),
        },
        "en": {
            "title": "Legal notice",
            "intro": "Information according to § 5 DDG (German Digital Services Act).",
            "body": rich(
                "Hanseatic City of Lübeck, Digitalisation, Organisation and Strategy (DOS), Breite Straße 62, "
                "23552 Lübeck. This is a demo installation; the details are examples.",
            ),
        },
    },
    {
        "slug": "datenschutz",
        "footer": "privacy_page",
        "de": {
            "title": "Datenschutz",
            "intro": "Wie wir mit Ihren Daten umgehen.",
            "body": rich(
                "Wir verarbeiten nur die Daten, die für Ihre Beteiligung nötig sind. Die Seite lädt keine Inhalte "
                "von fremden Servern und setzt keine Tracker ein.",
            ),
        },
        "en": {
            "title": "Privacy",
            "intro": "How we handle your data.",
            "body": rich(
                "We only process the data your participation needs. This site loads nothing from other servers "
                "and uses no trackers.",
            ),
        },
    },
]


def _publish(page):
    page.save_revision().publish()


def ensure_home_pages():
    """The German home page at the site root and its English translation, with content."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise RuntimeError("The default site's root page is not a HomePage; run migrate first.")
    if home.last_published_at is None or not home.intro:
        _fill(home, HOME["de"])
    english = Locale.objects.get(language_code="en")
    home_en = home.get_translation_or_none(english)
    if home_en is None:
        home_en = home.copy_for_translation(english)
        _fill(home_en.specific, HOME["en"])
    site.site_name = "Mitgestalten Lübeck"
    site.save()
    links.sync_default_site()  # absolute links (feeds, sitemap, mails) point where `make run` serves: BASE_URL
    site.refresh_from_db()
    return site, home, home_en.specific


def _fill(page, content, menu=False):
    page.title = content["title"]
    page.draft_title = content["title"]
    page.intro = content["intro"]
    page.body = content["body"] if isinstance(content["body"], list) else [("paragraph", content["body"])]
    page.show_in_menus = menu
    _publish(page)


def ensure_standard_pages(site, home, home_en):
    footer = FooterSettings.for_site(site)
    english = Locale.objects.get(language_code="en")
    for spec in STANDARD_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = StandardPage(slug=spec["slug"], title=spec["de"]["title"])
            home.add_child(instance=page)
            _fill(page, spec["de"], menu=spec.get("menu", False))
        if page.get_translation_or_none(english) is None:
            translation = page.copy_for_translation(english)
            _fill(translation.specific, spec["en"], menu=spec.get("menu", False))
        if spec.get("footer"):
            setattr(footer, spec["footer"], Page.objects.get(pk=page.pk))
    footer.save()


def load():
    site, home, home_en = ensure_home_pages()
    ensure_standard_pages(site, home, home_en)
