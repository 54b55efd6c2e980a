from django.http import HttpResponsePermanentRedirect
from django.urls import re_path
from wagtail import hooks


def _moved_snippet(request, model, rest):
    """The idea and comment queues moved with their models to the app `ideas` (migration 0017): staff bookmarks
    of the old addresses (/admin/snippets/participation/idea/…) still arrive."""
    query = request.META.get("QUERY_STRING", "")
    path = request.path.replace("/snippets/participation/", "/snippets/ideas/", 1)
    return HttpResponsePermanentRedirect(path + (f"?{query}" if query else ""))


@hooks.register("register_admin_urls")
def moved_admin_urls():
    return [re_path(r"^snippets/participation/(?P<model>idea|comment)/(?P<rest>.*)$", _moved_snippet)]
