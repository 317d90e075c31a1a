"""The published JSON Schema agrees with the validator on real files."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from coachfolio.core.rubrics import load_rubric
from coachfolio.core.yamlfile import load_yaml
from conftest import REPO

SCHEMA = json.loads((files("coachfolio") / "schemas" / "rubric.schema.json").read_text(encoding="utf-8"))
DEMO_RUBRICS = sorted((REPO / "content" / "rubrics").glob("*.yml"))


def test_the_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", DEMO_RUBRICS, ids=lambda p: p.name)
def test_demo_rubrics_satisfy_both_the_schema_and_the_validator(path: Path) -> None:
    load_rubric(path, path.name)
    jsonschema.validate(load_yaml(path, path.name).data, SCHEMA)


def test_the_schema_rejects_what_the_validator_rejects() -> None:
    data = load_yaml(DEMO_RUBRICS[0], "x").data
    data["criteria"][0]["weigth"] = 2
    with pytest.raises(jsonschema.ValidationError, match="'weigth' was unexpected"):
        jsonschema.validate(data, SCHEMA)


def test_demo_rubrics_point_editors_at_the_schema() -> None:
    for path in DEMO_RUBRICS:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../plugins/coachfolio/schemas/rubric.schema.json"
        assert (path.parent / first.split("=", 1)[1]).resolve() == (REPO / "plugins/coachfolio/schemas/rubric.schema.json")
