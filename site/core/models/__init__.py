"""Site-wide models, split by domain noun (explicit imports, no star)."""

from core.models.districts import District
from core.models.exports import ExportFormat, ExportJob, ExportLog
from core.models.files import DownloadLog
from core.models.images import CustomImage, CustomRendition
from core.models.jobs import Job
from core.models.mail import OutgoingEmail
from core.models.municipality import Municipality, MunicipalStaff
from core.models.pages import HomePage, StandardPage
from core.models.projects import Milestone, ProjectDataSet, ProjectIndexPage, ProjectPage
from core.models.settings import FooterSettings

__all__ = [
    "CustomImage", "CustomRendition", "District", "DownloadLog", "ExportFormat", "ExportJob", "ExportLog",
    "FooterSettings", "HomePage", "Job", "Milestone", "MunicipalStaff", "Municipality", "OutgoingEmail",
    "ProjectDataSet", "ProjectIndexPage", "ProjectPage", "StandardPage",
]
