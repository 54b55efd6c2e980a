"""Filling a page's form the way a visitor would, from its HTML (the load test's visitors; no Django imports, so
locust can load it; tests/core/test_bench.py proves that what it fills is accepted)."""

from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The first form whose action matches (or the first POST form): its action and the fields to send."""

    def __init__(self, wanted_action=None):
        super().__init__(convert_charrefs=True)
        self.wanted_action, self.forms, self._form, self._select, self._textarea = wanted_action, [], None, None, None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "get").lower() == "post":
            self._form = {"action": attributes.get("action", ""), "fields": [], "radios": {}, "checkboxes": {},
                          "selects": {}, "buttons": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            kind, name = (attributes.get("type") or "text").lower(), attributes.get("name")
            if not name:
                return
            if kind == "radio":
                self._form["radios"].setdefault(name, []).append(attributes.get("value", "on"))
            elif kind == "checkbox":
                self._form["checkboxes"].setdefault(name, []).append(
                    (attributes.get("value", "on"), "required" in attributes))
            elif kind == "submit":
                self._form["buttons"].append((name, attributes.get("value", "")))
            elif kind != "file":
                self._form["fields"].append((name, kind, attributes.get("value", ""), attributes))
        elif tag == "textarea" and attributes.get("name"):
            self._form["fields"].append((attributes["name"], "textarea", "", attributes))
        elif tag == "select" and attributes.get("name"):
            self._select = attributes["name"]
            self._form["selects"][self._select] = []
        elif tag == "option" and self._select:
            self._form["selects"][self._select].append(attributes.get("value", ""))
        elif tag == "button" and attributes.get("name"):
            self._form["buttons"].append((attributes["name"], attributes.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def fill(html, marker, email, wanted=None):
    """(action, data) for the page's form: hidden fields kept, text answered with the marker, a choice made
    for every select and radio group, required boxes ticked; None when the page has no such form."""
    reader = FormReader()
    reader.feed(html)
    forms = [form for form in reader.forms if wanted is None or wanted in form["action"]] or reader.forms
    forms = [form for form in forms if "logout" not in form["action"] and "sprache" not in form["action"]]
    if not forms:
        return None
    form = max(forms, key=lambda f: len(f["fields"]) + len(f["radios"]) + len(f["selects"]))
    data = {}
    for name, kind, value, attributes in form["fields"]:
        if kind == "hidden":
            data[name] = value
        elif name == "website" or name in ("latitude", "longitude"):
            data[name] = ""  # the honeypot stays empty; no map position
        elif kind == "email":
            data[name] = email
        elif kind == "number":
            data[name] = attributes.get("min") or "3"
        elif kind == "date":
            data[name] = "2026-12-01"
        elif kind == "tel":
            data[name] = "0451 1220"
        elif kind != "password":  # text, textarea, search, url and the like
            limit = int(attributes.get("maxlength") or 200)
            data[name] = f"Lasttest {marker}: mehr Bänke an der Trave"[:limit]
    for name, options in form["selects"].items():
        values = [option for option in options if option]
        if values:
            data[name] = values[0]
    for name, values in form["radios"].items():
        data[name] = values[0]
    for name, boxes in form["checkboxes"].items():
        required = [value for value, is_required in boxes if is_required]
        if required or name in ("consent", "privacy", "accept") or len(boxes) > 1:
            data[name] = required or [boxes[0][0]]
    for name, value in form["buttons"]:
        if name in ("next", "submit", "send", "action") or value in ("next", "submit", "send"):
            data[name] = value
            break
    return form["action"], data
