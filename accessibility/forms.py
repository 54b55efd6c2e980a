from django import forms
from django.utils.translation import gettext_lazy as _

from accessibility.display import MODES
from accessibility.models import FeedbackTicket
from core.antispam import honeypot_field


class FeedbackForm(forms.Form):
    """The public barrier report: no account, no JavaScript; a honeypot instead of a captcha (core.antispam)."""

    page = forms.CharField(
        label=_("Which page is it about?"), max_length=500, required=False,
        help_text=_("We have filled in the page you came from. You can change it or describe the page."),
    )
    kind = forms.ChoiceField(
        label=_("What would you like to tell us?"), choices=FeedbackTicket.Kind.choices,
        widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"}),
        error_messages={"required": _("Choose whether you found a barrier or need content in another format.")},
    )
    description = forms.CharField(
        label=_("Please describe the barrier or the content you need"), min_length=10, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For example: which part of the page, what happened, which aid you use. At most 5,000 "
                    "characters."),
        error_messages={
            "required": _("Please describe the barrier or the content you need."),
            "min_length": _("Please describe it in a few more words (at least %(limit_value)d characters)."),
            "max_length": _("Please shorten your description to at most %(limit_value)d characters (it has "
                            "%(show_value)d)."),
        },
    )
    preferred_format = forms.ChoiceField(
        label=_("In which format do you need the content?"), required=False,
        choices=[("", _("Please choose"))] + FeedbackTicket.Format.choices,
        help_text=_("Needed if you ask for content in an accessible format."),
    )
    name = forms.CharField(label=_("Your name"), max_length=150, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Your email address"), max_length=254, required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Needed if you want an answer: without it we cannot reply. We use it only for this report "
                    "and delete it one year after the report is closed."),
        error_messages={"invalid": _("Enter an email address like name@example.org.")},
    )
    website = honeypot_field()  # checked with the rate limit in the view (core.antispam)

    def clean_page(self):
        # One line, no control characters: it is shown in the admin and quoted in mails.
        return " ".join(self.cleaned_data["page"].split())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == FeedbackTicket.Kind.FORMAT and not cleaned.get("preferred_format"):
            self.add_error("preferred_format", _("Choose the format you need."))
        return cleaned


class DisplayForm(forms.Form):
    modes = forms.MultipleChoiceField(
        label=_("Display"), required=False, choices=list(MODES.items()),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
