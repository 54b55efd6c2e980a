from wagtail import hooks

from participation.viewsets import IdeaViewSet


@hooks.register("register_admin_viewset")
def register_idea_viewset():
    return IdeaViewSet("ideas")
