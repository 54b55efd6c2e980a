from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import ConsentRecord, User

SIGNUP_CONSENT_TEXT = _("I have read the privacy notice and agree that my data is processed for my account.")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name"]


class SignupConsentForm(forms.Form):
    """Added to allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): consent to the privacy notice, recorded
    with the text's version once the account exists."""

    consent = forms.BooleanField(
        label=SIGNUP_CONSENT_TEXT,
        error_messages={"required": _("Please agree to the privacy notice, or we cannot open an account.")},
    )
    consent.privacy_notice = True  # its hint links the privacy page (core/includes/form_field.html)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # allauth builds its fields after ours: the consent box goes last, next to the button.
        self.order_fields([name for name in self.fields if name != "consent"] + ["consent"])

    def signup(self, request, user):
        from accounts.consent import record_consent

        record_consent(ConsentRecord.Purpose.ACCOUNT, SIGNUP_CONSENT_TEXT, user=user)


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password: proof that it is the person, not whoever finds an open
    session (the confirmation word alone would not be)."""

    password = forms.CharField(label=_("Your password"), strip=False, max_length=4096,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password. Your account has not been deleted."),
                                        code="wrong_password")
        return password


