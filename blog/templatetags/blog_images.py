from django import template

register = template.Library()


@register.filter
def prefetched_rendition(image, spec):
    """The image's rendition for `spec` if it was prefetched, else None: never rendered in a request.

    Wagtail's `prefetch_renditions()` keeps them in `prefetched_renditions`; a plain
    `prefetch_related("renditions")` in the prefetch cache."""
    if image is None:
        return None
    renditions = getattr(image, "prefetched_renditions", None)
    if renditions is None:
        renditions = getattr(image, "_prefetched_objects_cache", {}).get("renditions", [])
    for rendition in renditions:
        if rendition.filter_spec == spec:
            return rendition
    return None
