"""Demo content of the accessibility app: the statement, Leichte Sprache and DGS pages, a short DGS video.

Runs after core's demo (load_demo_content goes through INSTALLED_APPS in order). Idempotent: pages are
found by slug and left as editors changed them. A plain page an earlier demo created under the same slug
(/de/barrierefreiheit/, /de/leichte-sprache/, /de/gebaerdensprache/) is replaced by the page type made for
it, at the same address, with its English translation.
"""

import datetime
import logging
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.models import Locale, Page, Site

from accessibility.models import (
    AccessibilityStatementPage,
    Barrier,
    EasyLanguagePage,
    SignLanguagePage,
    SignLanguageVideo,
)
from core.models import FooterSettings

logger = logging.getLogger(__name__)


def rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


BARRIERS = {
    "de": [
        {"title": "Karte beim Einreichen einer Idee",
         "description": "Die Karte zur Ortsangabe lässt sich nicht vollständig mit der Tastatur bedienen.",
         "reason": Barrier.Reason.DISPROPORTIONATE_BURDEN,
         "alternative": "Sie können den Ort als Text in das Feld „Ort“ schreiben. Die Karte ist nicht nötig."},
        {"title": "Eingebettete Videos anderer Dienste",
         "description": "Videos von YouTube oder Vimeo in Blogbeiträgen haben nicht immer Untertitel.",
         "reason": Barrier.Reason.NON_COMPLIANCE,
         "alternative": "Zu jedem eingebetteten Video steht eine Textfassung auf derselben Seite."},
        {"title": "Ältere Dokumente zum Herunterladen",
         "description": "Einige PDF-Dokumente wurden vor dem 23. September 2018 veröffentlicht und sind nicht "
                        "barrierefrei.",
         "reason": Barrier.Reason.OUT_OF_SCOPE,
         "alternative": "Auf Anfrage senden wir Ihnen den Inhalt in einem barrierefreien Format."},
    ],
    "en": [
        {"title": "Map when submitting an idea",
         "description": "The map for choosing a place cannot be fully operated with the keyboard.",
         "reason": Barrier.Reason.DISPROPORTIONATE_BURDEN,
         "alternative": "You can type the place into the field “Place”. The map is not needed."},
        {"title": "Embedded videos from other services",
         "description": "Videos from YouTube or Vimeo in blog posts do not always have captions.",
         "reason": Barrier.Reason.NON_COMPLIANCE,
         "alternative": "Every embedded video has a text version on the same page."},
        {"title": "Older documents for download",
         "description": "Some PDF documents were published before 23 September 2018 and are not accessible.",
         "reason": Barrier.Reason.OUT_OF_SCOPE,
         "alternative": "On request we send you the content in an accessible format."},
    ],
}

# Contact and complaints office: example values of this demo installation, to be checked before going live.
STATEMENT_COMMON = {
    "conformance": AccessibilityStatementPage.Conformance.PARTIAL,
    "prepared_on": datetime.date(2025, 10, 1),
    "reviewed_on": datetime.date(2026, 10, 1),
    "assessment_method": AccessibilityStatementPage.Method.SELF,
    "assessed_by": "Smart City Team der Hansestadt Lübeck",
    "contact_address": "Breite Straße 62\n23552 Lübeck",
    "contact_email": "barrierefreiheit@luebeck.example",
    "contact_phone": "0451 122-0",
    "enforcement_address": "Karolinenweg 1\n24105 Kiel",
    "enforcement_email": "beschwerdestelle@landesbeauftragte-sh.example",
}

STATEMENT = {
    "de": {
        "title": "Erklärung zur Barrierefreiheit",
        "intro": "Die Hansestadt Lübeck ist bemüht, ihre Website im Einklang mit der Barrierefreie-"
                 "Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen.",
        "applies_to": "die Website „Mitgestalten“ der Smart City Region Lübeck",
        "conformance_note": "Grundlage sind die BITV 2.0 und die europäische Norm EN 301 549 "
                            "(WCAG 2.1, Konformitätsstufe AA).",
        "contact_name": "Hansestadt Lübeck, Bereich Digitalisierung, Organisation und Strategie (DOS)",
        "enforcement_body": "Beschwerdestelle für barrierefreie Informationstechnik bei der Landesbeauftragten "
                            "für Menschen mit Behinderung Schleswig-Holstein",
        "enforcement_text": (
            "Sie haben uns eine Barriere gemeldet und keine zufriedenstellende Antwort erhalten? Dann können Sie "
            "sich an die Beschwerdestelle für barrierefreie Informationstechnik wenden.\n\n"
            "Die Beschwerdestelle vermittelt zwischen Ihnen und der Verwaltung. Das Verfahren ist kostenlos. "
            "Sie brauchen keinen Rechtsbeistand."
        ),
    },
    "en": {
        "title": "Accessibility statement",
        "intro": "The Hanseatic City of Lübeck strives to make this website accessible in line with the German "
                 "accessibility regulation BITV 2.0.",
        "applies_to": "the website “Mitgestalten” of the Smart City Region Lübeck",
        "conformance_note": "It is based on BITV 2.0 and the European standard EN 301 549 (WCAG 2.1, level AA).",
        "contact_name": "Hanseatic City of Lübeck, Digitalisation, Organisation and Strategy (DOS)",
        "enforcement_body": "Complaints office for accessible information technology at the Schleswig-Holstein "
                            "state commissioner for people with disabilities",
        "enforcement_text": (
            "You reported a barrier and did not receive a satisfactory answer? Then you can turn to the "
            "complaints office for accessible information technology.\n\n"
            "The office mediates between you and the administration. The procedure is free of charge. You do "
            "not need a lawyer."
        ),
    },
}

