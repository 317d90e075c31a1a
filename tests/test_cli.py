"""The `coachfolio` command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from coachfolio import __version__
from coachfolio.cli import main


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "coachfolio", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout == f"coachfolio {__version__}\n"


def test_without_a_command_it_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: coachfolio [-h] [--version] COMMAND ...")
    assert "schema" in out


def test_schema_prints_the_rubric_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "rubric"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Coachfolio rubric"
    assert schema["required"] == ["title", "levels", "criteria"]


def test_schema_prints_the_framework_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "framework"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Coachfolio standards framework"
