"""Organisers' tools: registrations, the desk and phone registration, the private queue of accessibility
requests. (Being built for issue 25.)"""

urlpatterns = []


def page_actions(page, user):
    return ()
