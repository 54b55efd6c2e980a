"""The registration form on the event page, the organisers' desk and phone registration, and the answer to an
accessibility request."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.antispam import form_started_token, honeypot_field
from participation.events.models import AccessibilityRequest, Registration
from participation.events.registration import accepts_requests


class RequestsMixin:
    """The accessibility requests: one checkbox per need and a text for the details. Left out after the
    deadline (the template says why)."""

    def add_request_fields(self, event, always=False):
        self.takes_requests = always or accepts_requests(event)
        if not self.takes_requests:
            return
        deadline = date_format(event.request_deadline, "j. F Y")
        self.fields["requests"] = forms.MultipleChoiceField(
            label=_("What do you need to take part?"), required=False, choices=AccessibilityRequest.Kind.choices,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
            help_text=_("We try to arrange it and answer you by email. Requests until %(deadline)s.")
            % {"deadline": deadline},
        )
        self.fields["details"] = forms.CharField(
            label=_("Details of your request"), required=False, max_length=1000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("For example the age of the children or what else you need. Only the organisers see it."),
        )

    def clean_requests_and_details(self, cleaned):
        if AccessibilityRequest.Kind.OTHER in cleaned.get("requests", ()) and not cleaned.get("details", "").strip():
            self.add_error("details", _("Please tell us what else you need."))
        if cleaned.get("details", "").strip() and not cleaned.get("requests"):
            self.add_error("requests", _("Please tick what your details are about (or “Something else”)."))


class RegistrationForm(RequestsMixin, forms.Form):
    """The public form. Signed in: name and email address from her account, booked at once. As a guest: name,
    email address and consent; the place is hers once she clicks the link we mail."""

    name = forms.CharField(label=_("Your name"), max_length=150,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}),
                           error_messages={"required": _("Please enter your name.")})
    email = forms.EmailField(
        label=_("Your email address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send you a link to confirm your registration. Until you click it, no place is kept "
                    "for you."),
        error_messages={"required": _("Please enter your email address."),
                        "invalid": _("Enter an email address like name@example.org.")})
    consent_updates = forms.BooleanField(
        label=_("Send me news about this event and its process (for example the result)."), required=False)
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my registration is stored for this event."),
        error_messages={"required": _("Please agree to the privacy notice, or we cannot register you.")})
    consent.privacy_notice = True  # its hint links the privacy page (core/includes/form_field.html)
    website = honeypot_field()  # checked with the rate limit in the view (core.antispam)
    form_started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, event, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.is_authenticated:
            self.initial.setdefault("name", user.display_name or user.get_full_name())
            self.initial["email"] = user.email
            self.fields["email"].disabled = True  # her account's address, already confirmed
            self.fields["email"].required = False
            self.fields["email"].help_text = _("The address of your account. We send your confirmation there.")
            del self.fields["consent"]  # agreed when she made the account
        self.initial.setdefault("form_started", form_started_token())
        self.add_request_fields(event)

    def clean(self):
        cleaned = super().clean()
        self.clean_requests_and_details(cleaned)
        return cleaned


class DeskRegistrationForm(RequestsMixin, forms.Form):
    """Staff register a resident who came to the desk or called: booked at once, no confirmation needed."""

    channel = forms.ChoiceField(
        label=_("How did the registration reach us?"),
        choices=[(value, label) for value, label in Registration.Channel.choices
                 if value != Registration.Channel.ONLINE],
        widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email address"), required=False, max_length=254,
                             help_text=_("If given, the confirmation and reminders are mailed."))
    phone = forms.CharField(label=_("Phone"), required=False, max_length=50)
    postal_address = forms.CharField(label=_("Postal address"), required=False, max_length=500,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    consent_updates = forms.BooleanField(
        label=_("The resident wants news about this event and its process."), required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_request_fields(event, always=True)  # staff know what can still be arranged

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name, "").strip() for name in ("email", "phone", "postal_address")):
            self.add_error(None, _("Please give an email address, a phone number or a postal address, so we can "
                                   "reach the resident if something changes."))
        self.clean_requests_and_details(cleaned)
        return cleaned


class AnswerForm(forms.Form):
    """The organisers' answer to an accessibility request; mailed to her and shown on her registration's page."""

    status = forms.ChoiceField(
        label=_("Outcome"), widget=forms.RadioSelect,
        choices=[(value, label) for value, label in AccessibilityRequest.Status.choices
                 if value != AccessibilityRequest.Status.OPEN])
    answer = forms.CharField(label=_("Answer to the person"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 5}),
                             help_text=_("Mailed to her and shown on her registration's page."))
