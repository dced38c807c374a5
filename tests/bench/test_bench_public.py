"""Benchmark: the public assessment page under load on loopback, served as in production, beside nginx serving
the same bytes as a plain static file, measured in the same run.

Run with `make bench` (which installs Debian's nginx and wrk when missing); `make test` skips it. Figures are
printed, not asserted. The budget: the production setup serves the latest publication of Nagaoka's assessment
at ≥ 1/4 of the requests per second nginx serves the same HTML bytes as a static file.

- production setup: the locations of deploy/nginx/pia-public.conf (between its BEGIN and END lines, TLS left
  out), the public site rendered by `render_public_site` as its root, and gunicorn behind it (2 workers,
  `config.wsgi`, production settings but plain HTTP and an SQLite database holding the demo);
- baseline: the same nginx serving the same bytes from a plain `location` as /static-copy.html;
- the production setup again as browsers ask (Accept-Encoding: gzip): nginx sends index.html.gz (gzip_static);
- for reference: gunicorn alone, Django rendering the page on every request (what the files spare).

Each is a bounded run of `wrk -t2 -c32 -d10s --latency` (a Lua `done` hook adds p95). nginx runs as this user
with a temporary config, pid, logs and temp paths in a temporary folder, on ports of 127.0.0.1 above 18000.
Gunicorn cannot read this test's database (its data lives in the test's transaction), so a child process
migrates a fresh SQLite file and loads the same demo into it first.
"""

from __future__ import annotations

import getpass
import gzip
import os
import re
import shutil
import signal
import socket
import subprocess  # noqa: S404 - fixed command lines
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from pia.public.static import render_public_site
from tests.nagaoka import IDENTIFIER, NagaokaTestCase

BUDGET_RATIO = 0.25
WRK_ARGS = ["-t2", "-c32", "-d10s", "--latency", "--timeout", "30s"]
PAGE = f"/{IDENTIFIER}/"
STATIC_COPY = "/static-copy.html"
GZIP = "Accept-Encoding: gzip"
DEPLOY_CONFIG = Path(settings.BASE_DIR) / "deploy" / "nginx" / "pia-public.conf"
START_TIMEOUT_S = 30

