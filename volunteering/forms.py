"""The volunteer's profile form: what they like, can, speak, and when and where they have time."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import District
from volunteering.models import LANGUAGES_SPOKEN, Interest, Skill, VolunteerProfile

WEEKDAY_LABELS = [("mon", _("Monday")), ("tue", _("Tuesday")), ("wed", _("Wednesday")), ("thu", _("Thursday")),
                  ("fri", _("Friday")), ("sat", _("Saturday")), ("sun", _("Sunday"))]
PART_LABELS = [("morning", _("morning")), ("afternoon", _("afternoon")), ("evening", _("evening"))]


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
                  "needs_wheelchair_access", "needs_little_german", "birth_year", "weekly_digest"]
        labels = {"remote_only": _("Only engagements I can do from home"),
                  "needs_little_german": _("I speak little German: show engagements where that is fine"),
                  "weekly_digest": _("Send me new suggestions once a week by email")}
        help_texts = {"birth_year": _("Some engagements have a minimum age. We use the year only for that.")}

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.now().year
        if year is not None and not (this_year - 110 <= year <= this_year - 10):
            raise forms.ValidationError(_("Please enter a year between %(first)s and %(last)s.")
                                        % {"first": this_year - 110, "last": this_year - 10})
        return year

    def availability_grid(self):
        """The availability checkboxes grouped by weekday, for one fieldset per day."""
        field = self["availability"]
        options = list(field)
        return [(label, options[index * 3:index * 3 + 3]) for index, (_day, label) in enumerate(WEEKDAY_LABELS)]
