"""Rubric files: every kind of mistake gets an exact, located message."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from coachfolio.core.problems import DataFileError
from coachfolio.core.rubrics import load_rubric, parse_rubric
from conftest import build_site, write_site
from mkdocs.exceptions import Abort

FILE = "content/rubrics/advisor.yml"

GOOD = """\
title: Advisor skills
levels:
  - label: Exemplary
    points: 4
  - label: Proficient
    points: 3
criteria:
  - title: Builds trust
    descriptors:
      Exemplary: Students seek the advisor out.
      Proficient: Students speak openly.
"""


def problems(text: str) -> list[str]:
    with pytest.raises(DataFileError) as error:
        parse_rubric(textwrap.dedent(text), "advisor", FILE)
    return [str(p) for p in error.value.problems]


def test_a_valid_rubric_loads() -> None:
    rubric = parse_rubric(GOOD, "advisor", FILE)
    assert rubric.title == "Advisor skills"
    assert [level.label for level in rubric.levels] == ["Exemplary", "Proficient"]
    assert rubric.criteria[0].id == "builds-trust"
    assert rubric.criteria[0].weight == 1
    assert rubric.max_points == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", ["content/rubrics/advisor.yml:1:1: the file is empty; expected a rubric with 'title', 'levels' and 'criteria'"], id="empty"),
        pytest.param(
            "- one\n- two\n",
            ["content/rubrics/advisor.yml:1:1: expected a rubric (a mapping with 'title', 'levels' and 'criteria'), found a list"],
            id="not-a-mapping",
        ),
        pytest.param(
            "title: x\nlevels:\n\t- label: A\n",
            ["content/rubrics/advisor.yml:3:1: tab character in indentation; YAML is indented with spaces only"],
            id="tab",
        ),
        pytest.param(
            "title: [unclosed\nlevels: []\n",
            ["content/rubrics/advisor.yml:2:7: YAML syntax error: expected ',' or ']', but got ':'"],
            id="syntax",
        ),
        pytest.param(
            "title: !!python/object/apply:os.system ['echo hi']\n",
            ["content/rubrics/advisor.yml:1:8: unsupported YAML tag '!!python/object/apply:os.system'; only text, numbers, dates, lists and mappings are allowed"],
            id="python-tag",
        ),
    ],
)
def test_unreadable_files(text: str, expected: list[str]) -> None:
    assert problems(text) == expected


def test_missing_and_empty_required_fields() -> None:
    assert problems("description: nothing else\n") == [
        "content/rubrics/advisor.yml:1:1: the rubric has no 'criteria'; expected a list of at least 1 criterion",
        "content/rubrics/advisor.yml:1:1: the rubric has no 'levels'; expected a list of at least 2 levels",
        "content/rubrics/advisor.yml:1:1: the rubric has no 'title'",
    ]
    assert problems(GOOD.replace("title: Advisor skills", "title: ''")) == [
        "content/rubrics/advisor.yml:1:8: 'title' of the rubric is empty",
    ]
    assert problems(GOOD.replace("  - title: Builds trust\n", "  - descriptors_: x\n").replace("    descriptors:", "    descriptors:")) == [
        "content/rubrics/advisor.yml:8:5: criterion 1 has no 'title'",
        "content/rubrics/advisor.yml:8:5: unknown key 'descriptors_' in criterion 1 (did you mean 'descriptors' or 'description'?)",
    ]


def test_fewer_than_two_levels() -> None:
    text = """\
    title: x
    levels:
      - label: Only
        points: 1
    criteria:
      - title: C
        descriptors: {Only: a}
    """
    assert problems(text) == ["content/rubrics/advisor.yml:3:3: a rubric needs at least 2 levels, found 1"]


def test_duplicate_level_labels_and_criterion_ids() -> None:
    text = """\
    title: x
    levels:
      - label: Met
        points: 2
      - label: Met
        points: 1
    criteria:
      - title: Trust
        descriptors: {Met: a}
      - title: Other
        id: trust
        descriptors: {Met: b}
    """
    assert problems(text) == [
        "content/rubrics/advisor.yml:5:12: duplicate level label 'Met' (first used on line 3)",
        "content/rubrics/advisor.yml:11:9: duplicate criterion id 'trust' (first used on line 8)",
    ]


def test_points_must_match_the_scoring() -> None:
    scored = """\
    title: x
    levels:
      - label: High
        points: four
      - label: Low
    criteria:
      - title: C
        descriptors: {High: a, Low: b}
    """
    assert problems(scored) == [
        "content/rubrics/advisor.yml:4:13: level 'High' has points 'four'; expected a number",
        "content/rubrics/advisor.yml:5:5: level 'Low' has no 'points'; expected a number because scoring is 'points'",
    ]
    unscored = """\
    title: x
    scoring: unscored
    levels:
      - label: High
        points: 2
      - label: Low
    criteria:
      - title: C
        descriptors: {High: a, Low: b}
    """
    assert problems(unscored) == [
        "content/rubrics/advisor.yml:5:5: level 'High' has points, but the rubric's scoring is 'unscored'",
    ]
    assert problems(GOOD.replace("title: Advisor skills", "title: x\nscoring: graded")) == [
        "content/rubrics/advisor.yml:2:10: 'scoring' must be 'points' or 'unscored', not 'graded'",
    ]


def test_descriptors_must_match_the_levels() -> None:
    text = GOOD.replace("      Exemplary: Students seek the advisor out.\n", "      Exemplery: Students seek the advisor out.\n")
    assert problems(text) == [
        "content/rubrics/advisor.yml:10:7: criterion 'Builds trust' has a descriptor for 'Exemplery', which is not a level (did you mean 'Exemplary'?)",
        "content/rubrics/advisor.yml:10:7: criterion 'Builds trust' has no descriptor for level 'Exemplary'",
    ]


def test_an_empty_descriptor_leaves_a_cell_blank_on_purpose() -> None:
    rubric = parse_rubric(GOOD.replace("Proficient: Students speak openly.", 'Proficient: ""'), "advisor", FILE)
    assert rubric.criteria[0].descriptors == {"Exemplary": "Students seek the advisor out.", "Proficient": ""}


def test_unknown_keys_suggest_the_closest_key() -> None:
    text = GOOD.replace("title: Advisor skills", "titel: Advisor skills").replace("    descriptors:", "    weigth: 2\n    descriptors:")
    assert problems(text) == [
        "content/rubrics/advisor.yml:1:1: the rubric has no 'title'",
        "content/rubrics/advisor.yml:1:1: unknown key 'titel' in the rubric (did you mean 'title'?)",
        "content/rubrics/advisor.yml:9:5: unknown key 'weigth' in criterion 'Builds trust' (did you mean 'weight'?)",
    ]


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = """\
    title: Advisor
    levels:
      - label: Exemplary
        points: four
      - label: Proficient
        points: 3
    criteria:
      - title: Builds trust
        id: Builds Trust
        weight: -1
        descriptors:
          Proficient: ok
    """
    assert problems(text) == [
        "content/rubrics/advisor.yml:4:13: level 'Exemplary' has points 'four'; expected a number",
        "content/rubrics/advisor.yml:9:9: id 'Builds Trust' of criterion 'Builds trust' must be lowercase letters, digits and hyphens (such as 'builds-trust')",
        "content/rubrics/advisor.yml:10:13: criterion 'Builds trust' has weight -1; expected a number above 0",
        "content/rubrics/advisor.yml:12:7: criterion 'Builds trust' has no descriptor for level 'Exemplary'",
    ]


def test_aliases_cannot_blow_up_memory_or_time() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5
    # Aliases share their anchor's node, so the position is that of the anchored value.
    assert found == ["content/rubrics/advisor.yml:1:56: the file expands to more than 200000 values (are aliases nested?)"]


def test_file_names_must_be_slugs(tmp_path: Path) -> None:
    path = tmp_path / "Advisor Skills.yml"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_rubric(path, "content/rubrics/Advisor Skills.yml")
    assert str(error.value) == "content/rubrics/Advisor Skills.yml:1:1: rubric file names must be lowercase letters, digits and hyphens, such as 'advisor-skills.yml'"


SITE = """\
site_name: Test
docs_dir: docs
theme: {name: material, font: false}
plugins:
  - coachfolio/rubrics
