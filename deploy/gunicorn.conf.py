"""gunicorn settings for Cổng, read by `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`.

gunicorn always runs behind nginx (deploy/nginx/cong.conf): its sync workers can be held by slow or
half-open connections, which nginx absorbs by buffering whole requests and responses. So gunicorn
listens on loopback only, and every timeout here is about our own code, not about clients.

Variables (from /etc/cong/env through the systemd unit): GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_TIMEOUT.
"""

import os

# Loopback only: nginx on the same machine is the one client.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")]

# Sync workers: Django's ORM is blocking, and nginx already deals with slow clients. The classic
# 2 × cores + 1 keeps the CPUs busy while some workers wait on PostgreSQL.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))

# A request that runs longer than this is a bug or a stuck query: the worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On restart or reload, workers get this long to finish the requests they hold.
graceful_timeout = 30

# Recycle each worker after about a thousand requests (the jitter keeps them from all restarting
# at once), so a slow leak in any library never grows without bound.
max_requests = 1000
max_requests_jitter = 100

# The worker heartbeat file lives in memory: with PrivateTmp, /tmp is on disk, and a slow disk
# would make the arbiter believe busy workers are dead.
worker_tmp_dir = "/dev/shm"  # noqa: S108 (gunicorn's own advice; one file per worker, mode 0600)

# No preload: each worker imports Django itself. Preloading would save a little memory, but then
# `systemctl reload cong` (HUP) would keep serving the old code, and anything opened at import
# time (a database or Redis connection) would be shared by every forked worker.
preload_app = False

# nginx writes the access log; errors go to stderr, which systemd sends to the journal.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# gunicorn 27 opens a control socket (for gunicornc) under $XDG_RUNTIME_DIR or ~/.gunicorn/. The
# service user has no writable home: put it in the runtime directory systemd makes for the unit
# (RuntimeDirectory=cong gives /run/cong and sets RUNTIME_DIRECTORY), or var/run by hand.
_runtime_directory = os.environ.get("RUNTIME_DIRECTORY") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, "var", "run"
)
control_socket = os.path.join(os.path.normpath(_runtime_directory), "gunicorn.ctl")
