"""What happens when a workflow is approved (WAGTAIL_FINISH_WORKFLOW_ACTION). Wagtail imports this while its
models load, so nothing is imported at the top (like `wagtail.workflows`)."""


def publish_approved_revision(workflow_state, user=None):
    """Publish (or, with a go-live date, schedule) exactly the version the last task reviewed: the one submitted.
    Wagtail's default publishes the newest version, which may hold edits made during the review that nobody
    approved; those stay a draft to submit again. The approval is the permission (core.publishing): the
    approver needs no right to publish directly."""
    revision = workflow_state.current_task_state.revision or workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