# wrk prints 50/75/90/99%; this hook prints the figures the table needs (latencies in microseconds).
WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("PIA-WRK %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""

NGINX_CONF = """
worker_processes auto;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; text/css css; application/javascript js; image/svg+xml svg; }}
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;

{upstream}

    server {{
        listen 127.0.0.1:{production_port};
{locations}
    }}

    server {{
        listen 127.0.0.1:{static_port};
        location = {static_copy} {{ root {tmp}/plain; }}
    }}
}}
"""

# Production settings for gunicorn on loopback: plain HTTP, the demo in an SQLite file, static file names as
# they are in the source tree (no collectstatic here; the pages' CSS is not requested by wrk).
BENCH_SETTINGS = """
from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
STORAGES = {{
    "default": {{"BACKEND": "django.core.files.storage.FileSystemStorage"}},
    "staticfiles": {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
}}
MEDIA_ROOT = {media!r}
"""


@dataclass
class Run:
    label: str
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    errors: int


def free_port(start: int) -> int:
    for port in range(start, start + 1000):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port from {start}")


def wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {START_TIMEOUT_S} s")


def stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def deploy_section(text: str, name: str) -> str:
    found = re.search(rf"^[ \t]*# BEGIN {name}\n(.*?)^[ \t]*# END {name}$", text, re.S | re.M)
    if found is None:
        raise AssertionError(f"{DEPLOY_CONFIG} lost its '# BEGIN {name}' … '# END {name}' lines")
    return found.group(1)


def wrk(wrk_path: str, script: Path, url: str, label: str, *headers: str) -> Run:
    extra = [arg for header in headers for arg in ("-H", header)]
    done = subprocess.run(  # noqa: S603
        [wrk_path, *WRK_ARGS, *extra, "-s", str(script), url], capture_output=True, text=True, check=True, timeout=120
    )
    figures = re.search(r"^PIA-WRK (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", done.stdout, re.M)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", done.stdout, re.M)
    if figures is None or rate is None:
        raise AssertionError(f"unexpected wrk output:\n{done.stdout}\n{done.stderr}")
    requests, _duration, p50, p90, p95, p99, errors = (int(value) for value in figures.groups())
    return Run(label, float(rate.group(1)), p50 / 1000, p90 / 1000, p95 / 1000, p99 / 1000, requests, errors)


@pytest.mark.bench
class PublicPageBenchmark(NagaokaTestCase):
    def test_public_assessment_page_under_load(self):
        nginx_path = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
        wrk_path = shutil.which("wrk")
        print()
        if nginx_path is None or wrk_path is None:
            missing = " and ".join(name for name, found in (("nginx", nginx_path), ("wrk", wrk_path)) if not found)
            print(
                f"baseline: {missing} not installed (scripts/ensure-bench-packages): the baseline could not be measured"
            )
            self.skipTest(f"{missing} not installed")

        with tempfile.TemporaryDirectory(prefix="pia-bench-public-") as folder:
            tmp = Path(folder)
            public = tmp / "public"
            started = time.perf_counter()
            report = render_public_site(public)
            render_s = time.perf_counter() - started
            page_bytes = (public / IDENTIFIER / "index.html").read_bytes()
            (tmp / "plain").mkdir()
            (tmp / "plain" / STATIC_COPY.lstrip("/")).write_bytes(page_bytes)
            script = tmp / "done.lua"
            script.write_text(WRK_DONE)

            django_port = free_port(18100)
            gunicorn, gunicorn_note = self._start_gunicorn(tmp, django_port)
            nginx = None
            try:
                production_port, static_port = free_port(18200), free_port(18300)
                nginx = self._start_nginx(nginx_path, tmp, public, django_port, production_port, static_port)
                config_note = self._check_whole_deploy_config(nginx_path, tmp)
                production_url = f"http://127.0.0.1:{production_port}{PAGE}"
                static_url = f"http://127.0.0.1:{static_port}{STATIC_COPY}"
                django_url = f"http://127.0.0.1:{django_port}{PAGE}"

                status, headers, body = fetch(production_url)
                self.assertEqual((status, body), (200, page_bytes), "the production setup serves the rendered file")
                self.assertIn("ETag", headers, "served by nginx from the file, not proxied")
                self.assertEqual(fetch(static_url)[::2], (200, page_bytes))
                status, headers, body = fetch(production_url, **{"Accept-Encoding": "gzip"})
                self.assertEqual(headers.get("Content-Encoding"), "gzip", "index.html.gz through gzip_static")
                self.assertEqual(gzip.decompress(body), page_bytes)
                gzip_size = len(body)
                sitemap_status = fetch(f"http://127.0.0.1:{production_port}/sitemap.xml")[0]

                runs = [
                    wrk(wrk_path, script, production_url, "production setup: nginx, rendered file (deploy config)"),
                    wrk(wrk_path, script, static_url, "baseline: nginx, same bytes as a static file"),
                    wrk(
                        wrk_path,
                        script,
                        production_url,
                        f"production setup, Accept-Encoding: gzip ({gzip_size:,} B)",
                        GZIP,
                    ),
                ]
                if gunicorn is not None:
                    status, _headers, body = fetch(django_url)
                    self.assertEqual(status, 200)
                    self.assertIn("新型コロナウイルス感染症対策に係る予防接種事務".encode(), body)
                    for _ in range(4):  # each worker's first request loads templates and definitions
                        fetch(django_url)
                    runs.append(wrk(wrk_path, script, django_url, "reference: Django alone (gunicorn, 2 workers)"))
            finally:
                stop(nginx, signal.SIGQUIT)  # graceful: workers finish their requests
                stop(gunicorn)

        self._print(runs, report, render_s, len(page_bytes), sitemap_status, gunicorn_note)
        print(config_note)
        production, baseline = runs[0], runs[1]
        self.assertEqual(production.errors, 0)
        self.assertEqual(baseline.errors, 0)

    def _start_nginx(self, nginx_path, tmp, public, django_port, production_port, static_port):
        deploy = DEPLOY_CONFIG.read_text()
        upstream = deploy_section(deploy, "pia-upstream").replace("127.0.0.1:8000", f"127.0.0.1:{django_port}")
        locations = (
            deploy_section(deploy, "pia-locations")
            .replace("/srv/pia/public", str(public))
            .replace("/srv/pia/app/var/static/", f"{settings.STATIC_ROOT}/")
        )
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (tmp / name).mkdir()
        user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""  # as root, workers stay this user
        config = tmp / "nginx.conf"
        config.write_text(
            NGINX_CONF.format(
                user=user,
                tmp=tmp,
                upstream=upstream,
                locations=locations,
                production_port=production_port,
                static_port=static_port,
                static_copy=STATIC_COPY,
            )
        )
        command = [nginx_path, "-p", str(tmp), "-c", str(config), "-e", str(tmp / "error.log")]
        checked = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)  # noqa: S603
        if checked.returncode:
            raise AssertionError(f"nginx refused the config:\n{checked.stderr}\n{config.read_text()}")
        process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE)  # noqa: S603
        wait_for_port(production_port, process, "nginx")
        wait_for_port(static_port, process, "nginx")
        return process

    def _check_whole_deploy_config(self, nginx_path: str, tmp: Path) -> str:
        """`nginx -t` of the whole deploy file (TLS included) with a throwaway certificate."""
        openssl = shutil.which("openssl")
        if openssl is None:
            return "deploy config, whole file: not checked (no openssl for a test certificate)"
        key, certificate = tmp / "test.key", tmp / "test.pem"
        subprocess.run(  # noqa: S603
            [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
            + ["-keyout", str(key), "-out", str(certificate)],
            capture_output=True,
            check=True,
        )
        deploy = (
            DEPLOY_CONFIG.read_text()
            .replace("/etc/ssl/certs/pia.example.jp.pem", str(certificate))
            .replace("/etc/ssl/private/pia.example.jp.key", str(key))
        )
        (tmp / "deploy.conf").write_text(deploy)
        whole = tmp / "whole.conf"
        whole.write_text(
            f"pid {tmp}/whole.pid;\nevents {{}}\nhttp {{\n"
            f"client_body_temp_path {tmp}/client_body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;"
            f" uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;\ninclude {tmp}/deploy.conf;\n}}\n"
        )
        done = subprocess.run(  # noqa: S603
            [nginx_path, "-p", str(tmp), "-c", str(whole), "-e", str(tmp / "whole-error.log"), "-t", "-q"],
            capture_output=True,
            text=True,
        )
        self.assertEqual(done.returncode, 0, f"nginx -t refused {DEPLOY_CONFIG}:\n{done.stderr}")
        return (
            f"deploy config, whole file (TLS included): nginx -t accepts {DEPLOY_CONFIG.relative_to(settings.BASE_DIR)}"
        )

    def _start_gunicorn(self, tmp: Path, port: int) -> tuple[subprocess.Popen | None, str]:
        """Gunicorn serving the demo from a fresh SQLite file, or None and why not."""
        try:
            import gunicorn  # noqa: F401
        except ImportError:
            return None, "reference not measured: gunicorn is not installed"
        (tmp / "media").mkdir()
        (tmp / "bench_settings.py").write_text(BENCH_SETTINGS.format(media=str(tmp / "media")))
        environment = {
            **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "PYTHONPATH": os.pathsep.join([str(tmp), str(settings.BASE_DIR)]),
            "SECRET_KEY": "bench-only-insecure-key",
            "DATABASE_URL": f"sqlite:///{tmp / 'demo.sqlite3'}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "USE_DB_WORKER": "false",
            "PIA_ARTIFACTS_ON_PUBLISH": "false",
            "PIA_PUBLIC_SITE_ROOT": "",
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        for step in (["migrate", "--noinput", "-v", "0"], ["load_demo"]):
            done = subprocess.run(  # noqa: S603
                [*manage, *step], env=environment, cwd=tmp, capture_output=True, text=True, timeout=900
            )
            if done.returncode:
                return None, f"reference not measured: {' '.join(step)} failed: {done.stderr.strip()[-500:]}"
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
            env=environment,
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(port, process, "gunicorn")
        return process, "reference: gunicorn serves production settings over plain HTTP from an SQLite copy of the demo"

    def _print(self, runs, report, render_s, page_size, sitemap_status, gunicorn_note):
        print(f"wrk {' '.join(WRK_ARGS)} on 127.0.0.1, {os.cpu_count()} CPUs; page {PAGE} ({page_size:,} bytes)")
        print(f"render_public_site: {len(report.rendered)} pages in {render_s:.1f} s")
        header = f"{'setup':<58}{'req/s':>10}{'p50 ms':>9}{'p90 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
        print(header)
        for run in runs:
            print(
                f"{run.label:<58}{run.requests_per_s:>10.0f}{run.p50_ms:>9.2f}{run.p90_ms:>9.2f}"
                f"{run.p95_ms:>9.2f}{run.p99_ms:>9.2f}{run.errors:>8}"
            )
        print(gunicorn_note)
        print(f"production setup, a URL that is not a file (/sitemap.xml) falls back to Django: HTTP {sitemap_status}")
        production, baseline = runs[0], runs[1]
        ratio = production.requests_per_s / baseline.requests_per_s
        verdict = "within" if ratio >= BUDGET_RATIO else "OVER"
        print(
            f"budget ≥ {BUDGET_RATIO:.2f} × nginx static throughput: production setup {production.requests_per_s:.0f} "
            f"req/s / nginx static {baseline.requests_per_s:.0f} req/s = {ratio:.2f}: {verdict} budget"
        )
