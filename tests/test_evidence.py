"""Evidence gathered into coverage: each piece of work counts once per indicator, at its best status."""

from __future__ import annotations

from coachfolio.core.evidence import Artifact, Coverage, Evidence
from coachfolio.core.frameworks import (
    Frameworks,
    bundled_framework_path,
    load_framework,
)

ISTE = load_framework(bundled_framework_path("iste-coaches-2019"), "iste-coaches-2019")


def test_the_same_work_counts_once_per_indicator_at_its_best_status() -> None:
    coverage = Coverage(Frameworks([ISTE]))
    indicator, other = ISTE.standards[0].indicators[0], ISTE.standards[0].indicators[1]
    post = Artifact("post", "Trust", "blog/trust/", "2019-12-16")
    rubric = Artifact("rubric", "Advisor skills", "rubrics/advisor/")
    coverage.add(Evidence(indicator, post))
    coverage.add(Evidence(indicator, rubric, "partial", "Trust", "criterion-trust"))
    coverage.add(Evidence(indicator, post, "meets"))  # a better status replaces the first
    coverage.add(Evidence(indicator, post, "begun"))  # a worse one does not
    coverage.add(Evidence(indicator, rubric, None, "Goals", "criterion-goals"))  # another criterion counts apart
    coverage.add(Evidence(other, post, "begun"))
    assert [(e.artifact.title, e.status, e.criterion) for e in coverage.for_indicator(indicator)] == [
        ("Trust", "meets", None),
        ("Advisor skills", "partial", "Trust"),
        ("Advisor skills", None, "Goals"),
    ]
    assert [(e.artifact.title, e.status) for e in coverage.for_indicator(other)] == [("Trust", "begun")]
    assert [[e.criterion for e in cell] for cell in coverage.row(indicator, [rubric, post])] == [["Trust", "Goals"], [None]]
