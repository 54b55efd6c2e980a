"""Render form fields accessibly: the label, hint and error are tied to the input."""

from django import forms, template

register = template.Library()

CHECK_TYPES = {"checkbox", "radio"}


def input_type(bound_field):
    widget = bound_field.field.widget
    if isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return getattr(widget, "input_type", "text")


@register.filter
def field_kind(bound_field):
    kind = input_type(bound_field)
    if kind in CHECK_TYPES:
        return "check"
    if kind == "select":
        return "select"
    return "input"


@register.filter
def counts_characters(bound_field):
    """A long text with a limit: its hint says the limit and counts down (core/js/char-count.js), so nothing is cut
    off without a word (the browser's maxlength would cut a paste silently; the form refuses too long a text)."""
    return input_type(bound_field) == "textarea" and bool(getattr(bound_field.field, "max_length", None))


@register.simple_tag
def field_widget(bound_field):
    """The widget with KERN classes and ARIA links to its hint and error messages."""
    kind = field_kind(bound_field)
    css = {
        "check": "kern-form-check__checkbox",
        "select": "kern-form-input__select",
        "input": "kern-form-input__input",
    }[kind]
    described_by = []
    if bound_field.help_text or getattr(bound_field.field, "privacy_notice", False):
        described_by.append(f"{bound_field.auto_id}-hint")
    attrs = {"class": css}
    if counts_characters(bound_field):
        described_by.append(f"{bound_field.auto_id}-count")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}-error")
        attrs["class"] += f" {css}--error"
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
