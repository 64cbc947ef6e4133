"""Precision and recall of proposals against what a report truly says.

A truth is (kind, date, subject): the subject is the person's slug, or
"new:<name as written>" for a person not recorded yet, else the organization's
slug. A proposal counts once, by the same key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .proposals import Proposal

Key = tuple[str, str, str]


def key_of(p: Proposal) -> Key:
    if p.person is not None:
        subject = p.person.match or f"new:{p.person.name}"
    elif p.organization is not None:
        subject = p.organization.match or f"new:{p.organization.name}"
    else:
        subject = ""
    return (p.kind, p.date.isoformat() if p.date else "", subject)


@dataclass
class Score:
    precision: float
    recall: float
    missed: list[Key]
    extra: list[Key]
    proposed: int
    expected: int

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f}, recall {self.recall:.3f} "
            f"({self.proposed} proposed, {self.expected} expected)"
        )


def score(proposals: list[Proposal], truth: list[Key]) -> Score:
    got = [key_of(p) for p in proposals]
    want = set(truth)
    hits = {k for k in got if k in want}
    return Score(
        precision=len(hits) / len(got) if got else 1.0,
        recall=len(hits) / len(want) if want else 1.0,
        missed=sorted(want - hits),
        extra=sorted(k for k in set(got) if k not in want),
        proposed=len(got),
        expected=len(want),
    )


def fixture_truth(path: Path) -> list[Key]:
    """The incidents of a Django fixture (natural keys), as truths."""
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    out: list[Key] = []
    for obj in data:
        if obj.get("model") != "incidents.incident":
            continue
        f = obj["fields"]
        subject = (f["person"] or f["organization"] or [""])[0]
        out.append((f["kind"], f["date"], subject))
    return out


def file_truth(path: Path) -> list[Key]:
    """Truths written by hand: [{"kind", "date", "subject"}, …]."""
    rows: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return [(r["kind"], r["date"], r["subject"]) for r in rows]