# BITV 2.0 § 4: what the site offers, how to find one's way, the essentials of the statement, other help.
EASY_LANGUAGE = {
    "de": {
        "title": "Leichte Sprache",
        "intro": "Hier erklären wir die Internet-Seite Mitgestalten in Leichter Sprache.",
        "body": [
            ("heading", {"text": "Was ist Mitgestalten?", "level": "h2"}),
            ("paragraph", rich(
                "Mitgestalten ist eine Internet-Seite von der Stadt Lübeck.",
                "Auf der Seite können Sie sagen: Das wünsche ich mir für Lübeck.",
                "Sie können Fragen beantworten. Das geht im Internet.",
                "Das geht auch auf Papier.",
                "Sie möchten anderen Menschen helfen?",
                "Dann finden Sie hier ein <b>Ehren-Amt</b>.",
            )),
            ("heading", {"text": "So finden Sie sich zurecht", "level": "h2"}),
            ("paragraph", rich(
                "Oben auf jeder Seite ist ein blauer Streifen.",
                "Dort finden Sie die wichtigsten Bereiche.",
                "Oben rechts können Sie die Sprache wählen.",
                "Dort können Sie auch suchen.",
                "Ganz unten auf jeder Seite sind weitere Links.",
            )),
            ("heading", {"text": "Ist die Seite barriere-frei?", "level": "h2"}),
            ("paragraph", rich(
                "Die Stadt Lübeck möchte: Alle Menschen können die Seite gut benutzen.",
                "Das klappt noch nicht überall.",
                "Ein Beispiel: Die Karte geht nicht gut mit der Tastatur.",
                "Sie können den Ort dann einfach auf-schreiben.",
                "Alles dazu steht in der <b>Erklärung zur Barriere-Freiheit</b>.",
            )),
            ("heading", {"text": "Sie finden eine Barriere?", "level": "h2"}),
            ("paragraph", rich(
                "Dann sagen Sie es uns bitte.",
                "Unten auf jeder Seite steht: <b>Barriere melden</b>.",
                "Dort können Sie uns schreiben.",
                "Sie können uns auch anrufen.",
                "Die Telefon-Nummer ist: 0451 122-0.",
            )),
        ],
    },
    "en": {
        "title": "Easy Language",
        "intro": "Here we explain the website Mitgestalten in easy words.",
        "body": [
            ("heading", {"text": "What is Mitgestalten?", "level": "h2"}),
            ("paragraph", rich(
                "Mitgestalten is a website of the city of Lübeck.",
                "On this website you can tell us what you wish for Lübeck.",
                "You can answer questions. You can do this on the internet or on paper.",
            )),
            ("heading", {"text": "You found a barrier?", "level": "h2"}),
            ("paragraph", rich(
                "Then please tell us.",
                "At the bottom of every page it says: <b>Report a barrier</b>.",
            )),
        ],
    },
}

SIGN_LANGUAGE = {
    "de": {
        "title": "Gebärdensprache",
        "intro": "Informationen in Deutscher Gebärdensprache (DGS) über Mitgestalten.",
        "body": [
            ("heading", {"text": "Was Sie im Video erfahren", "level": "h2"}),
            ("paragraph", rich(
                "Das Video erklärt, was Mitgestalten bietet: Ideen einbringen, an Umfragen teilnehmen und ein "
                "Ehrenamt finden.",
                "Es zeigt, wie Sie sich auf der Seite zurechtfinden, und fasst die Erklärung zur "
                "Barrierefreiheit zusammen.",
                "Barrieren melden Sie über den Link „Barriere melden“ unten auf jeder Seite.",
            )),
        ],
    },
    "en": {
        "title": "Sign language",
        "intro": "Information in German Sign Language (DGS) about Mitgestalten.",
        "body": [
            ("heading", {"text": "What the video covers", "level": "h2"}),
            ("paragraph", rich(
                "The video explains what Mitgestalten offers: bringing in ideas, answering surveys and finding "
                "volunteering.",
                "It shows how to find your way around the site and sums up the accessibility statement.",
            )),
        ],
    },
}

