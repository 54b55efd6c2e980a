"""Error pages in the site's design."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader

DATABASE_RETRY_SECONDS = 60  # Retry-After of the 503 page while the database is away


# The JSON API (config.urls) answers errors as Wagtail's API does: {"message": "..."}.
API_PATH_PREFIX = "/api/"


def bad_request(request, exception=None):
    """Malformed input (core.input_guard, Django's own checks): JSON for the API, else a page that, like
    the 500 page, needs no database, session or user and repeats nothing of what was sent."""
    if request.path_info.startswith(API_PATH_PREFIX):
        return JsonResponse({"message": "bad request: malformed input"}, status=400)
    return HttpResponseBadRequest(loader.get_template("400.html").render({}))


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request's context processors: whatever failed must not fail again here.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def database_unavailable(request):
    """The database is away (restart, failover, too many connections): a page that needs no database, no
    session and no user says so and asks to come back; the error itself is logged as every 500 is."""
    response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
