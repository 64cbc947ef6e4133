"""What the bench scripts share: where the data sets live, and the environment
that serves the project as in production on them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python")


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
