"""Site-wide models, split by domain noun (explicit imports, no star)."""

from core.models.images import CustomImage, CustomRendition
from core.models.mail import OutgoingEmail
from core.models.pages import HomePage, StandardPage
from core.models.settings import FooterSettings

__all__ = ["CustomImage", "CustomRendition", "FooterSettings", "HomePage", "OutgoingEmail", "StandardPage"]
