"""The volunteer's profile form: what they like, can, speak, and when and where they have time."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import LANGUAGES_SPOKEN
from core.models import District
from volunteering.models import Interest, Skill, VolunteerProfile

WEEKDAY_LABELS = [("mon", _("Monday")), ("tue", _("Tuesday")), ("wed", _("Wednesday")), ("thu", _("Thursday")),
                  ("fri", _("Friday")), ("sat", _("Saturday")), ("sun", _("Sunday"))]
PART_LABELS = [("morning", _("morning")), ("afternoon", _("afternoon")), ("evening", _("evening"))]


def clean_certificate_name(value):
    """One space between words, and never an email address in place of a name."""
    name = " ".join((value or "").split())
    if "@" in name:
        raise forms.ValidationError(_("Please enter your name, not an email address."))
    return name


class VolunteerProfileForm(forms.ModelForm):
    interests = forms.ModelMultipleChoiceField(Interest.objects.all(), required=False,
                                               widget=forms.CheckboxSelectMultiple,
                                               label=_("What would you like to do?"))
    skills = forms.ModelMultipleChoiceField(Skill.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
                                            label=_("What can you contribute?"))
    languages = forms.MultipleChoiceField(choices=LANGUAGES_SPOKEN, required=False,
                                          widget=forms.CheckboxSelectMultiple, label=_("Languages you speak"))
    availability = forms.MultipleChoiceField(
        # Each box sits in a fieldset named after its weekday, so its own label is the part of the day.
        choices=[(f"{day}-{part}", part_label)
                 for day, _day_label in WEEKDAY_LABELS for part, part_label in PART_LABELS],
        required=False, widget=forms.CheckboxSelectMultiple, label=_("When do you have time?"),
    )
    home_district = forms.ModelChoiceField(District.objects.all(), required=False, label=_("Your part of town"),
                                           empty_label=_("– not given –"))
    max_km = forms.IntegerField(min_value=1, max_value=60, initial=10, label=_("How far would you go (km)?"))

    class Meta:
        model = VolunteerProfile
        fields = ["interests", "skills", "languages", "availability", "home_district", "max_km", "remote_only",
                  "needs_wheelchair_access", "needs_little_german", "birth_year", "weekly_digest", "full_name"]
        labels = {"full_name": _("Your name on the certificate of volunteering"),
                  "remote_only": _("Only engagements I can do from home"),
                  "needs_little_german": _("I speak little German: show engagements where that is fine"),
                  "weekly_digest": _("Send me new suggestions once a week by email")}
        help_texts = {"birth_year": _("Some engagements have a minimum age. We use the year only for that."),
                      "full_name": _("Printed on your certificate of volunteering (Ehrenamtsnachweis).")}

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.now().year
        if year is not None and not (this_year - 110 <= year <= this_year - 10):
            raise forms.ValidationError(_("Please enter a year between %(first)s and %(last)s.")
                                        % {"first": this_year - 110, "last": this_year - 10})
        return year

    def clean_full_name(self):
        return clean_certificate_name(self.cleaned_data.get("full_name"))

    def availability_grid(self):
        """The availability checkboxes grouped by weekday, for one fieldset per day."""
        field = self["availability"]
        options = list(field)
        return [(label, options[index * 3:index * 3 + 3]) for index, (_day, label) in enumerate(WEEKDAY_LABELS)]


class CertificateNameForm(forms.Form):
    """The name the Ehrenamtsnachweis is made out to, asked once and kept on the volunteer profile."""

    full_name = forms.CharField(
        label=_("Your full name"), max_length=150,
        help_text=_("As it should appear on the certificate, for example “Erika Mustermann”. We keep it with your "
                    "volunteer profile for later certificates; you can change it there."),
        error_messages={"required": _("Please enter your name: the certificate confirms your engagement by name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_full_name(self):
        name = clean_certificate_name(self.cleaned_data["full_name"])
        if len(name) < 2:
            raise forms.ValidationError(_("Please enter your name: the certificate confirms your engagement by name."))
        return name
