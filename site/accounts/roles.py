"""The staff roles and their permissions, named in one place.

Each role is a Django group that staff members are put in through the Wagtail admin.
Later features add their permissions here; ``sync_roles`` runs after every ``migrate``
and grants whatever permissions exist so far (it never removes one an admin added by hand).
"""

from django.utils.translation import gettext_lazy as _

EDITORS = "Redaktion"
MODERATORS = "Moderation"
ANALYSTS = "Auswertung"
VOLUNTEER_COORDINATORS = "Freiwilligenagentur"

ACCESS_ADMIN = "wagtailadmin.access_admin"

ROLES = {
    EDITORS: {
        "description": _("Editors: write and publish blog posts and pages, manage images and documents."),
        "permissions": [
            ACCESS_ADMIN,
            "core.add_customimage", "core.change_customimage", "core.delete_customimage", "core.choose_image",
            "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.delete_document",
            "wagtaildocs.choose_document",
            "wagtailcore.view_locale",
            "wagtail_localize.submit_translation",
            # Blog categories and authors, and tag names in other languages (translated by the editors who translate
            # posts).
            "blog.add_category", "blog.change_category", "blog.add_author", "blog.change_author",
            "blog.add_tagtranslation", "blog.change_tagtranslation", "blog.delete_tagtranslation",
            "wagtailredirects.add_redirect", "wagtailredirects.change_redirect", "wagtailredirects.delete_redirect",
            "core.add_district", "core.change_district",
            "ideas.add_ideacategory", "ideas.change_ideacategory",
            "accessibility.add_signlanguagevideo", "accessibility.change_signlanguagevideo",
            "accessibility.view_signlanguagevideo",
        ],
        # Page permissions on the whole tree (granted on the site's root page).
        "page_permissions": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        # Images and documents are governed per collection: the model permissions above are not enough
        # for Wagtail's image and document screens (granted on the root collection, so on every one).
        # Wagtail checks a custom image model against wagtailimages.Image's permissions.
        "collection_permissions": [
            "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.delete_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.delete_document",
            "wagtaildocs.choose_document",
        ],
    },
    MODERATORS: {
        "description": _("Moderators: review ideas and comments and answer them in public."),
        "permissions": [ACCESS_ADMIN, "ideas.view_idea", "ideas.change_idea",
                        "ideas.view_comment", "ideas.change_comment",
                        # Barrier reports are answered like ideas: by the people who answer residents.
                        "accessibility.add_feedbackticket", "accessibility.change_feedbackticket",
                        "accessibility.view_feedbackticket"],
        "page_permissions": [],
    },
    ANALYSTS: {
        "description": _("Analysts: see dashboards and export participation results."),
        # Exports without personal data; "core.export_personal_data" is granted per person by an admin.
        "permissions": [ACCESS_ADMIN, "core.add_exportjob", "core.view_exportjob"],
        "page_permissions": [],
    },
    VOLUNTEER_COORDINATORS: {
        "description": _("Volunteering coordinators: verify organisations and look after volunteers."),
        "permissions": [
            ACCESS_ADMIN,
            *[f"volunteering.{action}_{model}" for model in ("organisation", "opportunity", "interest", "skill")
              for action in ("add", "change", "view")],
            "volunteering.view_signup", "volunteering.change_signup",
        ],
        "page_permissions": [],
    },
}


def is_staff_member(user):
    """Staff: superusers, `is_staff` accounts and anyone given a group or a permission (every role above is
    a group, and a group an admin adds later is staff too). Staff must use two-factor authentication."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return get_user_model().objects.filter(
        Q(groups__isnull=False) | Q(user_permissions__isnull=False), pk=user.pk
    ).exists()


def _role_groups(user, roles):
    """The user's groups that give one of `roles`: the region's own group of that name, or a municipality's
    ("Wismar: Moderation", core.models.MunicipalStaff)."""
    from django.db.models import Q

    return user.groups.filter(Q(name__in=roles) | Q(municipality__role__in=roles))


def has_role(user, *roles):
    """Superusers, and members of a group of one of `roles` (the region's or a municipality's)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or _role_groups(user, roles).exists()


def role_sites(user, *roles):
    """For which municipalities the user holds one of `roles`: None means every one (superusers, `is_staff`
    accounts and members of the region's own role groups); otherwise the set of Site ids (empty: none).
    Kept on the user object for the request."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser or user.is_staff:
        return None
    memo = user.__dict__.setdefault("_role_sites", {})
    if roles not in memo:
        site_ids = list(_role_groups(user, roles).values_list("municipality__site_id", flat=True))
        memo[roles] = None if None in site_ids else set(site_ids)
    return memo[roles]


def is_analyst(user):
    """Analysts see the dashboards and reports: superusers and members of an analysts group."""
    return has_role(user, ANALYSTS)


def _permission(app_label, codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def sync_roles(sender=None, using="default", **kwargs):
    """Create the role groups and grant their permissions. Safe to run any number of times."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    for name, role in ROLES.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        wanted = []
        for dotted in role["permissions"]:
            app_label, codename = dotted.split(".", 1)
            permission = _permission(app_label, codename)
            if permission is not None:
                wanted.append(permission)
        group.permissions.add(*wanted)

        root = Page.get_first_root_node()
        if root is None:
            continue
        for codename in role["page_permissions"]:
            permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
            if permission is not None:
                GroupPagePermission.objects.using(using).get_or_create(group=group, page=root, permission=permission)
        collection = Collection.get_first_root_node()
        for dotted in role.get("collection_permissions", []) if collection is not None else []:
            permission = _permission(*dotted.split(".", 1))
            if permission is not None:
                GroupCollectionPermission.objects.using(using).get_or_create(
                    group=group, collection=collection, permission=permission)
