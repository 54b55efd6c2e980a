"""The site under gunicorn on loopback, and wrk to load it (Debian's wrk; `make bench-deps` installs it)."""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# wrk calls done() once at the end: every figure we need, as one JSON line (latencies in microseconds).
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "non_2xx_3xx": %d, "socket_errors": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers=2, threads=1, settings="config.settings.bench", extra_env=None, access_log=None):
    """gunicorn serving config.wsgi with the benchmark settings; yields the base URL, stops it afterwards."""
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}",
           **(extra_env or {})}
    log = tempfile.NamedTemporaryFile("w+", prefix="gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread" if threads > 1 else "sync",
         "--timeout", "120", "--graceful-timeout", "5",
         # status, milliseconds, request line: the load test counts the statuses from this log
         *(["--access-logfile", str(access_log), "--access-logformat", "%(s)s %(M)s %(r)s"] if access_log else [])],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/bench/hello/", timeout=5) as reply:  # noqa: S310 - loopback
                    if reply.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError("gunicorn did not start:\n" + log.read()[-3000:]) from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        os.unlink(log.name)


def wrk(url, seconds=5, connections=8, threads=2, headers=()):
    """One wrk run: requests per second and latency percentiles (ms), and how many answers were not 2xx/3xx."""
    binary = shutil.which("wrk")
    if binary is None:
        raise RuntimeError("wrk is missing: `make bench-deps` installs Debian's wrk.")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    try:
        command = [binary, f"-t{min(threads, connections)}", f"-c{connections}", f"-d{seconds}s", "-s", script.name]
        for header in headers:
            command += ["-H", header]
        output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    finally:
        os.unlink(script.name)
    figures = json.loads(output.strip().splitlines()[-1])
    seconds_run = figures["duration_us"] / 1e6
    return {"rps": figures["requests"] / seconds_run, "p50_ms": figures["p50_us"] / 1000,
            "p95_ms": figures["p95_us"] / 1000, "p99_ms": figures["p99_us"] / 1000,
            "requests": figures["requests"], "errors": figures["non_2xx_3xx"] + figures["socket_errors"]}


def path_of(url):
    """The address on the default site: with several municipalities (issue 26) a page's `url` names its host."""
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def fetch(url, headers=()):
    """One GET: status, response headers and body (to check a page before loading it)."""
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310 - loopback
            return reply.status, dict(reply.headers), reply.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")
