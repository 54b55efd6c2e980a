"""Forms of the organisations' area: registration, opportunities with their shifts, attendance,
certificate records and messages."""

from django import forms
from django.db.models import Count, Q
from django.forms import inlineformset_factory
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.i18n import LANGUAGES_SPOKEN
from core.models import District
from volunteering import organisation as org
from volunteering.models import (
    Interest,
    Message,
    Opportunity,
    Organisation,
    Shift,
    Signup,
    Skill,
)

DATE_INPUT = {"type": "date"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class OrganisationForm(forms.ModelForm):
    district = forms.ModelChoiceField(District.objects.all(), required=False, label=_("District"),
                                      empty_label=_("– not given –"))

    class Meta:
        model = Organisation
        fields = ["name", "description", "contact_email", "contact_phone", "address", "district"]
        labels = {"name": _("Name of the organisation"), "description": _("What does your organisation do?"),
                  "contact_email": _("Email address for volunteers and the coordinators"),
                  "contact_phone": _("Phone"), "address": _("Address")}
        help_texts = {"contact_email": _("Volunteers never see it; messages reach you through the site."),
                      "description": _("At most 3,000 characters.")}
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class OpportunityForm(forms.ModelForm):
    interests = forms.ModelMultipleChoiceField(Interest.objects.all(), required=False,
                                               widget=forms.CheckboxSelectMultiple, label=_("Fields of engagement"))
    skills = forms.ModelMultipleChoiceField(Skill.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
                                            label=_("Skills wanted"))
    languages = forms.MultipleChoiceField(choices=LANGUAGES_SPOKEN, required=False,
                                          widget=forms.CheckboxSelectMultiple, label=_("Languages used"))
    requirements = forms.MultipleChoiceField(choices=Opportunity.Requirement.choices, required=False,
                                             widget=forms.CheckboxSelectMultiple, label=_("Requirements"))
    district = forms.ModelChoiceField(District.objects.all(), required=False, label=_("District"),
                                      empty_label=_("– not given –"))
    minimum_age = forms.IntegerField(label=_("Minimum age"), min_value=0, max_value=99, initial=16)
    hours_per_week = forms.DecimalField(label=_("Hours per week"), required=False, min_value=0, max_value=60,
                                        decimal_places=1)
    minimum_weeks = forms.IntegerField(label=_("Minimum commitment in weeks"), required=False, min_value=1,
                                       max_value=520)

    class Meta:
        model = Opportunity
        fields = ["title", "description", "language", "kind", "place", "district", "remote", "interests", "skills",
                  "languages", "wheelchair_accessible", "little_german", "family_friendly", "minimum_age",
                  "requirements", "hours_per_week", "minimum_weeks", "published"]
        labels = {"title": _("Title"), "description": _("Description"), "kind": _("Kind"), "place": _("Place"),
                  "language": _("Language of title and description"),
                  "remote": _("Possible from home"), "wheelchair_accessible": _("Wheelchair accessible"),
                  "little_german": _("Suitable with little German"), "family_friendly": _("Family-friendly"),
                  "published": _("Published")}
        help_texts = {
            "description": _("At most 5,000 characters."),
            "published": _("Published opportunities are public once the coordinators have verified your "
                           "organisation."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False  # not sent: the model's default (German) stays
        if not self.instance.pk:  # a new opportunity is most likely written in the language of the page
            self.fields["language"].initial = translation.get_language()


class ShiftForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label=_("Starts"), input_formats=[DATETIME_FORMAT],
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                               format=DATETIME_FORMAT))
    ends_at = forms.DateTimeField(label=_("Ends"), input_formats=[DATETIME_FORMAT],
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT))
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=1)

    class Meta:
        model = Shift
        fields = ["starts_at", "ends_at", "capacity"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.held = 0
        self.has_signups = False
        if self.instance.pk:
            self.held = getattr(self.instance, "held", None)
            if self.held is None:
                self.held = Signup.objects.filter(shift=self.instance, status__in=Signup.HOLDS_A_PLACE).count()
            self.has_signups = getattr(self.instance, "signup_count", None)
            if self.has_signups is None:
                self.has_signups = self.instance.signups.exists()

    def clean(self):
        cleaned = super().clean()
        starts, ends, capacity = cleaned.get("starts_at"), cleaned.get("ends_at"), cleaned.get("capacity")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        if starts and starts <= timezone.now() and not self._was_in_the_past():
            # An error, not a warning: nobody can sign up for a shift that has begun, so a past start is a
            # typo (wrong year or day). Shifts already past may still be corrected (hours, places).
            self.add_error("starts_at", _("This date is in the past: nobody could sign up for it. Please check the "
                                          "day and the year."))
        if capacity is not None and capacity < self.held:
            self.add_error("capacity", _("%(held)s places are already held on this shift: the number of places "
                                         "cannot be lower.") % {"held": self.held})
        return cleaned

    def _was_in_the_past(self):
        return self.instance.pk is not None and self.initial.get("starts_at") is not None and (
            self.initial["starts_at"] <= timezone.now())


class BaseShiftFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # Django skips the checks of forms marked for deletion, so this one lives on the formset.
        for form in self.deleted_forms:
            if form.has_signups:
                raise forms.ValidationError(
                    _("People have signed up for the shift of %(date)s: it cannot be deleted. Please write to "
                      "them or decline them first.") % {"date": org._date(form.instance.starts_at)})

    def get_queryset(self):
        # Kept, like Django's own: the formset asks for it once per form, and a new queryset each time cost
        # five queries per shift (58 queries with 5 shifts, 783 with 150; now 58 with any number).
        if not hasattr(self, "_annotated"):
            self._annotated = super().get_queryset().annotate(
                held=Count("signups", filter=Q(signups__status__in=Signup.HOLDS_A_PLACE)),
                signup_count=Count("signups"),
            ).order_by("starts_at")
        return self._annotated


ShiftFormSet = inlineformset_factory(Opportunity, Shift, form=ShiftForm, formset=BaseShiftFormSet, extra=2,
                                     can_delete=True, max_num=200, validate_max=True)


class AttendanceForm(forms.Form):
    """One confirmed person on a shift: came (with hours) or did not come."""

    presence = forms.ChoiceField(choices=[("attended", _("attended")), ("no_show", _("did not come"))],
                                 required=False, widget=forms.RadioSelect)
    hours = forms.DecimalField(min_value=0, max_value=24, decimal_places=2, required=False)

    def __init__(self, *args, signup, **kwargs):
        self.signup = signup
        default_hours = signup.hours if signup.hours is not None else org.shift_hours(signup.shift)
        initial = {"hours": default_hours}
        if signup.status in (Signup.Status.ATTENDED, Signup.Status.NO_SHOW):
            initial["presence"] = signup.status
        super().__init__(*args, prefix=f"person-{signup.pk}", initial=initial, **kwargs)
        name = org.public_name(signup.volunteer)
        self.fields["presence"].label = name
        self.fields["hours"].label = _("Hours of %(name)s") % {"name": name}
        self.fields["hours"].widget.attrs["inputmode"] = "decimal"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("presence") == "attended" and cleaned.get("hours") is None and "hours" not in self.errors:
            self.add_error("hours", _("Please enter the hours (0 to 24)."))
        return cleaned


class CertificateRecordForm(forms.Form):
    requirement = forms.ChoiceField(label=_("Certificate"), choices=Opportunity.Requirement.choices)
    seen_on = forms.DateField(label=_("Seen on"), widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"))
    issued_on = forms.DateField(label=_("Issued on"), widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
                                help_text=_("A police certificate may be at most three months old when you see it."))
    due_on = forms.DateField(label=_("Due again on"), required=False,
                             widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
                             help_text=_("Leave empty for five years after the issue date."))

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["seen_on"].initial = self.today

    def clean(self):
        cleaned = super().clean()
        errors = org.certificate_errors(cleaned.get("requirement"), cleaned.get("seen_on"), cleaned.get("issued_on"),
                                        cleaned.get("due_on"), self.today)
        for field, message in errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned


class MessageForm(forms.ModelForm):
    class Meta:
        model = Message
        fields = ["body"]
        labels = {"body": _("Your message")}
        help_texts = {"body": _("At most 2,000 characters. Please do not send documents or health data.")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Please write a message."))
        return body
