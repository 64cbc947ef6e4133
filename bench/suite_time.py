"""The test suite's wall time at two or more commits, in one run on this
machine: each commit is checked out in a throwaway worktree (sharing this
checkout's .venv) and the suites run at the same time, so that each sees the
same load (on a machine of N CPUs, N suites get one each).

    .venv/bin/python bench/suite_time.py 9e6cb51 02ba2a7
    .venv/bin/python bench/suite_time.py 9e6cb51 HEAD --marker "not postgres"

SQLite (the suites' default database); browser tests included when Chromium
is installed (CI=1, so that none is skipped). Prints each commit's wall time,
the tests it ran and how they ended."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIT = shutil.which("git") or "/usr/bin/git"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("commits", nargs="+")
    parser.add_argument("--marker", default="not postgres")
    args = parser.parse_args()
    if len(set(args.commits)) != len(args.commits):
        parser.error("each commit once")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            run(args.commits, args.marker, Path(tmp))
        finally:  # no worktree left behind, whatever happened
            for commit in args.commits:
                subprocess.run(
                    [GIT, "worktree", "remove", "--force", str(Path(tmp) / commit)],
                    cwd=ROOT,
                    check=False,
                    capture_output=True,
                )


def run(commits: list[str], marker: str, tmp: Path) -> None:
    runs = []
    for commit in commits:
        tree = tmp / commit
        subprocess.run(
            [GIT, "worktree", "add", "--detach", str(tree), commit],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        (tree / ".venv").symlink_to(ROOT / ".venv")
        log = open(tmp / f"{commit}.log", "w+")  # noqa: SIM115  # closed below
        started = time.monotonic()
        process = subprocess.Popen(
            [".venv/bin/python", "-m", "pytest", "-q", "-p", "no:cacheprovider"] + ["-m", marker],
            cwd=tree,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "CI": "1"},
        )
        runs.append((commit, process, started, log))
    ended: dict[str, float] = {}
    while len(ended) < len(runs):  # each suite's own end, whichever ends first
        for commit, process, started, _log in runs:
            if commit not in ended and process.poll() is not None:
                ended[commit] = time.monotonic() - started
        time.sleep(0.2)
    print(f"{'commit':<12} {'wall time':>10}  result")
    for commit, _process, _started, log in runs:
        elapsed = ended[commit]
        log.seek(0)
        lines = [line.strip() for line in log if line.strip()]
        log.close()
        print(f"{commit:<12} {elapsed:>9.0f}s  {lines[-1] if lines else '(no output)'}")


if __name__ == "__main__":
    main()