"""


def test_a_build_with_bad_rubrics_fails_listing_every_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_site(
        tmp_path,
        SITE,
        {
            "docs/index.md": "# Home\n",
            "docs/rubrics/alpha.yml": "title: Alpha\nlevels: []\ncriteria: []\n",
            "docs/rubrics/beta.yml": "- not a rubric\n",
        },
    )
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "Rubric files have problems:\n"
        "docs/rubrics/alpha.yml:2:9: a rubric needs at least 2 levels, found 0\n"
        "docs/rubrics/alpha.yml:3:11: a rubric needs at least 1 criterion, found 0\n"
        "docs/rubrics/beta.yml:1:1: expected a rubric (a mapping with 'title', 'levels' and 'criteria'), found a list"
    ]


def test_mkdocs_build_reports_rubric_errors_without_a_traceback(tmp_path: Path) -> None:
    config = write_site(tmp_path, SITE, {"docs/index.md": "# Home\n", "docs/rubrics/alpha.yml": "title: Alpha\n"})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "docs/rubrics/alpha.yml:1:1: the rubric has no 'levels'; expected a list of at least 2 levels" in result.stderr


def test_an_unknown_rubric_in_an_embed_fails_a_strict_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_site(
        tmp_path,
        SITE,
        {
            "docs/index.md": "# Home\n\nIntro.\n\n::rubric[advisor-skils]\n",
            "docs/rubrics/advisor-skills.yml": GOOD,
        },
    )
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [
        "coachfolio: docs/index.md:5:1: unknown rubric 'advisor-skils' (did you mean 'advisor-skills'?); rubrics are the .yml files in docs/rubrics/"
    ]


def test_embed_errors_count_lines_of_the_whole_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    page = "---\ntitle: Home\ntags: [a]\n---\n\n# Home\n\n    ::rubric[nope]\n"
    config = write_site(tmp_path, SITE, {"docs/index.md": page, "docs/rubrics/advisor-skills.yml": GOOD})
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "coachfolio: docs/index.md:8:5: unknown rubric 'nope'; rubrics are the .yml files in docs/rubrics/"
    ]
