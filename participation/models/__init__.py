"""Participation: processes, ideas, surveys and paper forms. (District lives in core: every app uses it.)"""

from core.models import District
from participation.models.ideas import (
    Channel,
    Comment,
    Idea,
    IdeaCategory,
    IdeaImage,
    ModerationLogEntry,
    ReceiptCounter,
    Report,
    StatusChange,
    Support,
)
from participation.models.process import ParticipationProcessPage, Phase
from participation.models.scans import ReviewTask, ScanAudit, ScanImport, ScanPage, ScanSheetLock
from participation.models.surveys import (
    AccessCode,
    FormVersion,
    PrintBatch,
    Sheet,
    SurveyPage,
    SurveyResponse,
    receipt_number,
)

__all__ = [
    "AccessCode", "FormVersion", "PrintBatch", "Sheet", "SurveyPage", "SurveyResponse",
    "Channel", "Comment", "District", "Idea", "IdeaCategory", "IdeaImage", "ModerationLogEntry",
    "ParticipationProcessPage", "Phase", "ReceiptCounter", "Report", "StatusChange", "Support",
    "receipt_number", "ReviewTask", "ScanAudit", "ScanImport", "ScanPage", "ScanSheetLock",
]
