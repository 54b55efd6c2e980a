"""The site's addresses plus the benchmark's baseline: a plain Django view that says hello (config.settings.bench)."""

from django.urls import path

from config.urls import handler404, handler500  # noqa: F401 - the site's friendly error pages
from config.urls import urlpatterns as site_urlpatterns
from config.urls_hello import hello  # the same view the bare reference server answers with

urlpatterns = [path("bench/hello/", hello, name="bench_hello"), *site_urlpatterns]
