from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.antispam import form_started_token, honeypot_field
from core.i18n import SourceLanguageSelect
from core.municipalities import districts_of_page
from participation.ideas import receipts
from participation.ideas.models import Channel, Idea
from participation.ideas.uploads import MAX_IMAGES, clean_image, no_room_error

# South-west and north-east corner of the region the map accepts (Lübeck and its surroundings).
REGION = (53.70, 10.40, 54.10, 11.10)


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    widget = MultipleImageInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleImageField, self).clean(item, initial) for item in files]


class IdeaForm(forms.ModelForm):
    """The public idea form. Images that passed their checks survive a form error (kept_images, held by
    `pending`, a participation.ideas.uploads.PendingImages; without one the form takes no images)."""

    images = MultipleImageField(
        label=_("Images (up to 3)"),
        help_text=_("JPEG, PNG or WebP, at most 8 MB each. We remove location and camera data."),
    )
    kept_images = forms.CharField(required=False, widget=forms.MultipleHiddenInput)
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my idea is published with the name I give."),
        error_messages={"required": _("Please agree to the privacy notice, or we cannot accept the idea.")},
    )
    consent.privacy_notice = True  # its hint links the privacy page (core/includes/form_field.html)
    website = honeypot_field()
    form_started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    class Meta:
        model = Idea
        fields = ["title", "description", "category", "district", "location_text", "latitude", "longitude",
                  "author_name", "contact_email", "notify"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            # German names: marked lang="de" on the other languages' pages.
            "category": SourceLanguageSelect, "district": SourceLanguageSelect,
            # Set by clicking on the map (ideas/js/map.js); the place field is the accessible way.
            "latitude": forms.HiddenInput,
            "longitude": forms.HiddenInput,
        }
        help_texts = {
            "title": _("A short title, for example “More benches along the Trave”."),
            "description": _("What is your idea, and why would it help? Plain text is fine, up to 5,000 characters."),
            "author_name": _("Shown with your idea. Leave empty to appear as “anonymous”."),
        }

    def __init__(self, *args, process, user, pending=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        self.user = user
        self.pending = pending
        self.fields["category"].queryset = process.allowed_categories()
        self.fields["district"].queryset = districts_of_page(process)  # its municipality's (issue 26)
        self.fields["district"].empty_label = _("The whole region / no particular district")
        self.fields["title"].widget.attrs["maxlength"] = 150
        if user.is_authenticated:
            del self.fields["contact_email"]
            # Her profile name, to keep or to change; emptied, the idea is shown as "anonymous" (as the hint says).
            self.initial.setdefault("author_name", user.display_name)
        else:
            self.fields["contact_email"].required = True
            self.fields["contact_email"].help_text = _(
                "We send you a link to confirm your idea. It is published only after you click it."
            )
        self.initial.setdefault("form_started", form_started_token())
        self.pending_tokens = []

    def clean(self):
        cleaned = super().clean()
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lon is None):
            cleaned["latitude"] = cleaned["longitude"] = None
        elif lat is not None and not (REGION[0] <= lat <= REGION[2] and REGION[1] <= lon <= REGION[3]):
            self.add_error("location_text", _("The place on the map lies outside the Lübeck region. "
                                              "Please mark a place in the region or describe it in words."))
        return cleaned

    def clean_images(self):
        """The stored names of the images to send (each checked and kept), or a ValidationError."""
        uploads = self.cleaned_data.get("images") or []
        if self.pending is None:
            return []
        removed = set(self.data.getlist("remove_images"))  # ticked "Remove" beside an image kept from a send
        kept = [token for token in self.data.getlist("kept_images")
                if token not in removed and self.pending.name(token)]
        if len(uploads) + len(kept) > MAX_IMAGES:
            raise ValidationError(_("Please choose at most %(count)s images.") % {"count": MAX_IMAGES})
        tokens, errors = list(kept), []
        for upload in uploads:
            # Bounded before the image is decoded (the upload's size) and again with the bytes to keep.
            if not self.pending.room_for(upload.size):
                errors.append(no_room_error())
                break
            try:
                data, extension = clean_image(upload)
            except ValidationError as error:
                errors.extend(error.messages)
                continue
            if not self.pending.room_for(len(data)):
                errors.append(no_room_error())
                break
            # Every image that passed is kept on the server, so a correction elsewhere loses none of them.
            tokens.append(self.pending.keep(data, extension))
        self.pending_tokens = tokens
        if errors:
            raise ValidationError(errors)
        return [self.pending.name(token) for token in tokens]


class DeskIdeaForm(IdeaForm):
    """Staff enter an idea for a resident at a desk, at an event or from a paper form."""

    channel = forms.ChoiceField(label=_("How did the idea reach us?"),
                                choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE])

    class Meta(IdeaForm.Meta):
        fields = ["channel", "event", *IdeaForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        events = self.process.events()
        if events.exists():
            self.fields["event"].queryset = events
            self.fields["event"].label = _("Collected at an event?")
            self.fields["event"].empty_label = _("No: not at an event")
            self.fields["event"].help_text = _("Choosing an event sets the channel to “Event”, so the idea counts "
                                               "in the event's results.")
        else:
            del self.fields["event"]
        self.fields["contact_email"] = Idea._meta.get_field("contact_email").formfield(
            required=False, help_text=_("Only if the resident wants updates by email."))
        self.fields["consent"].label = _("The resident has read the privacy notice (or had it read out) and agrees.")
        self.fields["consent"].error_messages["required"] = _(
            "Without the resident's consent we cannot enter the idea."
        )
        del self.fields["website"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("event") and "channel" in self.fields:  # paper entry sets the channel itself
            cleaned["channel"] = Channel.EVENT
        return cleaned


class ReceiptLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Receipt number"),
        max_length=40,
        help_text=_("As on your receipt, with the four characters at the end, for example ID-2026-0042-K7FX, "
                    "or from a paper form: 000123-4567."),
    )

    def clean_reference(self):
        """A participation.ideas.receipts.Receipt; spaces, dashes, lower case and a missing "ID-" are forgiven."""
        receipt = receipts.parse(self.cleaned_data["reference"])
        if receipt is None:
            raise ValidationError(
                _("A receipt number looks like ID-2026-0042-K7FX or, on paper, 000123-4567."), code="invalid")
        return receipt


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Be fair and stay on topic. Comments appear after moderation if the process says so."),
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    website = honeypot_field()
    form_started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("form_started", form_started_token())


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong with it? (optional)"), max_length=300, required=False)


class GuestSupportForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"),
                             help_text=_("We send you a link; your support counts once you click it."))
