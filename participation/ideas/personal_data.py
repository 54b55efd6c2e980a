"""What ideas hold about a person, for "download my data", and how an account deletion forgets it: ideas and
comments stay (they belong to the public debate) but lose the name shown and the contact address; supports keep
counting."""

from django.db.models import Q

from participation.ideas.models import Comment, Follower, Idea, Support


def ideas(user):
    return [
        {"reference": idea.reference, "title": idea.title, "description": idea.description,
         "category": idea.category.name, "district": idea.district.name if idea.district else None,
         "place": idea.location_text, "latitude": idea.latitude, "longitude": idea.longitude,
         "name_shown": idea.author_name, "channel": idea.channel, "language": idea.language,
         "status": idea.status, "published": idea.published, "submitted_at": idea.created_at,
         "consent_at": idea.consent_at, "send_updates": idea.notify,
         "images": [image.file.name for image in idea.images.all()]}
        for idea in Idea.objects.filter(author=user).select_related("category", "district")
        .prefetch_related("images").order_by("created_at", "pk")
    ]


def comments(user):
    return [
        {"idea": comment.idea.reference, "idea_title": comment.idea.title, "text": comment.text,
         "reply_to": comment.parent_id, "name_shown": comment.author_name, "published": comment.published,
         "hidden": comment.hidden, "written_at": comment.created_at}
        for comment in Comment.objects.filter(author=user).select_related("idea").order_by("created_at", "pk")
    ]


def supports(user):
    return [
        {"idea": support.idea.reference, "idea_title": support.idea.title, "given_at": support.created_at}
        for support in Support.objects.filter(user=user).select_related("idea").order_by("created_at", "pk")
    ]


def followed(user):
    return [
        {"process": follower.process.title, "email": follower.email, "channel": follower.channel,
         "confirmed_at": follower.confirmed_at, "since": follower.created_at}
        for follower in _followers(user).select_related("process").order_by("created_at", "pk")
    ]


def _followers(user):
    """What the person follows: with her account, or with its address (followed before signing in)."""
    return Follower.objects.filter(Q(user=user) | Q(email__iexact=user.email) if user.email else Q(user=user))


def forget(user, now):
    """Inside the deletion's transaction: the contributions stay, the name and addresses go; she follows nothing."""
    Idea.objects.filter(author=user).update(author_name="", contact_email="", notify=False)
    Comment.objects.filter(author=user).update(author_name="")
    _followers(user).delete()


def register():
    from core.registry import register_account_eraser, register_personal_data

    register_personal_data("ideas", ideas)
    register_personal_data("comments", comments)
    register_personal_data("supports", supports)
    register_personal_data("followed_processes", followed)
    register_account_eraser(forget)
