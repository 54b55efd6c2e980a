from django import template

register = template.Library()


@register.filter
def prefetched_rendition(image, spec):
    """The image's rendition for `spec` if it was prefetched, else None: never rendered in a request."""
    if image is None:
        return None
    for rendition in getattr(image, "_prefetched_objects_cache", {}).get("renditions", []):
        if rendition.filter_spec == spec:
            return rendition
    return None
