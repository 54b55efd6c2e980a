"""Settings for issue 12 (privacy), kept apart so that the parts can be built side by side.
Imported at the end of base.py: names here override base.py's."""

import os

# "Download my data": the ZIP can be downloaded by its owner for this many days, then it is deleted.
DATA_EXPORT_KEEP_DAYS = int(os.environ.get("DATA_EXPORT_KEEP_DAYS", "7"))

# Inactive accounts: warned by mail after this many days without a login (3 years), deleted (anonymised
# like "delete my account") this many days after the warning unless the person logs in. Staff accounts
# and accounts without a password (registered at the volunteer desk) are never deleted automatically.
INACTIVE_ACCOUNT_WARN_DAYS = int(os.environ.get("INACTIVE_ACCOUNT_WARN_DAYS", "1095"))
INACTIVE_ACCOUNT_GRACE_DAYS = int(os.environ.get("INACTIVE_ACCOUNT_GRACE_DAYS", "30"))

# The version of the privacy notice people agree to; stored with every consent record. Change it
# whenever the privacy page's text changes in substance.
PRIVACY_TEXT_VERSION = os.environ.get("PRIVACY_TEXT_VERSION", "privacy-2026-11")

# Sign-up asks for consent to the privacy notice and records it (accounts.forms.SignupConsentForm).
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupConsentForm"
