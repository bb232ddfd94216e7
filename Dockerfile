# Event Records API: FastAPI + SQLModel, SQLite by default.
#
#   docker build -t event-records .
#   docker run -d -p 8000:8000 -v event-records-data:/data event-records
#
# The container migrates and seeds its database (idempotent) and then serves on 0.0.0.0:$PORT.
# Point DATABASE_URL elsewhere (e.g. postgresql+psycopg://...) to use another database.
FROM docker.io/library/python:3.11-slim

# A full PATH rather than "...:$PATH", so the venv comes first even on a base image that sets none.
ENV PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Dependencies first, hash-checked, in their own layer so code edits don't reinstall them.
# A venv keeps pip away from the system interpreter (PEP 668 on Debian's python3) and gives
# every base image the same interpreter path: /opt/venv/bin/python.
COPY requirements.lock /tmp/requirements.lock
RUN python3 -m venv /opt/venv \
    && /opt/venv/bin/python -m pip install --no-cache-dir --require-hashes -r /tmp/requirements.lock \
    && rm /tmp/requirements.lock

# The app runs from its source tree, not from site-packages: app/core/migrate.py finds
# alembic.ini and migrations/ (and config.py finds seeds/) relative to the package's parent.
WORKDIR /srv/app
COPY alembic.ini ./
COPY migrations/ migrations/
COPY seeds/ seeds/
COPY app/ app/

# Code stays root-owned and read-only to the service; only /data (the SQLite file) is writable.
RUN /opt/venv/bin/python -m compileall -q app \
    && groupadd --gid 10001 app \
    && useradd --no-log-init --no-create-home --uid 10001 --gid app --home-dir /srv/app \
       --shell /usr/sbin/nologin app \
    && mkdir -p /data \
    && chown app:app /data

ENV PYTHONPATH=/srv/app \
    DATABASE_URL=sqlite:////data/event_records.db \
    HOST=0.0.0.0 \
    PORT=8000

VOLUME ["/data"]
USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/opt/venv/bin/python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('PORT', '8000'), timeout=4)"]

CMD ["/bin/sh", "-c", "/opt/venv/bin/python -m app seed && exec /opt/venv/bin/python -m app serve"]
