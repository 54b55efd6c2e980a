"""Settings for issue 12 (retention), kept apart so that the parts can be built side by side.
Imported at the end of base.py: names here override base.py's."""
