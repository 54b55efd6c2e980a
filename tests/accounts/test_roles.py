"""Staff roles as a truth table: which group may do what in the Wagtail admin; a city has exactly these."""

import re
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from accounts.models import User
from accounts.roles import ANALYSTS, EDITORS, MODERATORS, ROLES, VOLUNTEER_COORDINATORS
from blog.models import BlogPage
from blog.workflow import WORKFLOW_NAME

pytestmark = pytest.mark.django_db


def member_of(group_name):
    user = User.objects.create_user(f"{group_name.lower()}@luebeck.example", "Ein-Langes-Passwort-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize(
    ("group", "admin", "publish_pages", "approve_posts", "upload_images"),
    [
        (EDITORS, True, True, True, True),
        (MODERATORS, True, False, False, False),
        (ANALYSTS, True, False, False, False),
        (VOLUNTEER_COORDINATORS, True, False, False, False),
    ],
)
def test_role_permissions(group, admin, publish_pages, approve_posts, upload_images, demo_site):
    user = member_of(group)
    home = Page.objects.get(depth=2, locale__language_code="de")
    post = BlogPage.objects.filter(locale__language_code="de").first()
    four_eyes = Workflow.objects.get(name=WORKFLOW_NAME).tasks.get().specific
    assert user.has_perm("wagtailadmin.access_admin") is admin
    assert home.permissions_for_user(user).can_publish() is publish_pages
    assert post.permissions_for_user(user).can_publish() is False  # nobody: only the approval publishes
    assert bool(four_eyes.get_actions(post, user)) is approve_posts
    assert user.has_perm("core.add_customimage") is upload_images


def test_superusers_publish_blog_posts_only_through_the_approval_too(demo_site):
    chief = User.objects.create_superuser("chefin@luebeck.example", "Ein-Langes-Passwort-1")
    post = BlogPage.objects.filter(locale__language_code="de").first()
    assert post.permissions_for_user(chief).can_publish() is False
    assert post.get_parent().permissions_for_user(chief).can_publish_subpage() is False
    assert Page.objects.get(depth=2, locale__language_code="de").permissions_for_user(chief).can_publish()


def readme_roles():
    """The group names in the first column of the table under "## Staff roles" (docs/staff.md)."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "staff.md").read_text(encoding="utf-8")
    section = text.split("\n## Staff roles\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| Role")]
    return {re.sub(r"[*`]", "", row.split("|")[1]).strip() for row in rows}


def test_a_city_has_exactly_the_roles_the_readme_lists(demo_site):
    """Wagtail's own "Editors" and "Moderators" and its "Moderators approval" workflow on the whole tree are gone
    (accounts migration 0005); what is left is roles.py, and docs/staff.md names the same."""
    assert set(Group.objects.values_list("name", flat=True)) == set(ROLES)
    assert readme_roles() == set(ROLES)
    assert list(Workflow.objects.values_list("name", flat=True)) == [WORKFLOW_NAME]
    assert not WorkflowPage.objects.filter(page__depth=1).exists()
    assert not Page.objects.get(depth=2, locale__language_code="de").has_workflow


def test_the_cleanup_keeps_what_an_admin_renamed_used_or_filled(demo_site):
    """Run again on a site where an admin kept working with Wagtail's leftovers: a group with members stays,
    a used default workflow is switched off with its history, a renamed one stays as it is."""
    cleanup = import_module("accounts.migrations.0006_remove_wagtail_default_workflow_and_groups")
    editors = Group.objects.create(name="Editors")
    editors.user_set.add(member_of(EDITORS))
    Group.objects.create(name="Moderators")
    root = Page.get_first_root_node()
    for name in ("Moderators approval", "Freigabe Presse"):
        task = GroupApprovalTask.objects.create(name="Moderators approval")
        task.groups.set([Group.objects.get(name="Moderators")])
        workflow = Workflow.objects.create(name=name)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    used = Workflow.objects.get(name="Moderators approval")
    WorkflowPage.objects.create(page=root, workflow=used)
    post = BlogPage.objects.filter(locale__language_code="de").first()
    WorkflowState.objects.create(content_type=post.content_type, base_content_type=post.get_base_content_type(),
                                 object_id=str(post.pk), workflow=used, status="cancelled")

    cleanup.remove_default_workflow(apps, None)
    cleanup.remove_unused_wagtail_groups(apps, None)
    cleanup.remove_default_workflow(apps, None)  # safe twice
    used.refresh_from_db()
    assert not used.active and used.workflow_states.count() == 1 and not used.workflow_pages.exists()
    assert Workflow.objects.get(name="Freigabe Presse").active  # renamed: an admin's, kept
    # "Moderators" is still named by the renamed workflow's active task, "Editors" has a member: both stay.
    assert Group.objects.filter(name__in=["Editors", "Moderators"]).count() == 2


def test_a_resident_without_role_cannot_enter_the_admin(client, demo_site):
    resident = User.objects.create_user("resident@example.org", "Ein-Langes-Passwort-1")
    client.force_login(resident)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editor_reaches_the_admin(client, demo_site):
    client.force_login(member_of(EDITORS))
    assert client.get("/admin/").status_code == 200


def test_user_logs_in_by_email_and_has_no_username():
    user = User.objects.create_user("Jan.Meier@Example.org", "Ein-Langes-Passwort-1")
    assert user.email == "jan.meier@example.org"
    assert not hasattr(user, "username") or user.username is None
    assert User.USERNAME_FIELD == "email"


def test_a_blog_that_is_under_no_workflow_is_put_under_four_eyes(demo_site):
    """Blogs made before new ones were put under the workflow on creation (accounts migration 0006)."""
    migration = import_module("accounts.migrations.0007_every_blog_under_the_four_eyes_workflow")
    english_blog = Page.objects.get(slug="digitalblog", locale__language_code="en")
    WorkflowPage.objects.filter(page=english_blog).delete()
    assert not english_blog.has_workflow
    migration.govern_every_blog(apps, None)
    migration.govern_every_blog(apps, None)  # safe twice
    assert english_blog.get_workflow().name == WORKFLOW_NAME
