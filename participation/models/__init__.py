"""Participation: processes, districts and ideas (surveys and paper forms follow in later issues)."""

from participation.models.districts import District
from participation.models.ideas import (
    Channel,
    Idea,
    IdeaCategory,
    IdeaImage,
    ModerationLogEntry,
    ReceiptCounter,
    StatusChange,
    Support,
)
from participation.models.process import ParticipationProcessPage, Phase

__all__ = [
    "Channel", "District", "Idea", "IdeaCategory", "IdeaImage", "ModerationLogEntry", "ParticipationProcessPage",
    "Phase", "ReceiptCounter", "StatusChange", "Support",
]
