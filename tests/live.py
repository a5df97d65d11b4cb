"""Plumbing for the tests that drive a real browser against a live local server.

Why one module: the browser tests (dashboard end to end, offline map, map popup)
need the same Debian Chromium, the same launch flags, the same "is this request
still on this machine?" rule and the same start / wait / stop of a Streamlit
server.  Kept here so that a fix (a flag, a longer start-up) lands in all of them.
Nothing here imports playwright, so importing it costs nothing when tests skip.
"""
from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[1]
STATIC_DIR = REPO / "map_app" / "static"
CHROMIUM = "/usr/bin/chromium"
# No sandbox/GPU in containers; no background traffic that would show up as remote requests.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason=f"{CHROMIUM} missing: apt-get install -y chromium")

_LOCAL_SCHEMES = ("data", "blob", "about", "chrome-error")  # never touch the network


def launch_chromium(p):
    """Headless Debian Chromium from a playwright `p` (not playwright's own download)."""
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def free_port() -> int:
    """A loopback port that is free now (Streamlit needs a number up front)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_local(url: str) -> bool:
    """True if fetching `url` stays on this machine: the air-gap rule the tests enforce."""
    parts = urlsplit(url)
    if parts.scheme in _LOCAL_SCHEMES:
        return True
    host = parts.hostname or ""  # hostname drops the brackets of [::1]
    return host in ("localhost", "::1") or host.startswith("127.")


def _stop(proc: subprocess.Popen) -> None:
    """Terminate, and kill if it will not go within 10 s (no stray servers after a run)."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _not_healthy(base: str, proc: subprocess.Popen, timeout: float) -> str | None:
    """None once /_stcore/health answers 200, else why it never will."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return f"streamlit exited early (code {proc.returncode})"
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return None
        except OSError:
            pass
        time.sleep(0.3)
    return f"streamlit did not become healthy at {base} within {timeout:g} s"


@contextmanager
def streamlit_server(script: str | Path, *, env: Mapping[str, str] | None = None,
                     cwd: str | Path = REPO, extra_args: Sequence[str] = (),
                     log: Path | None = None, timeout: float = 60.0) -> Iterator[str]:
    """Run `python -m streamlit run script` on a free loopback port; yield its base URL.

    `env` is added to os.environ; Streamlit reads .streamlit/config.toml next to
    the script (map_app/.streamlit for the dashboard).  The server's output goes to `log` (a temp
    file if None) and is quoted in the failure if it dies or never gets healthy.
    The server is terminated on exit, however the block ends.
    """
    base = f"http://127.0.0.1:{free_port()}"
    cmd = [sys.executable, "-m", "streamlit", "run", str(script),
           "--server.port", base.rsplit(":", 1)[1], "--server.address", "127.0.0.1",
           "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", *extra_args]
    out = (open(log, "w+", encoding="utf-8", errors="replace") if log is not None
           else tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace"))
    with out:
        proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                                stdout=out, stderr=subprocess.STDOUT)
        try:
            problem = _not_healthy(base, proc, timeout)
            if problem:
                _stop(proc)  # first, so the log is complete and no longer written
                out.seek(0)
                raise AssertionError(f"{problem}:\n{out.read()}")
            yield base
        finally:
            _stop(proc)


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """The directory at /, and map_app/static at /app/static/ as Streamlit serves it."""

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if route.startswith("/app/static/"):  # the vendored Leaflet etc. of use_local_assets()
            return str(STATIC_DIR / unquote(route[len("/app/static/"):]))
        return super().translate_path(path)

    def log_message(self, *args) -> None:  # quiet test output
        pass


@contextmanager
def serve_directory(path: str | Path) -> Iterator[str]:
    """Serve `path` over loopback HTTP in a thread; yield the base URL.

    For pages that must be loaded from http:// (not file://) to behave as in the app.
    """
    handler = functools.partial(_StaticHandler, directory=str(path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
