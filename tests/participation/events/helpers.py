"""Registering in tests as a visitor would: the form on the event page, the link in the mail."""

import re

from core.antispam import form_started_token


def form_data(**overrides):
    data = {"name": "Gül Yılmaz", "email": "guel@example.org", "consent": "on", "form_started": form_started_token(),
            "website": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def register(client, event, capture, **overrides):
    with capture(execute=True):
        return client.post(event.url + "anmelden/", form_data(**overrides))


def link_in(message):
    """The path of the registration link in a mail (the site's own address cut off)."""
    match = re.search(r"https?://[^/\s]+(/\S*anmeldung/AN-\d{4}-\d+/\?token=\S+)", message.body)
    assert match, message.body
    return match.group(1)
