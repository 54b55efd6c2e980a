"""Registering for an event, the registration's own page (receipt, cancel) and the confirmation of a guest's
email address. (Being built for issue 25: until then the addresses answer "not found".)"""

from django.http import Http404


def register(request, page):
    raise Http404


def registration_detail(request, page, reference, token):
    raise Http404
