"""The volunteer desk's form: coordinators register a person who comes by or calls, with or without email."""

import secrets

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from volunteering.forms import VolunteerProfileForm
from volunteering.models import NO_EMAIL_DOMAIN


class DeskRegistrationForm(VolunteerProfileForm):
    """The person's name and how to reach them, plus the parts of the volunteer profile that matter for a
    first engagement; the rest they can add later online. Saving creates an account without password."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"), max_length=254, required=False,
        help_text=_("Leave empty if the person has no email address: then the desk lets them know by phone "
                    "or post."),
    )
    consent = forms.BooleanField(
        label=_("The person agreed that their data is stored to arrange the engagement."),
        error_messages={"required": _("Without the person's consent nothing can be stored. Please ask them first.")},
    )
    # Not asked at the desk: the person can add them online later.
    skills = availability = home_district = max_km = None

    field_order = ["first_name", "last_name", "phone", "postal_address", "email", "languages", "interests",
                   "birth_year", "needs_wheelchair_access", "needs_little_german", "consent"]

    class Meta(VolunteerProfileForm.Meta):
        fields = ["phone", "postal_address", "languages", "interests", "birth_year", "needs_wheelchair_access",
                  "needs_little_german"]
        labels = {"phone": _("Phone"), "postal_address": _("Postal address"),
                  "needs_wheelchair_access": _("Needs wheelchair access"),
                  "needs_little_german": _("Speaks little German")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The profile form speaks to the volunteer; here a coordinator fills it in for them.
        self.fields["interests"].label = _("Fields of engagement the person is interested in")
        self.fields["languages"].label = _("Languages the person speaks")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email and get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("There is already an account with this email address. Search for the "
                                          "person by name, or leave the field empty."))
        return email

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("phone", "postal_address", "email")):
            # Shown at the first of the three fields, so that the summary's link leads somewhere.
            self.add_error("phone", _("Please enter a phone number, a postal address or an email address, so that "
                                      "the desk can reach the person."))
        return cleaned

    @transaction.atomic
    def save(self, commit=True, site=None):
        """Create the person's account (unusable password) and their volunteer profile, registered at `site`'s
        desk; returns the user."""
        data = self.cleaned_data
        # An address under the reserved .invalid domain keeps accounts unique; nothing is mailed there.
        email = data["email"] or f"desk-{secrets.token_hex(8)}@{NO_EMAIL_DOMAIN}"
        user = get_user_model().objects.create_user(email, None, first_name=data["first_name"].strip(),
                                                    last_name=data["last_name"].strip())
        profile = super().save(commit=False)
        profile.user = user
        profile.desk_site = site
        profile.save()
        self.save_m2m()
        return user
