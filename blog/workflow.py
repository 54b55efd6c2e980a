"""The Digitalblog's editorial workflow: an editor submits, a second editor approves (core.publishing makes
the approval the only way a post goes live)."""

WORKFLOW_NAME = "Digitalblog: Vier-Augen-Freigabe"
TASK_NAME = "Freigabe durch zweite Person der Redaktion"


def govern(blog_index):
    """Put a blog (in any language) under a workflow unless an active one already covers it: the one another
    blog has, else the four-eyes workflow. A blog made by hand or by wagtail-localize in a new language would
    otherwise take posts live without approval."""
    from wagtail.models import Workflow, WorkflowPage

    from blog.models import BlogIndexPage

    if blog_index.get_workflow() is not None:
        return
    other_blogs = BlogIndexPage.objects.exclude(pk=blog_index.pk)
    other = WorkflowPage.objects.filter(workflow__active=True, page__in=other_blogs).select_related("workflow").first()
    workflow = other.workflow if other else Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page_id=blog_index.pk, defaults={"workflow": workflow})


def govern_new_blog(sender, instance, created, raw=False, **kwargs):
    """post_save of BlogIndexPage."""
    if created and not raw:
        govern(instance)
