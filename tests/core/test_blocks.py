"""The shared content blocks render accessibly from one body definition."""

import pytest
from wagtail.blocks import StructBlockValidationError

from core.blocks import CallToActionBlock

pytestmark = pytest.mark.django_db


def test_every_block_renders_with_its_accessible_markup(client, block_page):
    html = client.get("/de/alle-bausteine/").content.decode()
    assert "<caption>Geförderte Maßnahmen</caption>" in html
    assert '<th scope="col"' in html
    assert "<summary" in html and "Wer kann mitmachen?" in html
    assert 'href="/de/ueber-mitgestalten/"' in html and "Mehr erfahren" in html
    assert "Digitale Strategie (PDF)" in html and "(PDF, " in html
    assert 'href="mailto:smartcity@luebeck.example"' in html and 'href="tel:04511220"' in html
    assert "kern-alert--warning" in html and "Beteiligung bis 31. Dezember." in html


def test_call_to_action_needs_a_target():
    block = CallToActionBlock()
    value = block.to_python({"title": "Mitmachen", "text": "", "page": None, "url": "", "button_label": "Los"})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)
