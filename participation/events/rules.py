"""Who may do what with an event's people (the truth table lives in tests/participation/events/test_rules.py).

Registrations and accessibility requests are private: only the event's organisers (named on the event page)
and admins (superusers and the "Moderators" of participation) see them, check people in and answer requests.
"""


def can_organise(user, event):
    """May see the event's registrations and accessibility requests, check people in and answer requests."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return event.organisers.filter(pk=user.pk).exists()
