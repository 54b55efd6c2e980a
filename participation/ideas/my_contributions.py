"""On a person's account page: the ideas and comments she wrote, with their status (issue 24, point 18). Two
queries whatever the number; registered in core.registry.account_sections (apps.py)."""

from django.template.loader import render_to_string

from participation.ideas.models import Comment, Idea


def account_section(request):
    ideas = list(Idea.objects.filter(author=request.user).select_related("process").order_by("-created_at")[:50])
    comments = list(Comment.objects.filter(author=request.user).select_related("idea__process")
                    .order_by("-created_at")[:50])
    if not ideas and not comments:
        return ""
    return render_to_string("ideas/my_contributions.html", {"ideas": ideas, "comments": comments}, request=request)
