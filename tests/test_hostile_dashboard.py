"""The dashboard on hostile uploads and unsafe settings (issue 7, failures 3 and 6).

- An upload holding a hostile file next to a good one stores the good one and lists
  the failure in words: no traceback, no server path.
- `streamlit run <repo>/map_app/app.py` started from another folder keeps the safe
  settings: it listens on 127.0.0.1 only, the page sends no request off the machine,
  the server tries no external-IP lookup, and the offline map files are served.
- The page warns when it finds itself served with unsafe settings.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from map_app.dashboard.safety import unsafe_settings
from map_app.store import Store
from tests.live import REPO, free_port, is_local, launch_chromium, needs_chromium

APP = str(REPO / "map_app" / "app.py")
SERVE = str(REPO / "map_app" / "serve.py")
GOOD = "A drone strike hit Al-Bukamal on 2024-03-11, killing 2 fighters."
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.fixture()
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "incidents.sqlite"
    Store.open(path, with_demo=False).close()
    monkeypatch.setenv("MAP_APP_DB", str(path))
    return path


def _upload(files) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["tab"] = "Add articles"  # only the open tab runs
    at.run()
    at.get("file_uploader")[0].set_value(files)
    at.run()
    at.button(key="in_go").click().run()
    return at


def test_upload_with_a_hostile_file_stores_the_good_one_and_words_the_failure(db):
    at = _upload([
        ("hostile.json", f'{{"text": "x", "published": {"9" * 5000}}}'.encode(), "application/json"),
        ("deep.jsonl", f'{DEEP}\n{{"text": "{GOOD} Second report."}}\n'.encode(), "application/json"),
        ("good.txt", GOOD.encode(), "text/plain"),
    ])
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any(m.startswith("hostile.json: bad published date <a number of 5,000 digits>") for m in errors), errors
    assert any(m.startswith("deep.jsonl:1: invalid JSON (nested too deeply)") for m in errors), errors
    for message in errors:
        assert "Traceback" not in message and str(REPO) not in message and "site-packages" not in message
    with Store.open(db, with_demo=False) as store:
        texts = {store.article(i).text for i in range(1, store.stats()["articles"] + 1)}
    assert texts == {GOOD, f"{GOOD} Second report."}


def test_paste_of_an_article_over_the_limit_is_refused_in_words(db):
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["tab"] = "Add articles"
    at.run()
    at.text_area(key="in_text").input("clashes erupted in Tafas. " * 40_000)
    submit = next(b for b in at.button if "Add article" in (b.label or ""))
    submit.click().run()
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert message.startswith("Not stored: article is too long (1,040,000 characters; the limit is 1,000,000)")


# --------------------------------------------------------------------------- unsafe settings


def test_unsafe_settings_are_named():
    options = {"server.address": None, "browser.gatherUsageStats": True, "server.enableStaticServing": False}
    problems = unsafe_settings(options.get, lambda key: "<default>")
    assert len(problems) == 3
    assert "every network interface" in problems[0] and "usage statistics" in problems[1].lower()
    assert "map stays blank" in problems[2]
    safe = {"server.address": "127.0.0.1", "browser.gatherUsageStats": False, "server.enableStaticServing": True}
    assert unsafe_settings(safe.get, lambda key: "config.toml") == []
    shared = dict(safe, **{"server.address": "0.0.0.0"})
    assert unsafe_settings(shared.get, lambda key: "command-line argument or environment variable") == []
    assert "0.0.0.0" in unsafe_settings(shared.get, lambda key: "/etc/streamlit/config.toml")[0]


def test_the_page_warns_when_served_on_every_interface(db):
    saved = {k: (st_config.get_option(k), st_config.get_where_defined(k))
             for k in ("server.address", "browser.gatherUsageStats", "server.enableStaticServing")}
    try:
        st_config.set_option("server.address", "0.0.0.0", "/somewhere/config.toml")
        st_config.set_option("browser.gatherUsageStats", False, "/somewhere/config.toml")
        st_config.set_option("server.enableStaticServing", True, "/somewhere/config.toml")
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        assert any("Unsafe server settings" in w.value and "0.0.0.0" in w.value for w in at.warning)
        st_config.set_option("server.address", "127.0.0.1", "/somewhere/config.toml")
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        assert not any("Unsafe server settings" in w.value for w in at.warning)
    finally:
        for key, (value, where) in saved.items():
            st_config.set_option(key, value, where)


# --------------------------------------------------------------------------- a real server, started elsewhere


def _listening(pid: int) -> set[str]:
    """Addresses the process tree of `pid` listens on (TCP)."""
    proc = psutil.Process(pid)
    addresses = set()
    for p in [proc, *proc.children(recursive=True)]:
        for conn in p.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN:
                addresses.add(conn.laddr.ip)
    return addresses


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.mark.browser
@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("script", [APP, SERVE], ids=["app.py", "serve.py"])
def test_started_from_another_folder_the_safe_settings_hold(tmp_path, db, script):
    """`streamlit run <repo>/map_app/app.py` (the page) or `.../serve.py` (the page with the
    server's start-up work, as ./run.sh starts it) from tmp_path, with nothing but a port
    on the command line."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://localhost:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env["MAP_APP_DB"] = str(db)
    log = tmp_path / "server.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)],
                                cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while True:
                assert proc.poll() is None, log.read_text()
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                        if resp.status == 200:
                            break
                except OSError:
                    pass
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)

            # Listening on the loopback interface only.
            addresses = _listening(proc.pid)
            assert addresses and addresses <= {"127.0.0.1", "::1"}, addresses

            # The offline map files are served.
            status, body = _get(f"{base}/app/static/vendor/leaflet/dist/leaflet.js")
            static = REPO / "map_app" / "static"
            if (static / "vendor").resolve().is_relative_to(static.resolve()):
                assert status == 200 and b"Leaflet" in body[:4096]
            else:  # a worktree whose vendor/ links to another checkout: Streamlit will not follow it out
                assert status == 400

            # The page asks nothing from another machine (no usage statistics, no fonts or tiles).
            requests: list[str] = []
            with sync_playwright() as p:
                browser = launch_chromium(p)
                page = browser.new_page()
                page.on("request", lambda r: requests.append(r.url))
                page.goto(base, wait_until="domcontentloaded")
                page.get_by_text("Review queue").first.wait_for(timeout=90_000)
                page.wait_for_timeout(3000)
                warnings = page.get_by_text("Unsafe server settings").count()
                browser.close()
            assert requests and all(is_local(u) for u in requests), [u for u in requests if not is_local(u)]
            assert warnings == 0
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    text = log.read_text()
    # The server printed no network or external URL (it looks the external IP up to print one).
    assert "Network URL" not in text and "External URL" not in text, text
    assert "Traceback" not in text, text
