"""Gunicorn settings for one Pickwise app server (read by scripts/serve).

Sized for a 2-core machine behind nginx: nginx buffers slow clients, so every worker thread here
spends its time on Django, not on waiting for a slow network. Each value can be overridden from
the environment without editing this file.
"""

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


try:
    cores = len(os.sched_getaffinity(0))
except AttributeError:  # not Linux
    cores = os.cpu_count() or 1

bind = os.environ.get("BIND", "127.0.0.1:8000")

# Processes for the CPU (templates are the work: 2*cores+1, capped so a big box does not open
# a database connection per thread by the hundred), plus a second thread each to cover the
# moments a worker waits on PostgreSQL or Redis. Threads also let nginx reuse connections.
worker_class = "gthread"
workers = _int("WEB_CONCURRENCY", min(2 * cores + 1, 9))
threads = _int("GUNICORN_THREADS", 2)

# A request still running after `timeout` seconds is a bug or a stuck query: the worker is
# replaced. nginx's proxy_read_timeout matches it. On a restart or deploy (SIGHUP/SIGTERM),
# requests in flight get `graceful_timeout` seconds to finish.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
# nginx keeps idle upstream connections for 4 s (deploy/nginx.conf); gunicorn must keep them a
# little longer, or nginx could send a request on a socket gunicorn is just closing.
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then so a slow leak never grows; the jitter keeps them from all
# restarting at the same moment.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# Trust X-Forwarded-Proto only from the proxy. nginx on the same host is the default; list the
# proxy's address here (FORWARDED_ALLOW_IPS) when nginx runs on another machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs go to the process's stdout/stderr for the supervisor (systemd, a container runtime).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'

# The heartbeat file is touched by every worker every second; keep it in memory, not on disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# The control socket's default path is one per user (~/.gunicorn/gunicorn.ctl), so two app
# servers on one host would take it from each other; Pickwise does not use it.
control_socket_disable = True

proc_name = f"pickwise-{bind}"
