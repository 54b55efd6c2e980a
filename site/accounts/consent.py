"""Consent records: who agreed to which wording of the privacy notice, for what, and when (GDPR Art. 7(1))."""

import hashlib

from django.conf import settings
from django.utils import timezone

from accounts.models import ConsentRecord


def record_consent(purpose, text, user=None, email="", moment=None):
    """Store one consent with the text exactly as shown and the privacy notice's version."""
    text = str(text)
    return ConsentRecord.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        email=email or (user.email if user is not None and user.is_authenticated else ""),
        purpose=purpose, text_version=settings.PRIVACY_TEXT_VERSION, text=text,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(), given_at=moment or timezone.now(),
    )
