"""Who may make a page live: on a page under an active workflow only the workflow's approval does.

Wagtail lets anyone with "publish" permission publish or schedule a page directly, even where a workflow
applies (the workflow is then simply cancelled). Here that is closed in two places that every path goes
through, instead of in each view:

- the page permission tester (`PublishThroughWorkflowMixin.permissions_for_user`): `can_publish` and
  `can_publish_subpage` are false on a page under an active workflow, so the edit and create views offer
  only "Submit for moderation", and bulk publishing, "publish copies", aliases, reverting to an old
  version, moving live pages into such a section, wagtail-localize's "Publish" and the admin API refuse;
- the moment of publishing (`PublishThroughWorkflowMixin.publish`, which `Revision.publish` calls, also
  for callers without a person: the scheduler, wagtail-localize publishing translations): a version of such
  a page goes live (or is scheduled) only if an approved workflow finished on exactly that version.

The approval itself publishes through `core.workflows.publish_approved_revision`
(WAGTAIL_FINISH_WORKFLOW_ACTION): the approval is the permission, so approvers need no direct publishing right.

Superusers are bound too ("nobody makes it live alone"): a superuser submits like everyone else and may
approve other people's submissions. Changing or removing the workflow under Settings → Workflows stays
theirs; that is an administrative act, logged, not a publish button. Code that publishes on purpose without
review (the demo content) says so with Wagtail's own `skip_permission_checks=True`.
"""

import logging

from django.conf import settings
from wagtail.models import PagePermissionTester, Revision, WorkflowPage, WorkflowState

logger = logging.getLogger(__name__)

_PATHS_CACHE = "_active_workflow_paths"


def active_workflow_paths():
    """The tree paths of pages an active workflow is assigned to (a handful of rows: one query)."""
    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return ()
    return tuple(WorkflowPage.objects.filter(workflow__active=True).values_list("page__path", flat=True))


def under_workflow(page, paths=None):
    """True when an active workflow applies to the page (assigned to it or an ancestor), as Wagtail's
    `Page.has_workflow`; a new child of `page` is under the same workflow."""
    paths = active_workflow_paths() if paths is None else paths
    return any(page.path.startswith(path) for path in paths)


def approved_through_workflow(revision):
    """True when an approved workflow finished on exactly this version (what
    `core.workflows.publish_approved_revision` publishes)."""
    return WorkflowState.objects.filter(
        status=WorkflowState.STATUS_APPROVED, current_task_state__revision=revision
    ).exists()


class ApprovalPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, except that nobody publishes a page under an active workflow directly."""

    def _under_workflow(self, page):
        # Cached on the user for the request, as Wagtail caches page permissions: listings build one
        # tester per row.
        paths = getattr(self.user, _PATHS_CACHE, None)
        if paths is None:
            paths = active_workflow_paths()
            setattr(self.user, _PATHS_CACHE, paths)
        return under_workflow(page, paths)

    def can_publish(self):
        return super().can_publish() and not self._under_workflow(self.page)

    def can_publish_subpage(self):
        # "Publish" on the create view and "publish copies"/aliases at this destination.
        return super().can_publish_subpage() and not self._under_workflow(self.page)

    def can_move_to(self, destination):
        if not super().can_move_to(destination):
            return False
        moves_live_pages = self.page.live or self.page.get_descendants().live().exists()
        # Live pages moved in from outside would be live in the workflow's section without its approval.
        return not (moves_live_pages and self._under_workflow(destination) and not self._under_workflow(self.page))

    # Withdrawing a schedule and restricting who may see a page make nothing new live: these keep Wagtail's
    # meaning (the "publish" permission), so Redaktion can still stop a post that is about to go live.
    def can_unschedule(self):
        return PagePermissionTester.can_publish(self)

    def can_set_view_restrictions(self):
        return PagePermissionTester.can_publish(self)


class PublishThroughWorkflowMixin:
    """For every page type (before `Page` in the bases): the rules above. tests/core/test_publishing.py
    checks that no page type lacks it."""

    def permissions_for_user(self, user):
        return ApprovalPermissionTester(user, self)

    def publish(self, revision, user=None, changed=True, log_action=True, previous_revision=None,
                skip_permission_checks=False):
        # A person is refused by the tester (PublishPageRevisionAction.check raises PermissionDenied). Callers
        # without a person (the scheduler, wagtail-localize publishing a translation after commit) get the
        # version left as a draft that waits for approval, and a warning in the log: raising there would
        # break their whole run, after the translation was already saved.
        if (user is None and not skip_permission_checks and under_workflow(self)
                and not approved_through_workflow(revision)):
            logger.warning("Not published: page %s is under a workflow and revision %s was not approved",
                           self.pk, revision.pk)
            return None
        return super().publish(revision, user=user, changed=changed, log_action=log_action,
                               previous_revision=previous_revision, skip_permission_checks=skip_permission_checks)


def withdraw_unapproved_schedules():
    """Cancel the schedule of every version of a page under a workflow that no approval passed (scheduled
    directly before this rule existed), so the scheduler never publishes it; each cancellation is logged in
    the page's history. Returns how many were withdrawn."""
    paths = active_workflow_paths()
    if not paths:
        return 0
    withdrawn = 0
    for revision in Revision.page_revisions.filter(approved_go_live_at__isnull=False):
        page = revision.content_object
        if page is not None and under_workflow(page, paths) and not approved_through_workflow(revision):
            revision.approved_go_live_at = None
            revision.save(update_fields=["approved_go_live_at"])
            logger.warning("Withdrew unapproved scheduled publishing of page %s (revision %s)", page.pk, revision.pk)
            withdrawn += 1
    return withdrawn
