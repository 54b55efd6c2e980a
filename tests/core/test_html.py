from core.html import clean_html


def test_scripts_and_event_handlers_are_removed():
    cleaned = clean_html('<p onclick="steal()">Hallo <script>alert(1)</script><img src=x onerror=alert(1)></p>')
    assert "<script" not in cleaned
    assert "onclick" not in cleaned
    assert "<img" not in cleaned
    assert cleaned.startswith("<p>Hallo")


def test_allowed_formatting_survives_and_links_are_hardened():
    cleaned = clean_html('<p><strong>Wichtig</strong>: <a href="https://luebeck.de">Lübeck</a></p>')
    assert "<strong>Wichtig</strong>" in cleaned
    assert 'href="https://luebeck.de"' in cleaned
    assert 'rel="nofollow noopener noreferrer"' in cleaned


def test_javascript_urls_are_dropped():
    cleaned = clean_html('<a href="javascript:alert(1)">klick</a>')
    assert "javascript:" not in cleaned
    assert "klick" in cleaned


def test_empty_input_gives_empty_string():
    assert clean_html(None) == ""
    assert clean_html("") == ""
