"""Settings shared by every environment. Everything that varies comes from the environment.

docs/operations.md "Configuration" has a table of every environment variable read here.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_ROOT = Path(__file__).resolve().parents[3]
SITE_DIR = PROJECT_ROOT / "site"
VAR_DIR = Path(os.environ.get("VAR_DIR", PROJECT_ROOT / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# .localhost: the demo's other municipalities (bad-schwartau.localhost, wismar.localhost), on this machine only.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,.localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Site-wide layer (site/); listed first so its templates override third-party ones.
    "accounts",
    "core",
    # Feature apps, each filled by its own issue.
    "blog",
    "participation",  # its URLs and the history of its tables; the three apps below hold its models
    "participation.ideas",
    "participation.events",
    "participation.surveys",
    "participation.paper",
    "volunteering",
    "accessibility",
    # Tools that span every app (demo loader, bench, load test): may import all of them.
    "tooling",
    # Wagtail and wagtail-localize (wagtail_localize.locales replaces wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts for residents and volunteers.
    "allauth",
    "allauth.account",
    "allauth.mfa",  # two-factor authentication, required for staff (accounts/mfa.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the cache before sessions, locale, CSRF, auth and the rest: a hit skips them all,
    # and what is stored is the response after they ran (headers included; one with a cookie is never stored).
    "core.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.i18n.LocaleMiddleware",  # Django's, without its redirect of a 404 under /api/, /admin/ and the like
    "core.municipalities.LanguageSetMiddleware",  # a language the host's municipality does not offer: redirect
    # A NUL or a lone surrogate in the path, query, form or cookies: 400 before any view (docs/operations.md "Faults").
    "core.input_guard.UnstorableInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.mfa.StaffMFAMiddleware",  # staff without two-factor authentication reach only its setup
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: an embedded SQLite file unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'mitgestalten.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web process and the Celery worker read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else process-local memory.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "mitgestalten",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Accounts: one User for residents, volunteers and staff; email is the login.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a mail scanner's GET must not confirm an address
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Mitgestalten] "
ACCOUNT_PRESERVE_USERNAME_CASING = False

# Languages: German is the source language; URLs carry the language prefix. Each language is named in
# itself (the switcher shows these names). Leichte Sprache is German in a regulated plain form with no
# registered language tag, so it gets the private-use tag "de-x-ls" (BCP 47: primary subtag "de", so
# screen readers keep reading German; "-x-ls" marks the variant). Its catalogue lives in
# site/locale/de_X-ls; strings it leaves out fall back to the German catalogue.
LANGUAGE_CODE = "de"
LEICHTE_SPRACHE = "de-x-ls"
LANGUAGES = [
    ("de", "Deutsch"),
    (LEICHTE_SPRACHE, "Leichte Sprache"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# wagtail-localize: its background jobs (translate a subtree, synchronise a locale) run in Celery.
WAGTAILLOCALIZE_JOBS = {"BACKEND": "core.localize_jobs.CeleryJobBackend"}
# "Translate this page" saves the copy as a draft (wagtail-localize's default publishes it when the original is
# live: German text under /en/ at once); a person publishes it once translated. See core/localize_drafts.py.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation is off: nothing leaves the server unless the city configures a service it trusts.
# MACHINE_TRANSLATOR=libretranslate (LIBRETRANSLATE_URL, LIBRETRANSLATE_API_KEY; can run on the city's
# own server) or MACHINE_TRANSLATOR=deepl (DEEPL_AUTH_KEY). Editors then see "Translate with …" in the
# translation editor, and every machine-made string stays a suggestion they review.
MACHINE_TRANSLATOR = os.environ.get("MACHINE_TRANSLATOR", "").strip().lower()
if MACHINE_TRANSLATOR == "libretranslate":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": os.environ["LIBRETRANSLATE_URL"],
                    "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", "")},
    }
elif MACHINE_TRANSLATOR == "deepl":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_AUTH_KEY"]},
    }
elif MACHINE_TRANSLATOR:
    raise ImproperlyConfigured(f"MACHINE_TRANSLATOR={MACHINE_TRANSLATOR!r}: use libretranslate or deepl")
# Django knows nothing about the Leichte Sprache tag; give it a name and direction like the others.
EXTRA_LANG_INFO = {
    LEICHTE_SPRACHE: {"bidi": False, "code": LEICHTE_SPRACHE, "name": "Easy-to-read German",
                      "name_local": "Leichte Sprache"},
}
WAGTAIL_I18N_ENABLED = True
# site/locale: our own strings (makemessages writes here). site/locale_overrides: allauth's German
# addresses people as "du"; this catalogue gives its strings in the formal "Sie" a city uses.
LOCALE_PATHS = [SITE_DIR / "locale", SITE_DIR / "locale_overrides"]
# Formats Django's locale modules leave out (config/formats/<language>/formats.py; Arabic had no date with time).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Static files are served by the site itself (WhiteNoise); vendored npm assets come from node_modules.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [
    ("vendor/kern", PROJECT_ROOT / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("vendor/leaflet", PROJECT_ROOT / "node_modules" / "leaflet" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # MEDIA_ROOT holds public content only (Wagtail images, sign language videos); Wagtail's documents go to
    # the private storage (core.files).
    "default": {"BACKEND": "core.files.MediaStorage"},
    # Every staff or personal file (print batches, form masters, idea images, scans, exports, data exports):
    # no URL, never under MEDIA_ROOT, served only by views that check the permission (core.files).
    "private": {"BACKEND": "core.files.PrivateStorage",
                "OPTIONS": {"location": os.environ.get("PRIVATE_ROOT", str(VAR_DIR / "private"))}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail: every message is stored first and sent by the Celery worker (core.mail). The
# delivery backend: SMTP when EMAIL_HOST is set, files when EMAIL_FILE_PATH is set, else the console.
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
if os.environ.get("EMAIL_HOST"):
    DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif os.environ.get("EMAIL_FILE_PATH"):
    DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
else:
    DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mitgestalten Lübeck <mitgestalten@luebeck.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: a broker that needs no server by default (files under var/), Redis when set.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    _queue_dir = VAR_DIR / "celery" / "queue"
    for _folder in (_queue_dir, VAR_DIR / "celery" / "processed", VAR_DIR / "celery" / "control"):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),  # else ./control in the working directory
        "store_processed": False,
    }
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "mitgestalten")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True  # every task is idempotent (each says why in its docstring)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TIMEZONE = TIME_ZONE
# Jobs people start and watch (core.jobs): a running job beats every few seconds; one silent for
# JOB_STALL_TIMEOUT seconds lost its worker and is sent again, until it was tried JOB_MAX_ATTEMPTS times, then
# failed with a message to its starter. The check runs every JOB_CHECK_INTERVAL seconds and at worker start.
# The timeout stays far above the longest step without a beat (closing a large XLSX: seconds).
JOB_STALL_TIMEOUT = int(os.environ.get("JOB_STALL_TIMEOUT", "300"))
JOB_CHECK_INTERVAL = int(os.environ.get("JOB_CHECK_INTERVAL", "60"))
JOB_MAX_ATTEMPTS = int(os.environ.get("JOB_MAX_ATTEMPTS", "2"))
MINUTE, HOUR, DAY = 60, 3600, 86400


def every(seconds, task):
    """A beat entry: `task` (its dotted path) every `seconds`."""
    return {"task": task, "schedule": float(seconds)}


CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": every(MINUTE, "core.tasks.publish_scheduled_pages"),
    "retry-unsent-mail": every(5 * MINUTE, "core.tasks.retry_unsent_mail"),
    "recover-stalled-jobs": every(JOB_CHECK_INTERVAL, "core.tasks.recover_stalled_jobs"),
    "delete-settled-scans": every(HOUR, "participation.paper.tasks.delete_settled_scans"),
    # Followers of a process: a phase begins, official answers are published (participation/ideas/following.py).
    "process-news": every(HOUR, "participation.ideas.tasks.collect_process_news"),
    # No scanned page is ever lost: a page neither counted, set aside nor waiting with a task gets one.
    "sweep-lost-scan-pages": every(10 * MINUTE, "participation.paper.tasks.sweep_lost_scan_pages"),
    # Retention (every rule with its setting: RETENTION_RULES in part_retention.py).
    "delete-unconfirmed-guest-submissions": every(
        HOUR, "participation.surveys.tasks.delete_unconfirmed_guest_submissions"),
    "delete-old-mail": every(DAY, "core.tasks.delete_old_mail"),
    # Export files may hold personal data: deleted once their download time (EXPORT_KEEP_HOURS) is over.
    "delete-expired-exports": every(HOUR, "core.tasks.delete_expired_exports"),
    # Volunteering mails: each task sends a mail once, whatever the overlap (see volunteering/tasks.py).
    "volunteering-missed-signup-mails": every(10 * MINUTE, "volunteering.tasks.send_missed_signup_mails"),
    "volunteering-shift-reminders": every(15 * MINUTE, "volunteering.tasks.send_shift_reminders"),
    "volunteering-nudge-organisations": every(HOUR, "volunteering.tasks.nudge_organisations"),
    "volunteering-expire-offers": every(HOUR, "volunteering.tasks.expire_offers"),
    "volunteering-certificate-records": every(DAY, "volunteering.tasks.delete_expired_certificate_records"),
    "volunteering-weekly-digests": every(7 * DAY, "volunteering.tasks.send_weekly_digests"),
    # Barrier reports: answers that missed the worker go out late, not never; reporters' names and addresses
    # are blanked FEEDBACK_RETENTION_DAYS after a report is closed (accessibility/feedback.py).
    "accessibility-missed-feedback-answers": every(10 * MINUTE, "accessibility.tasks.send_missed_feedback_answers"),
    "accessibility-feedback-retention": every(DAY, "accessibility.tasks.delete_expired_feedback_personal_data"),
    # Events: reminders the day before, lapsed offers, the retention schedule (participation/events/tasks.py).
    "events-reminders": every(15 * MINUTE, "participation.events.tasks.send_reminders"),
    "events-expire-offers": every(15 * MINUTE, "participation.events.tasks.expire_offers"),
    "events-retention": every(DAY, "participation.events.tasks.apply_retention"),
    # GDPR (accounts): "download my data" ZIPs deleted after DATA_EXPORT_KEEP_DAYS; inactive accounts warned,
    # then deleted INACTIVE_ACCOUNT_GRACE_DAYS later (accounts/deletion.py).
    "accounts-delete-expired-data-exports": every(HOUR, "accounts.tasks.delete_expired_data_exports"),
    "accounts-retire-inactive-accounts": every(DAY, "accounts.tasks.retire_inactive_accounts"),
}
# The volunteer desk's phone number, printed on flyers and desk confirmations for people without internet.
VOLUNTEER_DESK_PHONE = os.environ.get("VOLUNTEER_DESK_PHONE", "0451 122-0")  # city switchboard for now
# Where residents ask about their ideas, e.g. with a receipt printed or mailed before receipt numbers had check
# characters (the public lookup shows such a number's state to nobody: participation.ideas.receipts).
PARTICIPATION_CONTACT_EMAIL = os.environ.get("PARTICIPATION_CONTACT_EMAIL", "mitgestalten@luebeck.example")
PARTICIPATION_CONTACT_PHONE = os.environ.get("PARTICIPATION_CONTACT_PHONE", "0451 122-0")  # city switchboard for now
# Exports: up to this many rows a CSV/JSON export streams at once, bigger ones (and every XLSX) run as a
# Celery job whose file can be downloaded for EXPORT_KEEP_HOURS.
EXPORT_STREAM_LIMIT = int(os.environ.get("EXPORT_STREAM_LIMIT", "20000"))
EXPORT_KEEP_HOURS = int(os.environ.get("EXPORT_KEEP_HOURS", "24"))
# Open data (DCAT-AP.de metadata of anonymised exports for the Schleswig-Holstein portal).
OPENDATA_PUBLISHER = os.environ.get("OPENDATA_PUBLISHER", "Hansestadt Lübeck")
# The open data's contact point (dcat:contactPoint); empty: the address the site's mail comes from.
OPENDATA_CONTACT_EMAIL = os.environ.get("OPENDATA_CONTACT_EMAIL", "")
# Where the portal publishes the files (dcat:accessURL); empty: the page the data comes from.
OPENDATA_ACCESS_URL = os.environ.get("OPENDATA_ACCESS_URL", "")
OPENDATA_LICENSE = os.environ.get("OPENDATA_LICENSE", "http://dcat-ap.de/def/licenses/dl-by-de/2.0")
OPENDATA_GEOCODING_URI = os.environ.get("OPENDATA_GEOCODING_URI",
                                        "http://dcat-ap.de/def/politicalGeocoding/districtKey/01003")
# Barrier reports: answered within this many days (BITV asks for a timely answer); the reporter's name and
# address are blanked this many days after the report is closed.
FEEDBACK_ANSWER_DAYS = int(os.environ.get("FEEDBACK_ANSWER_DAYS", "14"))
FEEDBACK_RETENTION_DAYS = int(os.environ.get("FEEDBACK_RETENTION_DAYS", "365"))
# Scans of filled paper forms are deleted this many days after upload once every page is settled.
SCAN_RETENTION_DAYS = int(os.environ.get("SCAN_RETENTION_DAYS", "90"))

# Wagtail
WAGTAIL_SITE_NAME = "Mitgestalten Lübeck"
# The public address (scheme://host[:port]) of the default site: every absolute link comes from it (core.links),
# and `migrate` writes it into the default Wagtail Site when set. `make run` sets it from PORT; production needs it.
BASE_URL = os.environ.get("BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL or "http://127.0.0.1:8000"
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []  # documents are always downloaded, never rendered inline
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # staff passwords are reset through allauth
WAGTAILADMIN_LOGIN_URL = "/admin/login/"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no call to another host from the admin
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars from Gravatar would send staff email hashes to another host
# Four eyes (core.publishing): the approval publishes exactly the version that was submitted for review;
# Wagtail's default publishes the newest one, with edits made during the review that nobody approved.
# (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT stays off: approving from the editor saves the form as a new
# version whenever it counts as changed, which would restart the review on every approval.)
WAGTAIL_FINISH_WORKFLOW_ACTION = "core.workflows.publish_approved_revision"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Wagtail's in-request tasks (search index, reference index) log every run at INFO.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # logs every rendering step at INFO
    },
}

# Uploaded media served by Django itself: on for local runs and tests, off in production
# (there a web server or object storage serves them, see docs/operations.md "Scaling out").
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# Anonymous page responses are cached this long (core/cache.py); 0 switches the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
if os.environ.get("FRONTEND_CACHE_URL"):
    # An HTTP cache in front (Varnish, nginx with purge) that Wagtail purges on publish.
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }

WAGTAILAPI_LIMIT_MAX = 50  # the MeinLübeckApp pages through posts; no request returns more
# No WAGTAILAPI_BASE_URL: the API's detail_url then comes from the Site, as html_url does (core.links).

# Map tiles: loaded by the visitor's browser only after they agree (participation/ideas/static/ideas/js/map.js).
# The library itself (Leaflet) is served by the site. A city tile server can replace OpenStreetMap's.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap-Mitwirkende")
MAP_CENTER = (53.8655, 10.6866)  # Lübeck, Holstentor

# Tag slugs in ASCII ("Mobilität" → "mobilitat"), so tag archive URLs stay plain.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# Privacy, security and reliability (issues 12 and 21), one module per part (no two set the same name).
from .part_abuse import *  # noqa: E402, F403
from .part_accounts_security import *  # noqa: E402, F403
from .part_privacy import *  # noqa: E402, F403
from .part_retention import *  # noqa: E402, F403
from .part_security import *  # noqa: E402, F403
from .part_uploads import *  # noqa: E402, F403
