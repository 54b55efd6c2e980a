"""Ideas: participation processes (idea calls) with their phases, ideas, supports, comments and moderation."""

from participation.ideas.models.ideas import (
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
from participation.ideas.models.process import ParticipationProcessPage, Phase

__all__ = ["Channel", "Comment", "Idea", "IdeaCategory", "IdeaImage", "ModerationLogEntry", "ParticipationProcessPage",
           "Phase", "ReceiptCounter", "Report", "StatusChange", "Support"]
