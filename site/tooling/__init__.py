"""Tools around the site, not the site: the demo content loader and its translations, `make bench` and
`make load`. This package may import every app (the import contracts in pyproject.toml say so); core and the
feature apps never import it."""
