"""Settings for issue 12 (uploads), kept apart so that the parts can be built side by side.
Imported at the end of base.py: names here override base.py's."""

# Wagtail's admin image form, with a frame count for animations (Willow's Pillow backend counts one).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_forms.CustomImageForm"
