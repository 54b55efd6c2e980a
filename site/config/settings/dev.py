"""Local development (`make run`): debug on, a throwaway secret, mail to the console."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# Only for local use: production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
# The demo admin signs in without an authenticator app on a local machine; production and staging
# keep STAFF_MFA_REQUIRED on (docs/staff.md "Staff sign-in"). STAFF_MFA_REQUIRED=true tries it out locally.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
# BASE_URL may name another host for this machine (make run sets it from PORT): let it through.
if BASE_URL:  # noqa: F405
    from urllib.parse import urlsplit

    _host = urlsplit(BASE_URL).hostname  # noqa: F405
    if _host and _host not in ALLOWED_HOSTS:  # noqa: F405
        ALLOWED_HOSTS = [*ALLOWED_HOSTS, _host]  # noqa: F405
