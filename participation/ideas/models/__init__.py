"""Ideas: participation processes (idea calls) with their phases, ideas, supports, comments and moderation."""

from participation.ideas.models.followers import Follower, ProcessNews
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

__all__ = ["Channel", "Comment", "Follower", "Idea", "IdeaCategory", "IdeaImage", "ModerationLogEntry",
           "ParticipationProcessPage", "Phase", "ProcessNews", "ReceiptCounter", "Report", "StatusChange", "Support"]
