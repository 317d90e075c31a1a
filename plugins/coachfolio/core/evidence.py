"""Evidence: which pieces of work show which indicators, and the coverage it adds up to.

Artifacts (reflections, pages, rubrics) are gathered while a site is read; each
alignment becomes an `Evidence` entry for an indicator. `Coverage` answers the
questions the standards pages ask: what shows this indicator, what is missing,
and what the coverage matrix looks like.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from coachfolio.core.frameworks import Framework, Frameworks, Indicator

STATUS_ORDER = {"meets": 3, "partial": 2, "begun": 1, None: 0}


class Artifact(NamedTuple):
    """A piece of work in the portfolio: a post, another page, or a rubric."""

    kind: str  # "post", "page" or "rubric"
    title: str
    url: str  # site-relative, as MkDocs gives it: "blog/2019/12/16/the-gift/"
    date: str | None = None  # ISO date for posts
    excerpt: str = ""


class Evidence(NamedTuple):
    """An artifact (or one rubric criterion of it) shown as evidence for an indicator."""

    indicator: Indicator
    artifact: Artifact
    status: str | None = None
    criterion: str | None = None  # the criterion's title, for rubric evidence
    anchor: str | None = None  # the fragment of the criterion's row

    @property
    def url(self) -> str:
        return f"{self.artifact.url}#{self.anchor}" if self.anchor else self.artifact.url


def order_artifacts(artifacts: Iterable[Artifact]) -> list[Artifact]:
    """Posts newest first, then other pages, then rubrics, each group by title."""
    artifacts = list(artifacts)
    posts = sorted((a for a in artifacts if a.kind == "post"), key=lambda a: (a.date or "", a.title.lower()), reverse=True)
    rest = sorted((a for a in artifacts if a.kind != "post"), key=lambda a: (a.kind != "page", a.title.lower()))
    return posts + rest


@dataclass
class Coverage:
    """Evidence for every indicator of the configured frameworks."""

    frameworks: Frameworks
    _evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    # Where each (indicator, artifact, criterion) sits in `_evidence`, so `add` need not search.
    _positions: dict[tuple[str, str, str | None], int] = field(default_factory=dict)
    # Sorted views, computed once after the last `add` (the matrix asks thousands of times).
    _sorted: dict[str, list[Evidence]] | None = None

    def add(self, evidence: Evidence) -> None:
        """Record `evidence`; the same artifact (and criterion) counts once per indicator, at its best status."""
        self._sorted = None
        key = evidence.indicator.key
        entries = self._evidence.setdefault(key, [])
        index = self._positions.setdefault((key, evidence.artifact.url, evidence.anchor), len(entries))
        if index == len(entries):
            entries.append(evidence)
        elif STATUS_ORDER[evidence.status] > STATUS_ORDER[entries[index].status]:
            entries[index] = evidence

    def extend(self, evidence: Iterable[Evidence]) -> None:
        for item in evidence:
            self.add(item)

    def for_indicator(self, indicator: Indicator) -> list[Evidence]:
        """The evidence for `indicator`, in matrix column order."""
        if self._sorted is None:
            rank = {a.url: n for n, a in enumerate(self.artifacts())}
            # A stable sort keeps criteria of one rubric in the rubric's own order.
            self._sorted = {key: sorted(entries, key=lambda e: rank[e.artifact.url]) for key, entries in self._evidence.items()}
        return self._sorted.get(indicator.key, [])

    def covered(self, framework: Framework) -> int:
        """How many of the framework's indicators have any evidence."""
        return sum(1 for i in framework.indicators() if self._evidence.get(i.key))

    def evidence_count(self, framework: Framework) -> int:
        return sum(len(self._evidence.get(i.key, [])) for i in framework.indicators())

    def artifacts(self) -> list[Artifact]:
        """Every artifact that is evidence for something, in matrix column order."""
        unique = {e.artifact.url: e.artifact for entries in self._evidence.values() for e in entries}
        return order_artifacts(unique.values())

    def row(self, indicator: Indicator, artifacts: list[Artifact]) -> list[Sequence[Evidence]]:
        """The matrix row of `indicator`: for each of `artifacts`, the evidence it gives (several
        criteria of a rubric may), empty where there is none.

        One call a row: a call a cell would cost the matrix template tens of
        thousands of calls on a large portfolio. The cells are gathered for
        each row and dropped with it: the matrix asks for a row once, and a
        table of every cell kept for the rest of the build would be a thousand
        lists on a large portfolio.
        """
        cells: dict[str, list[Evidence]] = {}
        for evidence in self.for_indicator(indicator):
            cells.setdefault(evidence.artifact.url, []).append(evidence)
        return [cells.get(artifact.url, ()) for artifact in artifacts]

    def matrix_csv(self, absolute: Callable[[str], str]) -> str:
        """One row per indicator: framework,code,label,evidence_count,evidence.

        `absolute` turns a site-relative URL into the address written in the file.
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["framework", "code", "label", "evidence_count", "evidence"])
        for framework in self.frameworks:
            for indicator in framework.indicators():
                entries = self.for_indicator(indicator)
                writer.writerow(
                    [framework.id, indicator.code, indicator.label, len(entries), "; ".join(absolute(e.url) for e in entries)]
                )
        return out.getvalue()
