"""Standards frameworks: the bundled ones, the file format, and code look-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from coachfolio.core.frameworks import (
    Frameworks,
    Indicator,
    bundled_framework_ids,
    bundled_framework_path,
    load_framework,
    normalise_code,
)
from coachfolio.core.problems import DataFileError

BUNDLED = {i: load_framework(bundled_framework_path(i), i) for i in bundled_framework_ids()}


@pytest.mark.parametrize(
    ("framework_id", "standards"),
    [
        (
            "iste-coaches-2019",
            {"Change Agent": 5, "Connected Learner": 3, "Collaborator": 4, "Learning Designer": 4,
             "Professional Learning Facilitator": 3, "Data-Driven Decision-Maker": 3, "Digital Citizen Advocate": 4},
        ),
        (
            "iste-coaches-2011",
            {"Visionary Leadership": 4, "Teaching, Learning and Assessments": 8, "Digital Age Learning Environments": 7,
             "Professional Development and Program Evaluation": 3, "Digital Citizenship": 3,
             "Content Knowledge and Professional Growth": 3},
        ),
        (
            "iste-educators-2017",
            {"Learner": 3, "Leader": 3, "Citizen": 4, "Collaborator": 4, "Designer": 3, "Facilitator": 4, "Analyst": 3},
        ),
        (
            "iste-students-2016",
            {"Empowered Learner": 4, "Digital Citizen": 4, "Knowledge Constructor": 4, "Innovative Designer": 4,
             "Computational Thinker": 4, "Creative Communicator": 4, "Global Collaborator": 4},
        ),
    ],
)
def test_bundled_frameworks_have_the_published_shape(framework_id: str, standards: dict[str, int]) -> None:
    framework = BUNDLED[framework_id]
    assert {s.name: len(s.indicators) for s in framework.standards} == standards
    assert [s.code for s in framework.standards] == [str(n) for n in range(1, len(standards) + 1)]
    for standard in framework.standards:
        letters = "abcdefgh"[: len(standard.indicators)]
        assert [i.code for i in standard.indicators] == [f"{standard.code}.{letter}" for letter in letters]


def test_bundled_frameworks_total_indicators() -> None:
    assert {i: len(list(f.indicators())) for i, f in BUNDLED.items()} == {
        "iste-coaches-2011": 28,
        "iste-coaches-2019": 26,
        "iste-educators-2017": 24,
        "iste-students-2016": 28,
    }


def test_bundled_frameworks_ship_labels_only_never_official_text() -> None:
    for framework in BUNDLED.values():
        assert framework.url and framework.url.startswith("https://iste.org/")
        assert "not ISTE's wording" in framework.notice
        for indicator in framework.indicators():
            assert indicator.text == ""
            assert 10 < len(indicator.label) <= 90


@pytest.mark.parametrize(
    ("written", "normalised"),
    [("1.a", "1.a"), ("1a", "1.a"), ("1.A", "1.a"), (" 1. a ", "1.a"), ("4.1.a", "4.1.a"), ("A1", "a.1"), ("A.1", "a.1"), ("10b", "10.b")],
)
def test_normalise_code(written: str, normalised: str) -> None:
    assert normalise_code(written) == normalised


FRAMEWORKS = Frameworks(BUNDLED.values(), default="iste-coaches-2019")


@pytest.mark.parametrize(
    ("reference", "key"),
    [
        ("1.a", "iste-coaches-2019:1.a"),
        ("1a", "iste-coaches-2019:1.a"),
        ("1.A", "iste-coaches-2019:1.a"),
        ("4.1.a", "iste-coaches-2019:1.a"),  # ISTE's own numbering of the coaches' standards
        ("iste-coaches-2019:7.d", "iste-coaches-2019:7.d"),
        ("iste-coaches-2011:2h", "iste-coaches-2011:2.h"),
        ("iste-educators-2017:2.1.a", "iste-educators-2017:1.a"),
        ("iste-educators-2017:7c", "iste-educators-2017:7.c"),
        ("iste-students-2016:1.7.d", "iste-students-2016:7.d"),
    ],
)
def test_references_resolve_to_indicators(reference: str, key: str) -> None:
    found = FRAMEWORKS.resolve(reference)
    assert isinstance(found, Indicator)
    assert found.key == key


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("1.f", "'1.f' is not an indicator of iste-coaches-2019 (did you mean 1.e or 1.d?)"),
        ("iste-coaches-2011:1.e", "'1.e' is not an indicator of iste-coaches-2011 (did you mean 1.d or 1.c?)"),
        ("2.i", "'2.i' is not an indicator of iste-coaches-2019 (did you mean 2.c or 2.b?)"),
        ("9.z", "'9.z' is not an indicator of iste-coaches-2019"),
        (
            "iste-coachs-2019:1.a",
            "unknown framework 'iste-coachs-2019' (did you mean 'iste-coaches-2019' or 'iste-coaches-2011' or 'iste-educators-2017'?); "
            "configured frameworks: iste-coaches-2011, iste-coaches-2019, iste-educators-2017, iste-students-2016",
        ),
    ],
)
def test_unknown_references_say_what_is_close(reference: str, message: str) -> None:
    assert FRAMEWORKS.resolve(reference) == message


def test_bare_codes_need_a_default() -> None:
    frameworks = Frameworks(BUNDLED.values(), default=None)
    assert frameworks.resolve("1.a") == (
        "'1.a' names no framework and no default framework is set; write it as <framework>:1.a "
        "(iste-coaches-2011, iste-coaches-2019, iste-educators-2017, iste-students-2016)"
    )


def test_a_framework_file_with_every_kind_of_problem(tmp_path: Path) -> None:
    path = tmp_path / "mine.yml"
    path.write_text(
        "id: Advisor Competencies\n"
        "title: Advisor competencies\n"
        "standards:\n"
        "  - code: A\n"
        "    name: Relationships\n"
        "    indicators:\n"
        "      - code: A.1\n"
        "        label: Builds trust\n"
        "      - code: a1\n"
        "        label: Duplicate in another spelling\n"
        "      - code: A.2\n"
        "        lable: Typo\n"
        "  - code: A\n"
        "    name: Again\n"
        "    indicators: []\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as error:
        load_framework(path, "standards/mine.yml")
    assert str(error.value).splitlines() == [
        "standards/mine.yml:1:5: framework id 'Advisor Competencies' must be lowercase letters, digits and hyphens (such as 'advisor-competencies')",
        "standards/mine.yml:9:15: duplicate indicator code 'a1' (first used on line 7)",
        "standards/mine.yml:11:9: indicator A.2 has no 'label'",
        "standards/mine.yml:12:9: unknown key 'lable' in indicator A.2 (did you mean 'label'?)",
        "standards/mine.yml:13:11: duplicate standard code 'A' (first used on line 4)",
        "standards/mine.yml:15:17: standard A needs 'indicators': a list of at least 1 indicator",
    ]


def test_bundled_frameworks_satisfy_the_published_schema() -> None:
    import json
    from importlib.resources import files

    import jsonschema
    from coachfolio.core.yamlfile import load_yaml

    schema = json.loads((files("coachfolio") / "schemas" / "framework.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for framework_id in bundled_framework_ids():
        jsonschema.validate(load_yaml(bundled_framework_path(framework_id), framework_id).data, schema)
