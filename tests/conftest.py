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
