"""On the day: the numbered participant list and sign-in sheet, the poster with its QR code, check-in.
(Being built for issue 25.)"""

urlpatterns = []


def page_actions(page, user):
    return ()
