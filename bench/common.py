"""What the bench scripts share: where the data sets live, the environment that
serves the project as in production on them, the servers (gunicorn, started and
stopped around a block), plain HTTP requests, the list page's total and the
emptying of the project's cache."""

from __future__ import annotations

import http.client
import re
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
# The count on the incident list: <p class="total" role="status"><strong>1,234</strong> …
TOTAL_RE = re.compile(r'<p class="total"[^>]*>\s*<strong>([^<]*)</strong>')
# A row of the list's table: <a href="/incidents/12/"><time datetime="2020-05-01">
ROW_DATE_RE = re.compile(r'<a href="/incidents/\d+/"><time datetime="(\d{4}-\d\d-\d\d)">')


def production_env(count: int, database_url: str | None, host: str) -> dict[str, str]:
    """DJANGO_DEBUG=0 on the data set of `count` incidents (bench/out/ for
    SQLite, or `database_url`), answering to `host`, without HTTPS redirects."""
    return {
        "DATABASE_URL": database_url or f"sqlite:///{OUT / f'bench-{count}.sqlite3'}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": host,
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_HSTS_SECONDS": "0",
    }


def manage(env: dict[str, str], *args: str) -> str:
    """Run manage.py with `env`; its standard output."""
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def sqlite_path(database_url: str) -> Path | None:
    """The file of a sqlite:/// URL (relative to the project), None for another."""
    if not database_url.startswith("sqlite:"):
        return None
    path = Path(database_url.removeprefix("sqlite:").removeprefix("///"))
    return path if path.is_absolute() else ROOT / path


def wait_for(port: int, seconds: float = 60) -> None:
    """Until something answers HTTP on the port."""
    stop = time.perf_counter() + seconds
    while True:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("HEAD", "/", headers={"Host": HOST})
            conn.getresponse().read()
            conn.close()
            return
        except (OSError, http.client.HTTPException):
            if time.perf_counter() > stop:
                raise RuntimeError(f"nothing answers on port {port}") from None
            time.sleep(0.2)


@contextmanager
def served(command: list[str], port: int, **popen: Any) -> Iterator[subprocess.Popen]:
    """A server process, running (answering on `port`) for the block."""
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **popen
    )
    try:
        wait_for(port)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def gunicorn(env: dict[str, str], port: int, workers: int) -> Any:
    """The project as in production (tracker.wsgi, whitenoise) for the block."""
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "tracker.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "300",
    ]
    return served(command, port, cwd=ROOT, env=env)


def get(port: int, path: str, timeout: float = 300) -> tuple[int, bytes]:
    """One GET on a fresh connection: status and body."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": HOST})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def our_total(html: bytes) -> int:
    """The number of incidents the list page says match (its p.total)."""
    match = TOTAL_RE.search(html.decode())
    if not match:
        raise ValueError('no <p class="total"> in the page')
    return int(re.sub(r"\D", "", match.group(1)))


def our_dates(html: bytes) -> list[str]:
    """The dates of the list page's rows, in order."""
    return ROW_DATE_RE.findall(html.decode())


class CacheEmptier:
    """Deletes every row of the project's cache table (tracker_cache: cached
    counts, search ids, protected names, and the counts version that per-process
    objects are keyed by), so that the next request is served as right after a
    publish. One connection, kept open, with the database URL."""

    def __init__(self, database_url: str) -> None:
        path = sqlite_path(database_url)
        if path is not None:
            self.conn: Any = sqlite3.connect(path, timeout=60, isolation_level=None)
        else:
            import psycopg  # in the project's venv

            self.conn = psycopg.connect(database_url, autocommit=True)

    def __call__(self) -> None:
        self.conn.execute("DELETE FROM tracker_cache")

    def close(self) -> None:
        self.conn.close()
