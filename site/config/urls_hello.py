"""The bare reference server's only address (config/settings/hello.py)."""

from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/hello/", hello)]
