"""Site-wide models, split by domain noun (explicit imports, no star)."""

from core.models.images import CustomImage, CustomRendition
from core.models.mail import OutgoingEmail
from core.models.pages import HomePage, StandardPage
from core.models.projects import Milestone, ProjectDataSet, ProjectIndexPage, ProjectPage
from core.models.settings import FooterSettings

__all__ = [
    "CustomImage", "CustomRendition", "FooterSettings", "HomePage", "Milestone", "OutgoingEmail", "ProjectDataSet",
    "ProjectIndexPage", "ProjectPage", "StandardPage",
]
