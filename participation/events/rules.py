"""Who may do what with an event's people (the truth table lives in tests/participation/events/test_rules.py).

Registrations and accessibility requests are private: only the event's organisers (named on the event page)
and admins (superusers) see them, check people in and answer requests. Participation's moderators do not: what
someone needs to take part (an interpreter, childcare) is health-adjacent data that only those who arrange it
need; a moderator who organises an event is named on it. Organisers reach these pages in Wagtail's admin, so
they need a staff account with admin access (docs/participation.md).
"""


def can_organise(user, event):
    """May see the event's registrations and accessibility requests, check people in and answer requests."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return event.organisers.filter(pk=user.pk).exists()
