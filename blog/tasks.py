"""Background work of the Digitalblog."""

from celery import shared_task

from blog.models import API_IMAGE, LISTING_IMAGE

RENDITIONS = [LISTING_IMAGE, "width-1200", API_IMAGE]


@shared_task
def generate_post_renditions(image_id):
    """Render a post image's listing, page and share sizes ahead of the first visitor.

    Safe twice: Wagtail returns an existing rendition instead of making a new one.
    """
    from core.models import CustomImage

    image = CustomImage.objects.filter(pk=image_id).first()
    if image is not None:
        image.get_renditions(*RENDITIONS)
