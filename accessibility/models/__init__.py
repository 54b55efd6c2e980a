"""Models of the accessibility app, split by domain noun (explicit imports, no star)."""

from accessibility.models.feedback import FeedbackCounter, FeedbackTicket
from accessibility.models.pages import AccessibilityStatementPage, Barrier, EasyLanguagePage, SignLanguagePage
from accessibility.models.videos import SignLanguageVideo

__all__ = [
    "AccessibilityStatementPage", "Barrier", "EasyLanguagePage", "FeedbackCounter", "FeedbackTicket",
    "SignLanguagePage", "SignLanguageVideo",
]
