"""Shared fixtures: the default gazetteer index (built by set-up; built here if missing)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# Tests never read a developer's own user layer (var/user_places.geojson).
os.environ.setdefault("GAZETTEER_USER_LAYER", str(ROOT / "tests" / "artifacts" / "no_user_layer.geojson"))


@pytest.fixture(scope="session")
def index_dir() -> Path:
    from gazetteer import default_index_dir

    path = default_index_dir()
    if not (path / "meta.json").exists():
        subprocess.run([PYTHON, "-m", "gazetteer", "build", "--quiet"], cwd=ROOT, check=True)
    return path


@pytest.fixture(scope="session")
def gazetteer(index_dir):
    from gazetteer import Gazetteer

    return Gazetteer.open(index_dir)


@pytest.fixture(scope="session")
def geoparser(gazetteer):
    from map_app import Geoparser

    return Geoparser(gazetteer)


def run_cli(module: str, *args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run([PYTHON, "-m", module, *args], cwd=ROOT, input=data,
                          capture_output=True, timeout=120)


# --------------------------------------------------------------------------- store backends

BACKENDS = ("sqlite", "postgis")


@pytest.fixture(scope="session")
def postgres_server():
    """One throw-away PostGIS server for the session (skipped where PostgreSQL is missing,
    an error under ./test.sh, which installs it)."""
    import os

    from pg_server import REQUIRE_ENV, PostgresServer, unavailable

    why = unavailable()
    if why is not None:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{REQUIRE_ENV} is set but {why}")
        pytest.skip(why)
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def store_url(backend: str, tmp_path: Path, request) -> str:
    """Where a fresh, empty store of the parametrised backend lives (a path or a URL)."""
    if backend == "sqlite":
        return str(tmp_path / "db" / "incidents.sqlite")
    return request.getfixturevalue("postgres_server").new_database()