VIDEO_NAME = "dgs/mitgestalten-dgs-demo.webm"
CAPTIONS_NAME = "dgs/captions/mitgestalten-dgs-demo.vtt"
CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:01.000
Willkommen bei Mitgestalten.

00:00:01.000 --> 00:00:02.000
Hier zeigen wir Ihnen die Seite in Gebärdensprache.
"""
TRANSCRIPT = (
    "Willkommen bei Mitgestalten. Hier zeigen wir Ihnen die Seite in Gebärdensprache.\n\n"
    "Dies ist ein kurzes Beispielvideo der Demo-Installation. Das Video mit dem vollständigen Inhalt folgt."
)


def _publish(page):
    page.save_revision().publish()


def _english_home(home):
    return home.get_translation_or_none(Locale.objects.get(language_code="en"))


def _replace_plain_page(home, model, slug):
    """The page of `model` at `slug`, or None after deleting a page of another type there (and its translations)."""
    existing = Page.objects.child_of(home).filter(slug=slug).first()
    if existing is None:
        return None
    if existing.specific_class is model:
        return existing.specific
    for page in Page.objects.filter(translation_key=existing.translation_key):
        page.delete()
    return None


def _ensure(home, model, slug, content, extra=None, barriers=None):
    """The page in German and English: created when missing, never changed when it exists."""
    page = _replace_plain_page(home, model, slug)
    if page is None:
        page = model(slug=slug, **content["de"], **(extra or {}))
        if barriers:
            page.barriers = [Barrier(**item) for item in barriers["de"]]
        home.add_child(instance=page)
        _publish(page)
    english = Locale.objects.get(language_code="en")
    if _english_home(home) is not None and page.get_translation_or_none(english) is None:
        translation = page.copy_for_translation(english).specific
        for name, value in content["en"].items():
            setattr(translation, name, value)
        translation.draft_title = content["en"]["title"]
        if barriers:
            translation.barriers = [Barrier(**item) for item in barriers["en"]]
        _publish(translation)
    return page


def demo_video_bytes():
    """A two-second WebM (VP8) showing "DGS", written with OpenCV's bundled FFmpeg (the project already needs
    OpenCV for the scans; no ffmpeg binary on this machine). None if this build cannot write WebM."""
    try:
        import cv2
        import numpy as np
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dgs.webm"
        writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"VP80"), 10, (320, 180))
        if not writer.isOpened():
            return None
        for _frame in range(20):
            frame = np.full((180, 320, 3), (138, 79, 11), np.uint8)  # the site's blue (#0b4f8a) as BGR
            cv2.putText(frame, "DGS", (100, 110), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 4)
            writer.write(frame)
        writer.release()
        data = path.read_bytes() if path.exists() else b""
    return data if data.startswith(b"\x1a\x45\xdf\xa3") else None


def ensure_video():
    video = SignLanguageVideo.objects.filter(video=VIDEO_NAME).first()
    if video is not None:
        return video
    if not default_storage.exists(VIDEO_NAME):
        data = demo_video_bytes()
        if data is None:
            logger.info("No demo DGS video: this OpenCV build cannot write WebM; the page says the video follows.")
            return None
        default_storage.save(VIDEO_NAME, ContentFile(data))
    if not default_storage.exists(CAPTIONS_NAME):
        default_storage.save(CAPTIONS_NAME, ContentFile(CAPTIONS.encode()))
    video = SignLanguageVideo(title="Mitgestalten in Deutscher Gebärdensprache (Beispiel)",
                              duration=datetime.timedelta(seconds=2), transcript=TRANSCRIPT)
    video.video.name, video.captions.name = VIDEO_NAME, CAPTIONS_NAME
    video.save()
    return video


def load():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    statement = _ensure(home, AccessibilityStatementPage, "barrierefreiheit", STATEMENT,
                        extra=STATEMENT_COMMON, barriers=BARRIERS)
    _ensure(home, EasyLanguagePage, "leichte-sprache", EASY_LANGUAGE)
    _ensure(home, SignLanguagePage, "gebaerdensprache", SIGN_LANGUAGE, extra={"video": ensure_video()})
    footer = FooterSettings.for_site(site)
    if footer.accessibility_page_id is None:
        footer.accessibility_page = Page.objects.get(pk=statement.pk)
        footer.save()
