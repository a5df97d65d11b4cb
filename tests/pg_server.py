"""A throw-away PostgreSQL + PostGIS server for the tests and benchmarks.

`PostgresServer.start()` runs Debian's `initdb` into a temporary directory, starts
`postgres` on its own free port on 127.0.0.1 (no other address, trust auth for
loopback only), and prepares a template database with PostGIS so that each test
gets a fresh database in a few milliseconds (`new_database()`).  `stop()` shuts
the server down and deletes the directory.

CI runs as root and PostgreSQL refuses to run as root, so the server then runs as
the `postgres` system user (created by Debian's package) through `runuser`.
`unavailable()` says why a server cannot be started here (binaries missing).
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

#: Set by ./test.sh: a missing PostgreSQL is then an error, not a skip.
REQUIRE_ENV = "MAP_APP_REQUIRE_POSTGIS"
RUN_AS = "postgres"


def bindir() -> Path | None:
    """Newest Debian PostgreSQL with PostGIS installed (bin directory), or None."""
    for path in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                       key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
                       reverse=True):
        version = Path(path).parts[-3]
        if Path(f"/usr/share/postgresql/{version}/extension/postgis.control").exists():
            return Path(path).parent
    return None


def unavailable() -> str | None:
    if bindir() is None:
        return ("PostgreSQL with PostGIS is not installed (./test.sh installs Debian's "
                "postgresql and postgresql-15-postgis-3)")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(RUN_AS)
        except KeyError:
            return f"running as root and there is no {RUN_AS!r} user to run PostgreSQL as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="map_app_pg_"))
        self.port = _free_port()
        self.bin = bindir()
        self._names = itertools.count(1)
        self.started = False

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", RUN_AS, "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *args], check=check, capture_output=True, text=True,
                              timeout=120, cwd=self.root)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> "PostgresServer":
        if self.bin is None:
            raise RuntimeError(unavailable())
        if os.geteuid() == 0:
            user = pwd.getpwnam(RUN_AS)
            os.chown(self.root, user.pw_uid, user.pw_gid)
        data = self.root / "data"
        try:
            self._run(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres",
                      "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")
            options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                       "-c max_connections=50 -c shared_buffers=64MB")
            self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-o", options,
                      "-l", str(self.root / "server.log"), "-w", "-t", "60", "start")
        except subprocess.CalledProcessError as exc:
            log = self.root / "server.log"
            detail = (exc.stderr or "") + (log.read_text() if log.exists() else "")
            self.stop()
            raise RuntimeError(f"cannot start PostgreSQL: {detail.strip()[-2000:]}") from None
        self.started = True
        self.sql("CREATE DATABASE map_app_template")
        self.sql("CREATE EXTENSION postgis", database="map_app_template")
        return self

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement)

    def new_database(self, prefix: str = "t") -> str:
        """A fresh database with PostGIS installed; its URL."""
        name = f"{prefix}_{next(self._names)}"
        self.sql(f"CREATE DATABASE {name} TEMPLATE map_app_template")
        return self.url(name)

    def stop(self) -> None:
        if self.started and self.bin is not None:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m",
                      "immediate", "-w", "stop", check=False)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "PostgresServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
