# Production image of Mitgestalten. One image, three roles: gunicorn (the default CMD),
# the Celery worker and Celery beat (see docker-compose.yml and docs/production.md).

# --- 1. Front-end assets: only the runtime npm dependency (@kern-ux/native), never axe-core.
FROM node:20-bookworm-slim AS node
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

# --- 2. Python dependencies in a venv, from the runtime lock only (never the dev lock).
FROM python:3.11-slim-bookworm AS builder
# Every pinned package ships a binary wheel, so no compiler is needed; no pip cache in the layer.
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install --requirement /tmp/requirements.lock

# --- 3. Runtime base shared by the asset step and the final image.
FROM python:3.11-slim-bookworm AS runtime
# WeasyPrint needs Pango and at least one font; no libpq, psycopg[binary] bundles its own.
# fontconfig builds the system font cache here, so the app user never needs a writable one.
RUN apt-get update \
 && apt-get install --yes --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig \
 && rm -rf /var/lib/apt/lists/*
# A fixed uid/gid, so a bind-mounted or NFS media directory can be given to it.
RUN groupadd --system --gid 10001 mitgestalten \
 && useradd --system --uid 10001 --gid mitgestalten --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin mitgestalten
# site/ is a plain folder on the import path (it would shadow the stdlib module `site` otherwise).
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app/site:/app \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    STATIC_ROOT=/app/static \
    MEDIA_ROOT=/app/media \
    PRIVATE_ROOT=/app/private \
    VAR_DIR=/app/var
WORKDIR /app

# --- 4. Build-time Django steps, on the runtime base so the apps import exactly as they run.
FROM runtime AS assets
# gettext (msgfmt) is needed only here, to compile the translations; it stays out of the image.
RUN apt-get update \
 && apt-get install --yes --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /opt/venv /opt/venv
COPY . .
COPY --from=node /app/node_modules ./node_modules
# The production settings refuse to load without a key and hosts: throwaway values, exported for
# this RUN only (never ENV, so they are not in the image); VAR_DIR keeps settings' mkdirs out of it.
RUN export SECRET_KEY=build-only-throwaway-key-used-for-collectstatic-never-at-runtime \
           ALLOWED_HOSTS=localhost \
           BASE_URL=https://localhost \
           VAR_DIR=/tmp/build-var \
 && python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0 \
 && python manage.py collectstatic --noinput -v0 \
 && rm -rf /tmp/build-var

# --- 5. The image.
FROM runtime
COPY --from=builder /opt/venv /opt/venv
# The app with compiled .mo files, collected static files and node_modules (the STATICFILES_DIRS
# source must exist, or `check --deploy` warns). Owned by root: the app cannot rewrite its code.
COPY --from=assets /app /app
# The only writable places: uploads (a volume in compose) and var/ (SQLite/file-broker fallbacks).
RUN mkdir -p /app/media /app/private /app/var \
 && chown mitgestalten:mitgestalten /app/media /app/private /app/var
USER mitgestalten

# gunicorn reads its worker count from WEB_CONCURRENCY; GUNICORN_CMD_ARGS adds any other option.
ENV WEB_CONCURRENCY=3
EXPOSE 8000

# The home page must answer without an error. An allowed Host and X-Forwarded-Proto: https, as the
# proxy sends them: otherwise ALLOWED_HOSTS rejects 127.0.0.1 and SECURE_SSL_REDIRECT answers 301.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request as u; \
       hosts = [h.strip().lstrip('.') for h in os.environ.get('ALLOWED_HOSTS', '').split(',') if h.strip() not in ('', '*')]; \
       headers = {'Host': (hosts or ['localhost'])[0], 'X-Forwarded-Proto': 'https'}; \
       u.urlopen(u.Request('http://127.0.0.1:8000/', headers=headers), timeout=8)"]

# Exec form: gunicorn is PID 1 and gets the stop signal. Access log to stdout; heartbeat files in
# /dev/shm (a disk-backed /tmp can block workers); no control socket, which would be created
# under the read-only $HOME (/app) and only log an error: the orchestrator restarts and scales.
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-", \
     "--worker-tmp-dir", "/dev/shm", "--no-control-socket"]
