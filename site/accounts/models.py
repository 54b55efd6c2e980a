from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import private_storage
from core.models.jobs import Job


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account: resident, volunteer or staff member. Logs in with email."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"), max_length=80, blank=True,
        help_text=_("Shown next to your contributions. Leave empty to stay anonymous."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name or self.get_full_name() or self.email

    # Set when the person deletes the account (or retention does): the row stays as a tombstone without
    # personal data, so contributions keep an author ("deleted account") and nobody can log in with it.
    deleted_at = models.DateTimeField(_("account deleted"), null=True, blank=True, editable=False)
    # The language the person last used the site in (set at sign-up and at each sign-in, accounts.language):
    # mails the worker sends later (volunteering reminders, offers, digests) are written in it.
    language = models.CharField(_("language for mails"), max_length=12, blank=True, editable=False)
    # Set under the row's lock when the inactivity warning is mailed; cleared by the next login.
    inactivity_warned_at = models.DateTimeField(_("warned about inactivity"), null=True, blank=True,
                                                editable=False)

    @property
    def is_deleted(self):
        return self.deleted_at is not None


class DataExport(Job):
    """A ZIP of everything the site holds about one person ("download my data"), written by the worker.
    Only that person can download it, for DATA_EXPORT_KEEP_DAYS; then the file is deleted."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Preparing")
        RUNNING = "running", _("Preparing")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(_("file"), storage=private_storage, upload_to="data-exports/", max_length=200,
                            blank=True)

    task_name = "accounts.tasks.build_data_export"
    owner_field = "user"

    class Meta:
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"{self.user_id} {self.uuid}"

    @property
    def storage_name(self):
        """One fixed name per export: a second run replaces the file, never adds one."""
        return f"data-exports/{self.uuid}.zip"

    @property
    def is_preparing(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def describe(self):
        return str(_("the copy of your data"))

    def watch_url(self):
        return reverse("accounts:profile") + "#my-data"


class ConsentRecord(models.Model):
    """Proof of a consent: who agreed to which text (version, wording and its hash), for what, and when."""

    class Purpose(models.TextChoices):
        ACCOUNT = "account", _("Account and privacy notice")
        IDEA = "idea", _("Publishing an idea")

    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="consent_records")
    email = models.EmailField(_("email"), blank=True, help_text=_("Blanked when the account is deleted."))
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    text_version = models.CharField(_("text version"), max_length=40)
    text = models.TextField(_("text agreed to"))
    text_sha256 = models.CharField(_("SHA-256 of the text"), max_length=64)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at", "-pk"]

    def __str__(self):
        return f"{self.purpose} {self.text_version} {self.given_at:%Y-%m-%d %H:%M}"
