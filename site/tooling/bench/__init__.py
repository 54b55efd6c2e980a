"""`make bench` (management command `bench`) and `make load` (`load_test`): the site under gunicorn with the
benchmark settings (config/settings/bench.py), realistic volume, measured against a hello-world view."""
